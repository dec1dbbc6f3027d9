package org.ullsnn.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarLayout;
import org.ullsnn.experiment.ModelCard;
import org.ullsnn.experiment.ModelZoo;
import org.ullsnn.experiment.RunInputs;
import org.ullsnn.experiment.RunLocation;
import org.ullsnn.experiment.TrainRun;
import org.ullsnn.experiment.RunConfig;
import org.ullsnn.plot.Plots;
import org.ullsnn.progress.ProgressListener;

/**
 * Full mode's inputs, the first of: the setup's shipped model ({@code models/<name>}, read only, its outputs in
 * {@code runs/<name>}), its trained run ({@code runs/<name>}), its width-reduced quick run, trained here on first use
 * (the same library calls as {@code ullsnn train} and {@code ullsnn convert}).
 */
final class FullInputs {

    static final int CALIBRATION_IMAGES = 1024;
    static final int BATCH = 100;

    private FullInputs() {
    }

    static LabInputs load(LabSetup setup, LabPaths paths, int testPerClass, ProgressListener progress)
            throws IOException {
        return load(setup, paths, testPerClass, CifarLayout::official, CALIBRATION_IMAGES, progress);
    }

    /** As above, with the CIFAR file layout per data set and the number of calibration images (tests: small files). */
    static LabInputs load(LabSetup setup, LabPaths paths, int testPerClass, Function<CifarDataset, CifarLayout> layouts,
            int calibrationImages, ProgressListener progress) throws IOException {
        Optional<RunLocation> found = choose(setup, paths);
        RunLocation location;
        if (found.isPresent()) {
            location = found.get();
        } else {
            location = RunLocation.ofRun(paths.run(setup.quickRun()));
            train(setup, paths, location.source(), layouts, progress);
        }
        RunInputs in = RunInputs.load(location.source(), paths.data(), false, calibrationImages, testPerClass, layouts,
                progress);
        RunConfig c = in.config();
        String network = "(" + c.describeNetwork() + ", " + c.dataset().displayName() + ")";
        String source;
        if (location.isModel()) {
            ModelCard card = ModelZoo.readCard(location.source());
            source = String.format(Locale.ROOT, "shipped model %s %s, %.2f %% on %,d test images, from %s; outputs in %s",
                    location.modelName(), network, 100 * card.testAccuracy(), card.testImages(),
                    paths.shown(in.modelFile()), paths.shown(location.outputs()));
        } else {
            source = String.format(Locale.ROOT, "%s %s from %s", c.name(), network, paths.shown(in.modelFile()));
        }
        return new LabInputs(setup, LabMode.FULL, source, in.dnn(), location.source(), location.outputs(),
                in.calibration(), in.test(), c.normalization(), Plots.figuresDir(location.outputs()), paths);
    }

    /**
     * Where full mode finds the setup's DNN, in this order: the shipped model {@code <models>/<name>} (checked against
     * its SHA-256: a damaged one is an error, not a reason to train), the run {@code <runs>/<name>}, the quick run
     * {@code <runs>/<name>-quick}, each when it holds a model; empty when none does (the quick run is then trained).
     */
    static Optional<RunLocation> choose(LabSetup setup, LabPaths paths) {
        Path model = paths.models().resolve(setup.model());
        if (ModelZoo.FILES.stream().anyMatch(f -> Files.exists(model.resolve(f)))) {
            ModelZoo.requireIntact(model);
            return Optional.of(RunLocation.resolve(model, paths.models(), paths.runs()));
        }
        for (String name : new String[] {setup.run(), setup.quickRun()}) {
            Path run = paths.run(name);
            if (hasModel(run)) {
                return Optional.of(RunLocation.ofRun(run));
            }
        }
        return Optional.empty();
    }

    static boolean hasModel(Path run) {
        return Files.isRegularFile(run.resolve(TrainRun.CONFIG_FILE)) && Files.isRegularFile(run.resolve(TrainRun.MODEL_FILE));
    }

    private static void train(LabSetup setup, LabPaths paths, Path run, Function<CifarDataset, CifarLayout> layouts,
            ProgressListener progress) throws IOException {
        TrainRun trainer = new TrainRun(paths.data(), false, progress, layouts);
        if (Files.isRegularFile(run.resolve(TrainRun.CONFIG_FILE))) {
            trainer.resume(run);   // a quick run interrupted earlier
        } else {
            trainer.start(setup.quickConfig(), paths.runs());
        }
    }
}
