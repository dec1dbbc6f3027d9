package org.ullsnn.convert;

import org.ullsnn.snn.NeuronDynamics;
import org.ullsnn.snn.ResetMode;
import org.ullsnn.stats.ConversionSetting;

/**
 * Test-only reference: {@link AlphaBetaFit} as it was before its sorted (DNN mode) and bisected (SNN mode)
 * versions, one scalar spike count per (alpha, sample) pair, sums in sample order. The paper's per-layer fit
 * (METHOD.md §4): with DNN activations {@code a_i} and predicted spike counts {@code N_i(theta)},
 * <pre>
 * (alpha, beta) = argmin  sum_i ( a_i - (beta mu / T) N_i(theta = alpha mu) )^2
 * for fixed alpha:  v* = beta* mu = T sum_i a_i N_i / sum_i N_i^2      (skip alpha when sum_i N_i^2 = 0)
 * </pre>
 * alpha runs over an {@link AlphaGrid}; beta has the closed form. {@code N_i} comes from the constant-drive
 * model {@code N_T(z_i)} (DNN mode) or from simulating an IF neuron over the real current series
 * {@code I_i(1..T)} (SNN mode); {@code u0 = 0} in both, as in the paper. With reset to zero both modes simulate
 * {@link NeuronDynamics} over an array of T currents (DNN mode: T copies of {@code z_i}).
 */
final class ScalarAlphaBetaFit {

    private ScalarAlphaBetaFit() {
    }

    /**
     * DNN mode: counts from the constant-drive model on pre-activation samples {@code z}.
     *
     * @throws IllegalArgumentException when no alpha of the grid makes any sample spike
     */
    static AlphaBeta fitDnn(String layer, double[] z, double mu, int timesteps, AlphaGrid grid) {
        return fitDnn(layer, z, mu, timesteps, grid, ResetMode.SUBTRACT);
    }

    /** DNN mode under the given reset. */
    static AlphaBeta fitDnn(String layer, double[] z, double mu, int timesteps, AlphaGrid grid, ResetMode reset) {
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = Math.min(Math.max(z[i], 0), mu);
        }
        return fit(layer, a, mu, timesteps, grid, theta -> dnnCounts(z, theta, timesteps, reset));
    }

    /**
     * SNN mode: counts from IF neurons (leak 1, soft reset, U(0) = 0) driven by the recorded currents.
     *
     * @throws IllegalArgumentException when no alpha of the grid makes any sample spike
     */
    static AlphaBeta fitSnn(String layer, PairedSamples pairs, double mu, AlphaGrid grid) {
        return fitSnn(layer, pairs, mu, grid, ResetMode.SUBTRACT);
    }

    /** SNN mode under the given reset. */
    static AlphaBeta fitSnn(String layer, PairedSamples pairs, double mu, AlphaGrid grid, ResetMode reset) {
        int steps = pairs.timesteps();
        return fit(layer, pairs.activations(), mu, steps, grid, theta -> {
            NeuronDynamics neuron = new NeuronDynamics(theta, 1.0, 0, reset);
            int[] n = new int[pairs.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = neuron.spikeCount(pairs.currents()[i]);
            }
            return n;
        });
    }

    /**
     * The counts of every sample at threshold {@code theta}, DNN mode (constant drive): the closed form with reset
     * by subtraction, the scalar neuron over T copies of {@code z_i} with reset to zero.
     *
     * @throws IllegalArgumentException if a sample is NaN
     */
    static int[] dnnCounts(double[] z, double theta, int timesteps, ResetMode reset) {
        NeuronDynamics neuron = new NeuronDynamics(theta, 1.0, 0, reset);
        int[] n = new int[z.length];
        double[] drive = new double[timesteps];
        for (int i = 0; i < z.length; i++) {
            if (reset == ResetMode.SUBTRACT || Double.isNaN(z[i])) {
                n[i] = z[i] <= 0 ? 0 : ConversionSetting.spikeCount(z[i], theta, 0, timesteps);
            } else {
                java.util.Arrays.fill(drive, z[i]);
                n[i] = z[i] <= 0 ? 0 : neuron.spikeCount(drive);
            }
        }
        return n;
    }

    private interface Counts {
        int[] at(double theta);
    }

    private static AlphaBeta fit(String layer, double[] a, double mu, int timesteps, AlphaGrid grid, Counts counts) {
        if (!(mu > 0) || !Double.isFinite(mu)) {
            throw new IllegalArgumentException("layer " + layer + ": the fit needs a finite clip mu > 0, got " + mu);
        }
        double sumA2 = 0;
        for (double ai : a) {
            sumA2 += ai * ai;
        }
        double bestSse = Double.POSITIVE_INFINITY;
        double bestAlpha = Double.NaN;
        double bestV = Double.NaN;
        for (int g = 0; g < grid.size(); g++) {
            double alpha = grid.at(g);
            int[] n = counts.at(alpha * mu);
            double sumAN = 0;
            double sumN2 = 0;
            for (int i = 0; i < n.length; i++) {
                sumAN += a[i] * n[i];
                sumN2 += (double) n[i] * n[i];
            }
            if (sumN2 == 0) {
                continue;
            }
            double v = timesteps * sumAN / sumN2;
            // SSE(v) = sum a^2 - 2 (v/T) sum aN + (v/T)^2 sum N^2, minimised by v*: sum a^2 - (sum aN)^2 / sum N^2
            double sse = sumA2 - sumAN * sumAN / sumN2;
            if (sse < bestSse - 1e-12 * Math.max(1, sumA2)) {
                bestSse = sse;
                bestAlpha = alpha;
                bestV = v;
            }
        }
        if (Double.isNaN(bestAlpha)) {
            throw new IllegalArgumentException("layer " + layer + " never fires on the calibration samples for any "
                    + "alpha in [" + grid.from() + ", " + grid.to() + "]: all spike counts are 0; calibrate on more "
                    + "images or use a strategy with an explicit fallback");
        }
        if (!(bestV > 0)) {
            throw new IllegalArgumentException("layer " + layer + ": the fitted output scale is " + bestV
                    + " (the DNN activations are all 0 where the layer fires); this layer cannot be fitted");
        }
        return new AlphaBeta(bestAlpha, bestV / mu, Math.max(0, bestSse) / a.length, a.length);
    }
}
