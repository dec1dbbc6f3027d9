package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ullsnn.snn.ResetMode;

class SignalFitterTest {

    private static final AlphaGrid GRID = AlphaGrid.defaults();

    /** mu = 1, T = 4, a in {0, 1/4, ..., 1} equally often in two channels, constant currents I = z = a. */
    private static PairedSamples gridLayer(double drift0, double drift1) {
        int n = 40;
        double[] a = new double[n];
        int[] channel = new int[n];
        double[][] current = new double[n][4];
        for (int i = 0; i < n; i++) {
            a[i] = (i % 5) / 4.0;
            channel[i] = (i / 5) % 2;
            java.util.Arrays.fill(current[i], a[i] + (channel[i] == 0 ? drift0 : drift1));
        }
        return new PairedSamples(a, a.clone(), channel, 2, current);
    }

    private static double[] outputs(PairedSamples pairs, SignalFitter.Fit f, double mu, ResetMode reset) {
        double theta = f.alpha() * mu;
        double[] y = new double[pairs.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = f.gainRatio() * mu * IfCount.count(pairs.currents()[i], f.shift()[pairs.channels()[i]], theta,
                    f.kappa() * theta, reset) / pairs.timesteps();
        }
        return y;
    }

    @Test
    void aNoiseFreeGridLayerIsReproducedExactly() {
        PairedSamples pairs = gridLayer(0, 0);
        SignalFitter.Fit f = SignalFitter.fit("l", pairs, 1.0, GRID, ResetMode.SUBTRACT);
        assertArrayEquals(new double[] {0, 0}, f.shift(), 1e-12);
        assertEquals(1.0, f.correlation(), 1e-12);
        assertEquals(1.0, f.gainRatio(), 1e-12, "N = 4a, so T var(a) / cov(a, N) = mu");
        assertArrayEquals(pairs.activations(), outputs(pairs, f, 1.0, ResetMode.SUBTRACT), 1e-12);
        // ties go to the larger alpha: one grid step up no kappa reproduces the layer
        double theta = (f.alpha() + GRID.step());
        for (double kappa : SignalFitter.kappas(4)) {
            boolean exact = true;
            for (int i = 0; i < pairs.size(); i++) {
                exact &= IfCount.count(pairs.currents()[i], 0, theta, kappa * theta, ResetMode.SUBTRACT)
                        == Math.round(4 * pairs.activations()[i]);
            }
            assertTrue(!exact || f.alphaIndex() == GRID.size() - 1, "alpha + step also exact at kappa " + kappa);
        }
    }

    @Test
    void aConstantUpstreamDriftIsRemovedPerChannel() {
        PairedSamples pairs = gridLayer(0.3, -0.2);
        SignalFitter.Fit f = SignalFitter.fit("l", pairs, 1.0, GRID, ResetMode.SUBTRACT);
        assertArrayEquals(new double[] {-0.3, 0.2}, f.shift(), 1e-12);
        assertArrayEquals(pairs.activations(), outputs(pairs, f, 1.0, ResetMode.SUBTRACT), 1e-12);
    }

