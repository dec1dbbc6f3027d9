package org.ullsnn.experiment;

import java.util.Locale;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.data.Normalization;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.train.TrainConfig;

/**
 * A DNN training run on CIFAR: what to build, how to train it and on which images. Saved as
 * {@code config.json} in the run folder, so {@code --resume} continues with exactly these settings.
 *
 * @param name          run folder name under the runs directory ({@code [A-Za-z0-9._-]+})
 * @param dataset       CIFAR-10 or CIFAR-100
 * @param labelLevel    fine (CIFAR-10's only level) or coarse CIFAR-100 labels
 * @param network       the network; its class count must match the dataset's
 * @param training      optimiser, schedule, epochs, batch, seed
 * @param trainPerClass use the first N training images of each class (0: all) for fast experiments
 * @param testPerClass  use the first N test images of each class (0: all)
 * @param augment       random crop (padding 4) and horizontal flip during training
 * @param initFrom      a trained network to start from instead of a random initialisation (a run folder or a
 *                      shipped model's folder, as given; its model's SHA-256 goes into the provenance), or null
 */
public record TrainRunConfig(
        String name,
        CifarDataset dataset,
        LabelLevel labelLevel,
        NetworkSpec network,
        TrainConfig training,
        int trainPerClass,
        int testPerClass,
        boolean augment,
        String initFrom) implements RunConfig {

    public TrainRunConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run name must match [A-Za-z0-9._-]+, got '" + name + "'");
        }
        if (dataset == null || labelLevel == null || network == null || training == null) {
            throw new IllegalArgumentException("dataset, labelLevel, network and training must be set");
        }
        if (!dataset.levels().contains(labelLevel)) {
            throw new IllegalArgumentException(dataset.displayName() + " has no " + labelLevel + " labels");
        }
        int classes = dataset.classes(labelLevel);
        if (network.numClasses() != classes) {
            throw new IllegalArgumentException("the network has " + network.numClasses() + " outputs but "
                    + dataset.displayName() + " (" + labelLevel + ") has " + classes + " classes");
        }
        if (trainPerClass < 0 || testPerClass < 0) {
            throw new IllegalArgumentException("images per class must be >= 0 (0 = all), got train "
                    + trainPerClass + ", test " + testPerClass);
        }
        if (initFrom != null && initFrom.isBlank()) {
            throw new IllegalArgumentException("initFrom must name a trained network's folder or be null");
        }
    }

    /** A run that starts from a random initialisation. */
    public TrainRunConfig(String name, CifarDataset dataset, LabelLevel labelLevel, NetworkSpec network,
            TrainConfig training, int trainPerClass, int testPerClass, boolean augment) {
        this(name, dataset, labelLevel, network, training, trainPerClass, testPerClass, augment, null);
    }

    /** The data set's standard normalisation ({@link CifarDataset#normalization()}), which training uses. */
    @Override
    public Normalization normalization() {
        return dataset.normalization();
    }

    /** E.g. {@code vgg16, width 0.25, clip-relu, BN}. */
    @Override
    public String describeNetwork() {
        return network.architecture().cliName() + ", width " + network.width() + ", " + network.activation().cliName()
                + (network.activationLevels() > 0 ? " (" + network.activationLevels() + " levels)" : "")
                + (network.batchNorm() ? ", BN" : "");
    }

    /** A readable default run name, e.g. {@code cifar10-vgg16-w0.25-clip-relu}. */
    public static String defaultName(CifarDataset dataset, NetworkSpec network) {
        return String.format(Locale.ROOT, "%s-%s-w%s-%s%s", dataset.id(), network.architecture().cliName(),
                trim(network.width()), network.activation().cliName(), network.batchNorm() ? "-bn" : "");
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
