package org.ullsnn.nn.train;

/**
 * What one training epoch measured.
 *
 * @param epoch           1-based epoch number
 * @param learningRate    the learning rate used in this epoch
 * @param trainLoss       mean batch loss over the epoch (cross-entropy plus the L2 term, as DL4J scores it)
 * @param testAccuracy    top-1 accuracy on the test set after the epoch, in [0, 1]
 * @param trainImages     images trained on in this epoch
 * @param trainSeconds    wall time of the training passes (without evaluation)
 * @param imagesPerSecond {@code trainImages / trainSeconds}
 * @param evalSeconds     wall time of the test evaluation
 * @param peakRssMb       the process's peak resident memory so far (VmHWM), MiB, or -1 where unknown
 */
public record EpochMetrics(
        int epoch,
        double learningRate,
        double trainLoss,
        double testAccuracy,
        long trainImages,
        double trainSeconds,
        double imagesPerSecond,
        double evalSeconds,
        long peakRssMb) {

    public EpochMetrics {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch is 1-based, got " + epoch);
        }
        if (!(testAccuracy >= 0 && testAccuracy <= 1)) {
            throw new IllegalArgumentException("accuracy must be in [0, 1], got " + testAccuracy);
        }
    }
}
