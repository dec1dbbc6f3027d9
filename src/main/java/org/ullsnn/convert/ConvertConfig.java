package org.ullsnn.convert;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.ullsnn.snn.ResetMode;
import org.ullsnn.stats.CaptureConfig;

/**
 * How to convert: the strategy, T, and the calibration images.
 *
 * @param strategy          chooses each layer's (theta, v, u0)
 * @param timesteps         T, {@code >= 1}
 * @param calibrationImages normalised training images {@code [N, C, H, W]}, not augmented
 * @param capture           batch size, reservoir size, histogram bins and seed of the DNN capture
 * @param snnPairs          samples per layer collected in SNN-mode calibration, {@code >= 1}
 * @param reset             the IF neurons' reset (subtraction in the paper)
 * @param seed              seed of the SNN-mode sample positions
 * @param weightCalibration layer-wise weight calibration after the thresholds ({@link WeightCalibration}), or null
 *                          for none (the default)
 * @param countMaxPool      max-pools pass on the spikes of their most active input so far (count-max,
 *                          {@link org.ullsnn.snn.TimeScanLayer}) instead of the largest spike of each step (the
 *                          paper's, the default)
 */
public record ConvertConfig(ThresholdStrategy strategy, int timesteps, INDArray calibrationImages,
        CaptureConfig capture, int snnPairs, ResetMode reset, long seed, WeightCalibration.Settings weightCalibration,
        boolean countMaxPool) {

    /** SNN-mode samples per layer by default. */
    public static final int DEFAULT_SNN_PAIRS = 50_000;

    public ConvertConfig {
        if (strategy == null) {
            throw new IllegalArgumentException("a threshold strategy is needed");
        }
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps T must be >= 1, got " + timesteps);
        }
        if (calibrationImages == null || calibrationImages.rank() != 4 || calibrationImages.size(0) < 1) {
            throw new IllegalArgumentException("calibration images must be a non-empty [N, C, H, W] array, got "
                    + (calibrationImages == null ? "null" : java.util.Arrays.toString(calibrationImages.shape())));
        }
        if (capture == null || reset == null) {
            throw new IllegalArgumentException("capture settings and reset mode must be set");
        }
        if (snnPairs < 1) {
            throw new IllegalArgumentException("SNN-mode samples per layer must be >= 1, got " + snnPairs);
        }
    }

    /** Without weight calibration. */
    public ConvertConfig(ThresholdStrategy strategy, int timesteps, INDArray calibrationImages, CaptureConfig capture,
            int snnPairs, ResetMode reset, long seed) {
        this(strategy, timesteps, calibrationImages, capture, snnPairs, reset, seed, null, false);
    }

    /** Defaults: capture defaults, 50,000 SNN-mode samples per layer, reset by subtraction. */
    public static ConvertConfig of(ThresholdStrategy strategy, int timesteps, INDArray calibrationImages) {
        return new ConvertConfig(strategy, timesteps, calibrationImages, CaptureConfig.defaults(), DEFAULT_SNN_PAIRS,
                ResetMode.SUBTRACT, CaptureConfig.DEFAULT_SEED);
    }

    public ConvertConfig withStrategy(ThresholdStrategy s) {
        return new ConvertConfig(s, timesteps, calibrationImages, capture, snnPairs, reset, seed, weightCalibration,
                countMaxPool);
    }

    public ConvertConfig withTimesteps(int t) {
        return new ConvertConfig(strategy, t, calibrationImages, capture, snnPairs, reset, seed, weightCalibration,
                countMaxPool);
    }

    public ConvertConfig withReset(ResetMode r) {
        return new ConvertConfig(strategy, timesteps, calibrationImages, capture, snnPairs, r, seed, weightCalibration,
                countMaxPool);
    }

    public ConvertConfig withSnnPairs(int n) {
        return new ConvertConfig(strategy, timesteps, calibrationImages, capture, n, reset, seed, weightCalibration,
                countMaxPool);
    }

    /** With layer-wise weight calibration after the thresholds ({@code null}: without). */
    public ConvertConfig withWeightCalibration(WeightCalibration.Settings settings) {
        return new ConvertConfig(strategy, timesteps, calibrationImages, capture, snnPairs, reset, seed, settings,
                countMaxPool);
    }

    /** With count-max pools ({@code true}) or the paper's per-step max-pools. */
    public ConvertConfig withCountMaxPool(boolean countMax) {
        return new ConvertConfig(strategy, timesteps, calibrationImages, capture, snnPairs, reset, seed,
                weightCalibration, countMax);
    }

    /**
     * The name a conversion with this configuration goes by: the strategy's, {@code +wc} with weight calibration,
     * {@code +count-max} with count-max pools.
     */
    public String label() {
        return strategy.name() + (weightCalibration == null ? "" : "+wc") + (countMaxPool ? "+count-max" : "");
    }
}
