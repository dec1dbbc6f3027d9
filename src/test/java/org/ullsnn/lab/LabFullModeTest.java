package org.ullsnn.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.experiment.ModelZoo;
import org.ullsnn.experiment.RunLocation;
import org.ullsnn.experiment.TinyRuns;
import org.ullsnn.progress.ProgressListener;

/**
 * Full mode's order: the shipped model, then the run, then the quick run (trained when none is there). On the small
 * CIFAR-10 files with the tiny net standing in for each.
 */
class LabFullModeTest {

    @TempDir
    static Path shared;
    static Path data;
    /** A finished run of the tiny net (config.json, metrics.csv, model.zip). */
    static Path trained;

    @TempDir
    Path repo;

    @BeforeAll
    static void trainOnce() throws Exception {
        data = TinyRuns.writeData(shared.resolve("data"));
        trained = TinyRuns.train(data, shared.resolve("runs"), TinyRuns.config("r", 1, 0));
    }

    private LabPaths paths() throws Exception {
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        return LabPaths.locate(Map.of("ULLSNN_DATA", data.toString()), repo, null);
    }

    /** A copy of the trained run as {@code runs/<name>}. */
    private void placeRun(LabPaths paths, String name) throws Exception {
        Path to = Files.createDirectories(paths.run(name));
        for (String f : List.of("config.json", "metrics.csv", "model.zip")) {
            Files.copy(trained.resolve(f), to.resolve(f));
        }
    }

    private void shipModel(LabPaths paths, String name) throws Exception {
        new ModelZoo(paths.models()).add(trained, name, "bin/ullsnn train --name r", false, false,
                new ModelZoo.DataSource(data, true, TinyRuns.LAYOUTS), ProgressListener.silent());
    }

    @Test
    void theShippedModelComesFirstThenTheRunThenTheQuickRun() throws Exception {
        LabPaths paths = paths();
        LabSetup setup = LabSetup.VGG16_CIFAR10;
        assertEquals("c10-vgg16-w0.25-clip-bn", setup.model());
        assertEquals("c100-vgg16-w0.25-clip-bn", LabSetup.VGG16_CIFAR100.model());
        assertEquals("c10-resnet20-w0.25-clip-bn", LabSetup.RESNET20_CIFAR10.model());
        assertEquals(Optional.empty(), FullInputs.choose(setup, paths), "nothing there: the quick run gets trained");

        placeRun(paths, setup.quickRun());
        assertEquals(RunLocation.ofRun(paths.run(setup.quickRun())), FullInputs.choose(setup, paths).orElseThrow());

        placeRun(paths, setup.run());
        assertEquals(RunLocation.ofRun(paths.run(setup.run())), FullInputs.choose(setup, paths).orElseThrow());

        shipModel(paths, setup.model());
        RunLocation chosen = FullInputs.choose(setup, paths).orElseThrow();
        assertTrue(chosen.isModel());
        assertEquals(paths.models().resolve(setup.model()), chosen.source());
        assertEquals(paths.run(setup.model()), chosen.outputs(), "outputs under runs/<name>, never in models/");

        assertEquals(Optional.empty(), FullInputs.choose(LabSetup.RESNET20_CIFAR10, paths), "another setup's model");
    }

    @Test
    void aDamagedShippedModelIsAnErrorNotAReasonToFallBack() throws Exception {
        LabPaths paths = paths();
        LabSetup setup = LabSetup.VGG16_CIFAR10;
        placeRun(paths, setup.run());
        shipModel(paths, setup.model());
        TinyRuns.flipByte(paths.models().resolve(setup.model()).resolve("model.zip"), 64);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FullInputs.choose(setup, paths));
        assertTrue(e.getMessage().contains("MISMATCH") && e.getMessage().contains(setup.model()), e.getMessage());
    }

    /** A fine-tuning folder {@code <dir>/finetune/<name>/} holding the files a finished run has (empty ones will do here). */
    private static Path fineTuningFolder(Path dir, String name, List<String> files) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("finetune").resolve(name));
        for (String f : files) {
            Files.writeString(folder.resolve(f), "");
        }
        return folder;
    }

    @Test
    void savedFineTuningPrefersTheUsersRunToTheShippedOneAndSkipsUnfinishedRuns() throws Exception {
        LabPaths paths = paths();
        LabSetup setup = LabSetup.VGG16_CIFAR10;
        shipModel(paths, setup.model());
        LabInputs in = FullInputs.load(setup, paths, 0, TinyRuns.LAYOUTS, 20, ProgressListener.silent());
        List<String> finished = org.ullsnn.experiment.ShippedFineTuning.RUN_FILES;
        assertEquals(Optional.empty(), in.savedFineTuning("fitted-dnn_1.3-T2"));

        Path shipped = fineTuningFolder(in.runDir(), "fitted-dnn_1.3-T2", finished);
        assertEquals(Optional.of(shipped), in.savedFineTuning("fitted-dnn_1.3-T2"));

        Path unfinished = fineTuningFolder(in.outputDir(), "fitted-dnn_1.3-T2", finished.subList(1, finished.size()));
        assertEquals(Optional.of(shipped), in.savedFineTuning("fitted-dnn_1.3-T2"), "a run without " + finished.get(0));

        Files.writeString(unfinished.resolve(finished.get(0)), "");
        assertEquals(Optional.of(unfinished), in.savedFineTuning("fitted-dnn_1.3-T2"), "the user's own run first");
        assertEquals(Optional.empty(), in.savedFineTuning("recommended-T2"));
    }

    @Test
    void fullModeLoadsTheShippedModelAndPutsFiguresUnderRuns() throws Exception {
        LabPaths paths = paths();
        LabSetup setup = LabSetup.VGG16_CIFAR10;
        placeRun(paths, setup.run());
        shipModel(paths, setup.model());
        Map<String, String> before = TinyRuns.snapshot(paths.models());

        LabInputs in = FullInputs.load(setup, paths, 0, TinyRuns.LAYOUTS, 20, ProgressListener.silent());
        assertEquals(LabMode.FULL, in.mode());
        assertEquals(paths.models().resolve(setup.model()), in.runDir());
        assertEquals(paths.run(setup.model()), in.outputDir());
        assertEquals(paths.run(setup.model()).resolve("figures"), in.figuresDir());
        assertEquals(20, in.test().size());
        assertTrue(in.source().startsWith("shipped model c10-vgg16-w0.25-clip-bn (tiny, width 1.0, clip-relu, CIFAR-10)"),
                in.source());
        assertTrue(in.source().endsWith("from models/c10-vgg16-w0.25-clip-bn/model.zip; outputs in runs/c10-vgg16-w0.25-clip-bn"),
                "paths relative to the repository: " + in.source());
        assertEquals(before, TinyRuns.snapshot(paths.models()), "loading writes nothing into models/");
    }

    @Test
    void withoutAModelFullModeStillUsesTheRunAndItsOwnFolderForOutputs() throws Exception {
        LabPaths paths = paths();
        LabSetup setup = LabSetup.VGG16_CIFAR10;
        placeRun(paths, setup.run());
        LabInputs in = FullInputs.load(setup, paths, 1, TinyRuns.LAYOUTS, 20, ProgressListener.silent());
        assertEquals(paths.run(setup.run()), in.runDir());
        assertEquals(paths.run(setup.run()), in.outputDir());
        assertEquals(paths.run(setup.run()).resolve("figures"), in.figuresDir());
        assertEquals(10, in.test().size());
        assertFalse(Files.exists(paths.models()));
    }
}
