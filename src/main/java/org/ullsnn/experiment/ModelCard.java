package org.ullsnn.experiment;

import java.time.Instant;
import java.util.Locale;

/**
 * What {@code models/<name>/model.json} says about a shipped model ({@link ModelZoo}): what it is, how well it does
 * on the full test set, how it was made and the checksum of its {@code model.zip}.
 *
 * @param name          the model's name, its folder under {@code models/}
 * @param dataset       {@code cifar10} or {@code cifar100}
 * @param datasetName   {@code CIFAR-10} or {@code CIFAR-100}
 * @param labels        the label level, {@code fine} or {@code coarse}
 * @param classes       number of classes
 * @param architecture  {@code vgg11}, {@code vgg16}, {@code resnet20} or {@code tiny}
 * @param width         the width multiplier
 * @param batchNorm     whether every convolution is followed by batch norm
 * @param activation    {@code clip-relu} or {@code relu}
 * @param parameters    number of parameters
 * @param testAccuracy  test accuracy in [0, 1], measured by {@code ullsnn models add} on the full test set
 * @param testImages    the number of test images it was measured on
 * @param epochs        epochs trained
 * @param trainingHours the training run's time: the sum of its metrics' train and evaluation seconds, in hours
 * @param trainCommand  the {@code bin/ullsnn train} command line that reproduces the run, every setting explicit
 * @param run           the training run's name
 * @param modelSha256   SHA-256 of {@code model.zip}
 * @param modelBytes    size of {@code model.zip}
 * @param added         when the entry was made
 * @param precision     {@code FP16} when {@code model.zip} holds half-precision parameters (read back as FLOAT, the
 *                      accuracy above measured on them), else {@code FP32}; cards written before it read as null,
 *                      which means FP32
 */
public record ModelCard(
        String name,
        String dataset,
        String datasetName,
        String labels,
        int classes,
        String architecture,
        double width,
        boolean batchNorm,
        String activation,
        long parameters,
        double testAccuracy,
        int testImages,
        int epochs,
        double trainingHours,
        String trainCommand,
        String run,
        String modelSha256,
        long modelBytes,
        Instant added,
        String precision) {

    /** Full-precision parameters (what a card written before the field existed means by null). */
    public static final String FP32 = "FP32";
    /** Half-precision parameters ({@code models add --half-precision}). */
    public static final String FP16 = "FP16";

    /** Whether {@code model.zip} holds half-precision parameters. */
    public boolean halfPrecision() {
        return FP16.equals(precision);
    }

    /** e.g. {@code vgg16 w0.25 clip-relu BN}. */
    public String network() {
        return String.format(Locale.ROOT, "%s w%s %s%s", architecture, width, activation, batchNorm ? " BN" : "");
    }
}
