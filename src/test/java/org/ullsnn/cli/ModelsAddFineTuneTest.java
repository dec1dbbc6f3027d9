package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.data.CifarReader;
import org.ullsnn.data.ImageSetIterator;
import org.ullsnn.data.IteratorOptions;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.data.Split;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.experiment.FineTuneRun;
import org.ullsnn.experiment.FineTunedCard;
import org.ullsnn.experiment.ModelZoo;
import org.ullsnn.experiment.ShippedFineTuning;
import org.ullsnn.experiment.TinyRuns;
import org.ullsnn.nn.Graphs;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.Simulator;
import org.ullsnn.snn.SpikingNetwork;

/** {@code ullsnn models add-finetune}: a finished fine-tuning run shipped beside its model, checked and listed. */
class ModelsAddFineTuneTest {

    @TempDir
    static Path shared;
    static String data;
    static Path models;
    /** A finished one-epoch fine-tuning of model m, in the runs root. */
    static Path tuned;

    @TempDir
    Path dir;
    final SmallCli cli = new SmallCli();

    @BeforeAll
    static void shipAndFineTune() throws Exception {
        data = TinyRuns.writeData(shared.resolve("data")).toString();
        Path run = TinyRuns.train(Path.of(data), shared.resolve("runs"), TinyRuns.config("r", 2, 0));
        models = shared.resolve("repo/models");
        new ModelZoo(models).add(run, "m", "bin/ullsnn train --name r", false, false,
                new ModelZoo.DataSource(Path.of(data), true, TinyRuns.LAYOUTS), ProgressListener.silent());
        SmallCli cli = new SmallCli();
        assertEquals(0, cli.run("finetune", "--model", "m", "--timesteps", "2", "--strategy", "half-shift", "--epochs",
                "1", "--batch", "8", "--train-per-class", "2", "--test-per-class", "1", "--calibration-images", "20",
                "--runs", shared.resolve("out").toString(), "--models", models.toString(), "--data", data, "--offline"),
                cli.err());
        tuned = shared.resolve("out/m/finetune/half-shift-T2");
    }

    /** A copy of the shipped models, so that a test may change it. */
    private Path copyOfModels() throws Exception {
        Path copy = dir.resolve("models");
        copyTree(models, copy);
        return copy;
    }

