package org.ullsnn.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.experiment.RunInputs;
import org.ullsnn.experiment.TrainRun;
import org.ullsnn.experiment.TrainRunConfig;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.plot.Plots;
import org.ullsnn.progress.ProgressListener;

/**
 * Full mode's inputs: the trained CPU-preset run when it exists, else a width-reduced VGG-16 trained here on first
 * use (the same library calls as {@code ullsnn train} and {@code ullsnn convert}).
 */
final class FullInputs {

    /** The CPU-scale reproduction's run (VGG-16, width 0.25, ClipReLU, BN, CIFAR-10). */
    static final String RUN = "c10-vgg16-w0.25-clip-bn";
    /** Trained here when {@link #RUN} is absent. */
    static final String QUICK_RUN = "c10-vgg16-w0.25-clip-bn-quick";
    static final int QUICK_EPOCHS = 4;
    static final int QUICK_TRAIN_PER_CLASS = 1000;
    static final int CALIBRATION_IMAGES = 1024;
    static final int BATCH = 100;

    private FullInputs() {
    }

    static LabInputs load(LabPaths paths, int testPerClass, ProgressListener progress) throws IOException {
        Path run = paths.run(RUN);
        if (!hasModel(run)) {
            run = paths.run(QUICK_RUN);
            if (!hasModel(run)) {
                train(paths, run, progress);
            }
        }
        RunInputs in = RunInputs.load(run, paths.data(), false, CALIBRATION_IMAGES, testPerClass, progress);
        TrainRunConfig c = in.config();
        String source = String.format(Locale.ROOT, "%s (%s, width %s, %s%s, %s) from %s", c.name(),
                c.network().architecture().cliName(), c.network().width(), c.network().activation().cliName(),
                c.network().batchNorm() ? ", BN" : "", c.dataset().displayName(), in.modelFile());
        return new LabInputs(LabMode.FULL, source, in.dnn(), run, in.calibration(), in.test(),
                c.dataset().normalization(), Plots.figuresDir(run));
    }

    static boolean hasModel(Path run) {
        return Files.isRegularFile(run.resolve(TrainRun.CONFIG_FILE)) && Files.isRegularFile(run.resolve(TrainRun.MODEL_FILE));
    }

    /** The quick run's settings: the CPU preset with BN, {@value #QUICK_EPOCHS} epochs on part of the training set. */
    static TrainRunConfig quickConfig() {
        NetworkSpec net = NetworkSpec.cpuPreset(CifarDataset.CIFAR10.classes(LabelLevel.FINE)).withBatchNorm(true);
        return new TrainRunConfig(QUICK_RUN, CifarDataset.CIFAR10, LabelLevel.FINE, net,
                TrainConfig.cpuPreset().withEpochs(QUICK_EPOCHS), QUICK_TRAIN_PER_CLASS, 0, true);
    }

    private static void train(LabPaths paths, Path run, ProgressListener progress) throws IOException {
        TrainRun trainer = new TrainRun(paths.data(), false, progress);
        if (Files.isRegularFile(run.resolve(TrainRun.CONFIG_FILE))) {
            trainer.resume(run);   // a quick run interrupted earlier
        } else {
            trainer.start(quickConfig(), paths.runs());
        }
    }
}
