package org.ullsnn.convert;

import java.util.stream.IntStream;

import org.ullsnn.snn.ResetMode;

/**
 * The {@code signal-fit} calibration of one spiking layer on paired SNN samples (ours; design memo
 * {@code docs/plans/issue15-design.md} §3.2):
 * <ol>
 *   <li>current drift: {@code delta_c = mean_c (z_i - mean_t I_i(t))} per channel ({@link ChannelMeans#currentDrift}),
 *       added to the current;</li>
 *   <li>shape: {@code theta = alpha mu}, {@code u0 = kappa theta} over the alpha grid and
 *       {@code kappa in {0, 1/8, ..., 7/8}} ({0} at T = 1), choosing the point that maximises the Pearson
 *       correlation between the DNN activation {@code a_i} and the spike count {@code N_i}. The correlation is blind
 *       to a constant prediction, so a layer whose SNN input has lost most of its signal is not pushed to the
 *       grid's floor (where least squares "predicts the mean" and channels with a large bias fire at every step);
 *       exact ties go to the larger alpha, then the kappa nearest 1/2;</li>
 *   <li>gain: {@code v = T var(a) / cov(a, N)}, the slope that makes {@code v N / T} a conditionally unbiased proxy
 *       of {@code a} ({@code E[v N/T | a]} has slope 1), where least squares shrinks it by the squared
 *       correlation.</li>
 * </ol>
 * No constant is set by hand: the grids cover alpha's usual range and kappa's whole domain.
 */
final class SignalFitter {

    /** Resolution of kappa = u0 / theta over [0, 1). */
    static final int KAPPA_STEPS = 8;

    /**
     * A fitted layer.
     *
     * @param alphaIndex  the chosen alpha's grid index
     * @param alpha       theta / mu
     * @param kappa       u0 / theta
     * @param correlation Pearson correlation of a and N at the chosen point
     * @param gainRatio   v / mu
     * @param shift       delta_c per channel
     */
    record Fit(int alphaIndex, double alpha, double kappa, double correlation, double gainRatio, double[] shift) {
    }

    private SignalFitter() {
    }

    /** Fits layer {@code layer} with clip {@code mu} on {@code pairs}. */
    static Fit fit(String layer, PairedSamples pairs, double mu, AlphaGrid grid, ResetMode reset) {
        if (!(mu > 0) || !Double.isFinite(mu)) {
            throw new IllegalArgumentException("layer " + layer + ": signal-fit needs a finite clip mu > 0, got " + mu);
        }
        int n = pairs.size();
        int steps = pairs.timesteps();
        double[] shift = ChannelMeans.currentDrift(pairs);
        double[][] current = new double[n][];
        double[] centred = new double[n];
        double meanA = 0;
        for (int i = 0; i < n; i++) {
            current[i] = pairs.currents()[i].clone();
            for (int t = 0; t < steps; t++) {
                current[i][t] += shift[pairs.channels()[i]];
            }
            meanA += pairs.activations()[i];
        }
        meanA /= n;
        double varA = 0;
        for (int i = 0; i < n; i++) {
            centred[i] = pairs.activations()[i] - meanA;
            varA += centred[i] * centred[i];
        }
        varA /= n;
        if (!(varA > 0)) {
            throw new IllegalArgumentException("layer " + layer + ": the DNN activation is constant on the calibration "
                    + "samples, so no correlation can be maximised");
        }
        double[] kappas = kappas(steps);
        // the grid points' sums, computed in parallel (each by the same sequential loop over the samples), then read
        // in the tie-breaking order below: the same choice as one sequential search
        int points = grid.size() * kappas.length;
        double[][] sums = new double[points][];
        IntStream.range(0, points).parallel().forEach(p -> {
            double theta = grid.at(p / kappas.length) * mu;
            double kappa = kappas[p % kappas.length];
            long sumN = 0;
            long sumN2 = 0;
            double sumAN = 0;
            for (int i = 0; i < n; i++) {
                int count = IfCount.count(current[i], 0, theta, kappa * theta, reset);
                sumN += count;
                sumN2 += (long) count * count;
                sumAN += centred[i] * count;
            }
            sums[p] = new double[] {sumN, sumN2, sumAN};
        });
        double bestCorr = Double.NEGATIVE_INFINITY;
        int bestAlpha = -1;
        double bestKappa = 0;
        double bestCov = 0;
        for (int ai = grid.size() - 1; ai >= 0; ai--) { // larger alpha first: ties keep it
            for (int ki = 0; ki < kappas.length; ki++) {
                double[] s = sums[ai * kappas.length + ki];
                double varN = ((double) n * s[1] - s[0] * s[0]) / ((double) n * n);
                if (!(varN > 0)) {
                    continue;
                }
                double cov = s[2] / n;
                double corr = cov / Math.sqrt(varA * varN);
                if (corr > bestCorr) {
                    bestCorr = corr;
                    bestAlpha = ai;
                    bestKappa = kappas[ki];
                    bestCov = cov;
                }
            }
        }
        if (bestAlpha < 0) {
            throw new IllegalArgumentException("layer " + layer + ": the spike count is constant at every grid point, "
                    + "so no correlation can be maximised");
        }
        if (!(bestCov > 0)) {
            throw new IllegalArgumentException("layer " + layer + ": the best correlation between activation and spike "
                    + "count is " + bestCorr + " (not positive), so there is no gain to set");
        }
        double gain = steps * varA / bestCov;
        return new Fit(bestAlpha, grid.at(bestAlpha), bestKappa, bestCorr, gain / mu, shift);
    }

    /** kappa in {0, 1/8, ..., 7/8}, nearest 1/2 first (the tie order); {0} at T = 1, where u0 only shifts theta. */
    static double[] kappas(int steps) {
        if (steps == 1) {
            return new double[] {0};
        }
        double[] out = new double[KAPPA_STEPS];
        int half = KAPPA_STEPS / 2;
        out[0] = 0.5;
        int k = 1;
        for (int d = 1; d <= half; d++) {
            if (half - d >= 0) {
                out[k++] = (double) (half - d) / KAPPA_STEPS;
            }
            if (half + d < KAPPA_STEPS) {
                out[k++] = (double) (half + d) / KAPPA_STEPS;
            }
        }
        return out;
    }
}