    private int add(Path modelsDir, Path run, String... more) {
        List<String> all = new ArrayList<>(List.of("models", "add-finetune", "--run", run.toString(), "--model", "m",
                "--models", modelsDir.toString(), "--data", data, "--offline"));
        all.addAll(List.of(more));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void addShipsTheRunWithItsFullTestSetAccuracyAndTheModelsListItChecked() throws Exception {
        Path modelsDir = copyOfModels();
        assertEquals(0, add(modelsDir, tuned), cli.err());

        Path shipped = modelsDir.resolve("m/finetune/half-shift-T2");
        assertTrue(ShippedFineTuning.isComplete(shipped));
        assertFalse(TinyRuns.zipEntries(shipped.resolve("model.zip")).contains("updaterState.bin"));
        for (String f : List.of("metrics.csv", "drift.csv", "accuracy_before.json", "config.json")) {
            assertEquals(-1, Files.mismatch(tuned.resolve(f), shipped.resolve(f)), f);
        }
        FineTunedCard card = ShippedFineTuning.readCard(shipped);
        assertEquals("m", card.model());
        assertEquals("half-shift", card.strategy());
        assertEquals(2, card.timesteps());
        assertEquals(1, card.epochs());
        assertEquals(TinyRuns.sha256(shipped.resolve("model.zip")), card.snnSha256());
        assertEquals(10, card.runTestImages(), "1 per class");
        var read = FineTuneRun.read(shipped);
        assertEquals(FineTuneRun.read(tuned).history(), read.history());
        assertEquals(1, read.history().size());
        assertEquals(read.accuracyBefore(), card.accuracyBefore());
        assertEquals(FineTuneRun.readConfig(tuned), read.config());
        // measured on the whole small test set (20 images), from the file that ships
        var test = new CifarReader(TinyRuns.SMALL).read(Path.of(data), Split.TEST, LabelLevel.FINE);
        assertEquals(test.size(), card.testImages());
        double expected = Simulator.run(SpikingNetwork.of(Graphs.load(shipped.resolve("model.zip"))),
                new ImageSetIterator(test, CifarDataset.CIFAR10.normalization(), IteratorOptions.evaluation(100)),
                ProgressListener.silent()).finalAccuracy();
        assertEquals(expected, card.testAccuracy(), 1e-12);
        // the command it prints reproduces the run's settings
        assertTrue(card.finetuneCommand().startsWith("bin/ullsnn finetune --model m --strategy half-shift --timesteps 2 "
                + "--epochs 1 --batch 8 "), card.finetuneCommand());
        assertTrue(cli.out().contains("reproduce: " + card.finetuneCommand()), cli.out());

        String readme = Files.readString(modelsDir.resolve("README.md"));
        assertTrue(readme.contains("| `m` | `half-shift-T2` | half-shift | 2 | 1 |"), readme);
        assertTrue(readme.contains(card.finetuneCommand() + "\nbin/ullsnn models add-finetune --run "
                + "runs/m/finetune/half-shift-T2 --model m"), readme);

        cli.clear();
        assertEquals(0, cli.run("models", "--models", modelsDir.toString()), cli.err());
        assertTrue(cli.out().contains("1 model(s), 1 fine-tuned SNN(s)"), cli.out());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("m ") && l.contains("half-shift-T2") && l.endsWith("OK")),
                cli.out());
    }

    @Test
    void aDamagedShippedSnnFailsTheListingByName() throws Exception {
        Path modelsDir = copyOfModels();
        assertEquals(0, add(modelsDir, tuned), cli.err());
        TinyRuns.flipByte(modelsDir.resolve("m/finetune/half-shift-T2/model.zip"), 60);
        cli.clear();
        assertEquals(1, cli.run("models", "--models", modelsDir.toString()));
        assertTrue(cli.err().contains("m/finetune/half-shift-T2: MISMATCH: model.zip has SHA-256"), cli.err());
    }

    @Test
    void unfinishedForeignAndExistingRunsAreRefusedWritingNothing() throws Exception {
        Path modelsDir = copyOfModels();
        Path unfinished = dir.resolve("unfinished");
        copyTree(tuned, unfinished);
        Files.delete(unfinished.resolve("model.zip"));
        assertEquals(1, add(modelsDir, unfinished));
        assertTrue(cli.err().contains("has not finished (model.zip missing)") && cli.err().contains("--resume"), cli.err());

        Path foreign = dir.resolve("foreign");
        copyTree(tuned, foreign);
        String config = Files.readString(foreign.resolve("config.json"));
        String sha = sourceSha(tuned);
        Files.writeString(foreign.resolve("config.json"), config.replace(sha, "0".repeat(64)));
        cli.clear();
        assertEquals(1, add(modelsDir, foreign));
        assertTrue(cli.err().contains("was converted from a model with SHA-256 " + "0".repeat(64)), cli.err());
        assertFalse(Files.exists(modelsDir.resolve("m").resolve(FineTuneRun.FINETUNE_DIR).resolve("half-shift-T2")));

        cli.clear();
        assertEquals(0, add(modelsDir, tuned), cli.err());
        cli.clear();
        assertEquals(1, add(modelsDir, tuned));
        assertTrue(cli.err().contains("already ships fine-tuning half-shift-T2") && cli.err().contains("--force"),
                cli.err());
        cli.clear();
        assertEquals(0, add(modelsDir, tuned, "--force"), cli.err());
        try (var s = Files.list(modelsDir.resolve("m/finetune"))) {
            assertEquals(List.of("half-shift-T2"), s.map(p -> p.getFileName().toString()).toList(), "no leftovers");
        }
    }

    private static String sourceSha(Path run) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("config.json").toFile())
                .path("provenance").path("data").path("model").asText();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