    /**
     * Zero-inflated activations seen through a noisy current (the deep-layer situation of issue 15): least squares
     * through the origin drives alpha down, towards predicting the mean; signal-fit keeps alpha higher and its output
     * correlates better with the DNN activation, the error it targets.
     */
    @ParameterizedTest
    @EnumSource(ResetMode.class)
    void noisyLayersDoNotDriveThetaToTheFloor(ResetMode reset) {
        Random r = new Random(5);
        int n = 3000;
        int steps = 2;
        double mu = 1;
        double[] a = new double[n];
        double[] zs = new double[n];
        double[][] current = new double[n][steps];
        for (int i = 0; i < n; i++) {
            double z = r.nextDouble() < 0.5 ? -r.nextDouble() : 1.2 * r.nextDouble();
            zs[i] = z;
            a[i] = Math.min(Math.max(z, 0), mu);
            for (int t = 0; t < steps; t++) {
                current[i][t] = z + 0.5 * mu * r.nextGaussian();
            }
        }
        PairedSamples pairs = new PairedSamples(a, zs, new int[n], 1, current);
        AlphaBeta ls = AlphaBetaFit.fitSnn("l", pairs, mu, GRID, reset);
        SignalFitter.Fit f = SignalFitter.fit("l", pairs, mu, GRID, reset);
        assertTrue(f.alpha() > ls.alpha(), "signal-fit alpha " + f.alpha() + " vs least squares " + ls.alpha());
        double[] lsOut = new double[n];
        for (int i = 0; i < n; i++) {
            lsOut[i] = IfCount.count(current[i], 0, ls.alpha() * mu, 0, reset);
        }
        PearsonsCorrelation corr = new PearsonsCorrelation();
        double ours = corr.correlation(a, outputs(pairs, f, mu, reset));
        assertEquals(f.correlation(), ours, 1e-9);
        assertTrue(ours > corr.correlation(a, lsOut), "corr " + ours + " vs least squares "
                + corr.correlation(a, lsOut));
    }

    /**
     * With a noisy current the output the next layer needs has slope 1 in the DNN activation: the unbiased gain
     * gives it, least squares through the origin does not.
     */
    @Test
    void theUnbiasedGainUndoesTheAttenuation() {
        Random r = new Random(9);
        int n = 3000;
        int steps = 32;
        double mu = 1;
        double[] a = new double[n];
        double[][] current = new double[n][steps];
        for (int i = 0; i < n; i++) {
            a[i] = 0.5 * mu * r.nextDouble();
            double noise = 0.15 * mu * r.nextGaussian();
            java.util.Arrays.fill(current[i], a[i] + noise);
        }
        PairedSamples pairs = new PairedSamples(a, a.clone(), new int[n], 1, current);
        SignalFitter.Fit f = SignalFitter.fit("l", pairs, mu, GRID, ResetMode.SUBTRACT);
        double[] y = outputs(pairs, f, mu, ResetMode.SUBTRACT);
        AlphaBeta ls = AlphaBetaFit.fitSnn("l", pairs, mu, GRID, ResetMode.SUBTRACT);
        double[] lsOut = new double[n];
        for (int i = 0; i < n; i++) {
            lsOut[i] = ls.beta() * mu * IfCount.count(current[i], 0, ls.alpha() * mu, 0, ResetMode.SUBTRACT) / steps;
        }
        double ours = slope(a, y);
        assertEquals(1.0, ours, 0.03, "E[v N / T | a] has slope 1");
        assertTrue(Math.abs(ours - 1) < Math.abs(slope(a, lsOut) - 1), "least squares slope " + slope(a, lsOut));
    }

    private static double slope(double[] x, double[] y) {
        SimpleRegression regression = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            regression.addData(x[i], y[i]);
        }
        return regression.getSlope();
    }

    @Test
    void kappaCoversItsDomainNearestAHalfFirst() {
        assertArrayEquals(new double[] {0.5, 0.375, 0.625, 0.25, 0.75, 0.125, 0.875, 0}, SignalFitter.kappas(2));
        assertArrayEquals(new double[] {0}, SignalFitter.kappas(1));
    }

    @Test
    void anOptimumOnTheGridEdgeIsFlaggedNamingTheLayer() {
        PairedSamples pairs = gridLayer(0, 0);
        AlphaGrid low = new AlphaGrid(0.2, 0.5, 0.05); // the exact optimum lies above it
        SignalFitter.Fit f = SignalFitter.fit("conv7_act", pairs, 1.0, low, ResetMode.SUBTRACT);
        var warning = GridEdge.check("signal-fit", "conv7_act", 4, f.alpha(), low);
        assertTrue(warning.isPresent() && warning.get().contains("conv7_act") && warning.get().contains("last edge"),
                warning.toString());
        assertTrue(GridEdge.check("signal-fit", "conv7_act", 4, 0.35, low).isEmpty());
    }
}
