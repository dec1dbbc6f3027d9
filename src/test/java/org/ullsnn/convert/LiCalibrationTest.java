package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ullsnn.snn.ResetMode;

class LiCalibrationTest {

    /**
     * One channel, T = 2, DNN a = z = (0, 0.45, 0.9) and an upstream drift of +0.3 in every step of the current.
     * MMSE: theta = 0.9 quantises a without error (grid index 0). Shift theta / (2T) = 0.225: per-step currents 0.525,
     * 0.975, 1.425 give N = 1, 2, 2, y = 0.45, 0.9, 0.9 (mean 0.75 against mean a 0.45), so delta = -0.3 and the total
     * shift is 0.225 - 0.3 = -0.075.
     */
    @Test
    void biasCorrectionMatchesTheHandComputedExample() {
        double[] a = {0, 0.45, 0.9};
        double[][] current = {{0.3, 0.3}, {0.75, 0.75}, {1.2, 1.2}};
        LiCalibration.Result r = LiCalibration.fit("l", new PairedSamples(a, current), 2, ResetMode.SUBTRACT);
        assertEquals(0, r.threshold().index());
        assertEquals(0.9, r.threshold().theta(), 1e-12);
        assertArrayEquals(new double[] {-0.075}, r.shift(), 1e-12);
    }

    /** Li et al.'s potential correction: T times the mean error, per neuron, either sign. */
    @Test
    void potentialCorrectionIsTTimesTheMeanError() {
        assertArrayEquals(new double[] {-0.4, 0.2, -0.2}, LiCalibration.potentialCorrection(
                new double[] {0.3, 0.6, 0.9}, new double[] {0.5, 0.5, 1.0}, 2), 1e-12);
    }

    @Test
    void mmseThresholdPicksTheGridPointOfLeastError() {
        Random r = new Random(4);
        double[] a = new double[500];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble() < 0.4 ? 0 : Math.pow(r.nextDouble(), 2);
        }
        for (int steps : new int[] {1, 2, 4}) {
            MmseThreshold.Result fit = MmseThreshold.fit("l", a, steps);
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < MmseThreshold.POINTS; i++) {
                best = Math.min(best, MmseThreshold.error(a, fit.max() * (1 - 0.01 * i), steps));
            }
            assertEquals(best, MmseThreshold.error(a, fit.theta(), steps), 0);
        }
    }

    @Test
    void aThresholdAtTheLargestActivationIsFlaggedAsAGridEdge() {
        double[] a = {0.01, 0.01, 0.01, 1.0};
        MmseThreshold.Result fit = MmseThreshold.fit("l", a, 1);
        assertEquals(0, fit.index());
        var warning = fit.edgeWarning("bias-corrected", "conv3_act", 1);
        assertTrue(warning.isPresent() && warning.get().contains("conv3_act"), warning.toString());
    }

    /**
     * The error bias correction targets: the mean SNN output minus the mean DNN activation of each channel. On a
     * smooth distribution with an upstream drift per channel (noisy currents, T = 4) one correction shrinks it.
     */
    @Test
    void theCorrectionShrinksTheMeanErrorOfEveryChannel() {
        Random r = new Random(8);
        int n = 6000;
        int steps = 4;
        double[] drift = {0.25, -0.2, 0.1};
        double[] a = new double[n];
        int[] channel = new int[n];
        double[][] current = new double[n][steps];
        for (int i = 0; i < n; i++) {
            channel[i] = i % drift.length;
            double z = 1.4 * r.nextDouble() - 0.3;
            a[i] = Math.min(Math.max(z, 0), 1);
            for (int t = 0; t < steps; t++) {
                current[i][t] = z + drift[channel[i]] + 0.2 * r.nextGaussian();
            }
        }
        PairedSamples pairs = new PairedSamples(a, a.clone(), channel, drift.length, current);
        LiCalibration.Result fit = LiCalibration.fit("l", pairs, steps, ResetMode.SUBTRACT);
        double theta = fit.threshold().theta();
        double[] halfOnly = new double[drift.length];
        java.util.Arrays.fill(halfOnly, theta / (2 * steps));
        double[] before = meanError(pairs, halfOnly, theta);
        double[] after = meanError(pairs, fit.shift(), theta);
        for (int c = 0; c < drift.length; c++) {
            assertTrue(Math.abs(after[c]) < 0.5 * Math.abs(before[c]), "channel " + c + ": " + before[c] + " -> "
                    + after[c]);
        }
    }

    private static double[] meanError(PairedSamples pairs, double[] shift, double theta) {
        double[] error = new double[pairs.size()];
        for (int i = 0; i < error.length; i++) {
            int c = pairs.channels()[i];
            error[i] = theta * IfCount.count(pairs.currents()[i], shift[c], theta, 0, ResetMode.SUBTRACT)
                    / pairs.timesteps() - pairs.activations()[i];
        }
        return ChannelMeans.of(error, pairs.channels(), pairs.channelCount());
    }
}
