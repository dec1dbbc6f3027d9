package org.ullsnn.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ullsnn.experiment.RunInputs;
import org.ullsnn.experiment.TrainRun;
import org.ullsnn.experiment.TrainRunConfig;
import org.ullsnn.plot.Plots;
import org.ullsnn.progress.ProgressListener;

/**
 * Full mode's inputs: a setup's trained run when it exists, else its width-reduced quick run, trained here on first
 * use (the same library calls as {@code ullsnn train} and {@code ullsnn convert}).
 */
final class FullInputs {

    static final int CALIBRATION_IMAGES = 1024;
    static final int BATCH = 100;

    private FullInputs() {
    }

    static LabInputs load(LabSetup setup, LabPaths paths, int testPerClass, ProgressListener progress)
            throws IOException {
        Path run = paths.run(setup.run());
        if (!hasModel(run)) {
            run = paths.run(setup.quickRun());
            if (!hasModel(run)) {
                train(setup, paths, run, progress);
            }
        }
        RunInputs in = RunInputs.load(run, paths.data(), false, CALIBRATION_IMAGES, testPerClass, progress);
        TrainRunConfig c = in.config();
        String source = String.format(Locale.ROOT, "%s (%s, width %s, %s%s, %s) from %s", c.name(),
                c.network().architecture().cliName(), c.network().width(), c.network().activation().cliName(),
                c.network().batchNorm() ? ", BN" : "", c.dataset().displayName(), in.modelFile());
        return new LabInputs(setup, LabMode.FULL, source, in.dnn(), run, in.calibration(), in.test(),
                c.dataset().normalization(), Plots.figuresDir(run), paths);
    }

    static boolean hasModel(Path run) {
        return Files.isRegularFile(run.resolve(TrainRun.CONFIG_FILE)) && Files.isRegularFile(run.resolve(TrainRun.MODEL_FILE));
    }

    private static void train(LabSetup setup, LabPaths paths, Path run, ProgressListener progress)
            throws IOException {
        TrainRun trainer = new TrainRun(paths.data(), false, progress);
        if (Files.isRegularFile(run.resolve(TrainRun.CONFIG_FILE))) {
            trainer.resume(run);   // a quick run interrupted earlier
        } else {
            trainer.start(setup.quickConfig(), paths.runs());
        }
    }
}
