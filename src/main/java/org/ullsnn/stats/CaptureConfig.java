package org.ullsnn.stats;

/**
 * How {@link DistributionCapture} reads a network's pre-activations. Start from {@link #defaults()}.
 *
 * @param batchSize         images per forward pass, {@code >= 1}
 * @param reservoirCapacity values kept per layer ({@link ReservoirSampler}), {@code >= 1}; memory is
 *                          {@code 8 * reservoirCapacity} bytes per layer whatever the number of images
 * @param histogramBins     equal bins of each layer's histogram over {@code [min z, max z]}, {@code >= 1}
 * @param seed              seed of the reservoirs (layer {@code i} gets the {@code i}-th draw of a
 *                          {@code SplittableRandom(seed)})
 */
public record CaptureConfig(int batchSize, int reservoirCapacity, int histogramBins, long seed) {

    /** The default seed, shared with the rest of the project's conventions. */
    public static final long DEFAULT_SEED = 12345L;

    /**
     * Default batch: METHOD.md's training batch; small enough for VGG-16's activations of all vertices to fit
     * in memory at once.
     */
    public static final int DEFAULT_BATCH_SIZE = 128;

    /**
     * Default reservoir: 100,000 values per layer, so the 99.99th percentile still has 10 sampled values above
     * it, and a VGG-16 (15 spiking layers) keeps 12 MB of samples.
     */
    public static final int DEFAULT_RESERVOIR_CAPACITY = 100_000;

    /** Default histogram: 100 bins, one per percent of the range. */
    public static final int DEFAULT_HISTOGRAM_BINS = 100;

    public CaptureConfig {
        Checks.positive("batchSize", batchSize);
        Checks.positive("reservoirCapacity", reservoirCapacity);
        Checks.positive("histogramBins", histogramBins);
    }

    /** Batch 128, reservoir 100,000, 100 bins, seed {@value #DEFAULT_SEED}. */
    public static CaptureConfig defaults() {
        return new CaptureConfig(DEFAULT_BATCH_SIZE, DEFAULT_RESERVOIR_CAPACITY, DEFAULT_HISTOGRAM_BINS,
                DEFAULT_SEED);
    }

    /** This config with another batch size. */
    public CaptureConfig withBatchSize(int b) {
        return new CaptureConfig(b, reservoirCapacity, histogramBins, seed);
    }

    /** This config with another reservoir capacity. */
    public CaptureConfig withReservoirCapacity(int k) {
        return new CaptureConfig(batchSize, k, histogramBins, seed);
    }

    /** This config with another number of histogram bins. */
    public CaptureConfig withHistogramBins(int bins) {
        return new CaptureConfig(batchSize, reservoirCapacity, bins, seed);
    }

    /** This config with another reservoir seed. */
    public CaptureConfig withSeed(long s) {
        return new CaptureConfig(batchSize, reservoirCapacity, histogramBins, s);
    }
}
