package org.ullsnn.convert;

import java.util.Optional;
import org.ullsnn.snn.ResetMode;
import org.ullsnn.stats.LayerDistribution;

/**
 * What calibration saw of one spiking layer: the DNN pre-activation distribution and, in SNN mode, the
 * paired samples from the already-converted layers, and the reset of the IF neurons the layer becomes. This is
 * what a {@link ThresholdStrategy} chooses from.
 *
 * @param layer        the activation layer's name
 * @param index        its position among the spiking layers (0 = first)
 * @param distribution the DNN pre-activations (samples, histogram, fractions, percentiles)
 * @param snnSamples   paired (DNN activation, SNN current series) samples, or {@code null} in DNN mode
 * @param reset        the reset of the network's IF neurons ({@link ConvertConfig#reset()}): a strategy that
 *                     predicts spike counts (the fitted one) counts them under it
 * @param probe        in SNN mode, runs the layer with a candidate threshold over the calibration images; else null
 */
public record LayerStats(String layer, int index, LayerDistribution distribution, PairedSamples snnSamples,
        ResetMode reset, SnnProbe probe) {

    public LayerStats {
        if (distribution == null) {
            throw new IllegalArgumentException("layer " + layer + " has no calibration distribution");
        }
        if (reset == null) {
            throw new IllegalArgumentException("layer " + layer + ": the IF reset mode must be set");
        }
        if (index < 0) {
            throw new IllegalArgumentException("layer index must be >= 0, got " + index);
        }
    }

    /** Without a probe. */
    public LayerStats(String layer, int index, LayerDistribution distribution, PairedSamples snnSamples,
            ResetMode reset) {
        this(layer, index, distribution, snnSamples, reset, null);
    }

    /** For the paper's IF neurons, reset by subtraction (the converter's default). */
    public LayerStats(String layer, int index, LayerDistribution distribution, PairedSamples snnSamples) {
        this(layer, index, distribution, snnSamples, ResetMode.SUBTRACT);
    }

    /**
     * The clip value {@code mu} the strategies scale from: the trained clip of a ClipReLU layer, or, for a
     * plain ReLU (no clip), the largest activation seen in calibration.
     */
    public double mu() {
        double clip = distribution.mu();
        return Double.isInfinite(clip) ? Math.max(distribution.max(), 0) : clip;
    }

    /** The largest DNN activation seen, {@code min(max z, mu)}, at least 0. */
    public double maxActivation() {
        return Math.max(0, Math.min(distribution.max(), distribution.mu()));
    }

    /** The {@code p}-th percentile (0-100) of the DNN activation {@code a = clip(z, 0, mu)}. */
    public double activationPercentile(double p) {
        return distribution.activationPercentile(p);
    }

    /** The SNN probe of this layer, in SNN mode. */
    public Optional<SnnProbe> snnProbe() {
        return Optional.ofNullable(probe);
    }

    /** The paired SNN-mode samples, when the strategy asked for them. */
    public Optional<PairedSamples> snn() {
        return Optional.ofNullable(snnSamples);
    }
}
