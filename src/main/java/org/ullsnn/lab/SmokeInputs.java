package org.ullsnn.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.ImageSetIterator;
import org.ullsnn.data.ImageShape;
import org.ullsnn.data.IteratorOptions;
import org.ullsnn.data.Normalization;
import org.ullsnn.data.SyntheticImages;
import org.ullsnn.experiment.CifarEpochData;
import org.ullsnn.io.FileTrees;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.nn.train.CheckpointStore;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.nn.train.Trainer;
import org.ullsnn.progress.ProgressListener;

/**
 * Smoke mode's inputs: a setup's small stand-in network trained in memory, in seconds, on synthetic images (no CIFAR,
 * no runs/).
 */
final class SmokeInputs {

    static final int TRAIN_PER_CLASS = 64;
    static final int TEST_PER_CLASS = 16;
    static final int CALIBRATION_PER_CLASS = 32;
    static final int EPOCHS = 3;
    static final int BATCH = 32;
    private static final long SEED = 3;

    private SmokeInputs() {
    }

    static LabInputs load(LabSetup setup, LabPaths paths, int testPerClass, ProgressListener progress)
            throws IOException {
        ImageShape shape = setup.smokeShape();
        ImageSet train = trainingSet(setup);
        ImageSet test = testSet(setup, testPerClass);
        Normalization normalization = SyntheticImages.normalization(shape.channels());
        TrainConfig config = TrainConfig.defaults().withEpochs(EPOCHS).withBatchSize(16).withLearningRate(setup.smokeLearningRate())
                .withSeed(SEED);
        NetworkSpec spec = setup.smokeSpec();
        ComputationGraph net = Networks.build(spec, config.updater(), config.l2(), config.seed());
        Path checkpoints = Files.createTempDirectory("ullsnn-smoke-checkpoints");
        try {
            new Trainer(config, new CheckpointStore(checkpoints, 1), progress, m -> { })
                    .train(net, new CifarEpochData(train, test, normalization, config.batchSize(), SEED, false),
                            List.of());
        } finally {
            FileTrees.delete(checkpoints);
        }
        ImageSet calibrationSet = train.firstPerClass(CALIBRATION_PER_CLASS);
        INDArray calibration = new ImageSetIterator(calibrationSet, normalization,
                IteratorOptions.evaluation(calibrationSet.size())).next().getFeatures();
        String network = spec.architecture() == Architecture.TINY ? "the tiny network"
                : String.format(Locale.ROOT, "%s at width %s%s", spec.architecture().cliName(), spec.width(),
                        spec.batchNorm() ? " with BN" : "");
        String source = String.format(Locale.ROOT, "%s trained for %d epochs on %d synthetic %dx%dx%d images of %d "
                + "classes, no CIFAR needed", network, EPOCHS, train.size(), shape.channels(), shape.height(),
                shape.width(), setup.smokeClasses());
        return new LabInputs(setup, LabMode.SMOKE, source, net, null, null, calibration, test, normalization,
                figuresDir(paths), paths);
    }

    /** The synthetic images the stand-in trains on (and calibrates with). */
    static ImageSet trainingSet(LabSetup setup) {
        return SyntheticImages.generate(setup.smokeClasses(), TRAIN_PER_CLASS, setup.smokeShape(), 11);
    }

    /** The synthetic test images, the first {@code testPerClass} of each class (0: all). */
    static ImageSet testSet(LabSetup setup, int testPerClass) {
        ImageSet test = SyntheticImages.generate(setup.smokeClasses(), TEST_PER_CLASS, setup.smokeShape(), 12);
        return testPerClass > 0 && testPerClass < TEST_PER_CLASS ? test.firstPerClass(testPerClass) : test;
    }

    /** {@code <root>/target/notebook-figures} inside a build, else a new temporary folder: never the sources. */
    static Path figuresDir(LabPaths paths) throws IOException {
        Path target = paths.root().resolve("target");
        return Files.isDirectory(target) ? target.resolve("notebook-figures")
                : Files.createTempDirectory("ullsnn-notebook-figures");
    }
}
