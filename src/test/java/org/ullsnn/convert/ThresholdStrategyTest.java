package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ullsnn.stats.LayerDistribution;

/** Contract of every built-in (finite positive thresholds, determinism, clear errors) and each one's formula. */
class ThresholdStrategyTest {

    private static final double MU = 2.0;

    /** A zero-inflated, right-skewed layer: 40 % at or below 0, exponential above, some clipped at mu. */
    static LayerStats skewedLayer(long seed) {
        Random r = new Random(seed);
        double[] z = new double[20_000];
        for (int i = 0; i < z.length; i++) {
            z[i] = r.nextDouble() < 0.4 ? -r.nextDouble() : -Math.log(1 - r.nextDouble()) * 0.5;
        }
        return new LayerStats("conv1_act", 0, LayerDistribution.of("conv1_act", MU, z, 50), null);
    }

    /** A layer whose pre-activations are constant, so the DNN-mode and SNN-mode samples coincide. */
    static LayerStats withConstantCurrents(LayerStats stats, int steps) {
        double[] z = stats.distribution().samples();
        double[] a = new double[z.length];
        double[][] currents = new double[z.length][steps];
        for (int i = 0; i < z.length; i++) {
            a[i] = Math.min(Math.max(z[i], 0), MU);
            Arrays.fill(currents[i], z[i]);
        }
        return new LayerStats(stats.layer(), stats.index(), stats.distribution(), new PairedSamples(a, currents));
    }

    static Stream<ThresholdStrategy> builtIns() {
        return ThresholdStrategy.builtIns().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void everyBuiltInGivesAFinitePositiveDeterministicThreshold(ThresholdStrategy s) {
        LayerStats stats = withConstantCurrents(skewedLayer(1), 2);
        LayerThreshold a = s.choose(stats, 2);
        assertTrue(a.theta() > 0 && Double.isFinite(a.theta()) && a.v() > 0 && Double.isFinite(a.v()), a.toString());
        assertEquals(a, s.choose(stats, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void everyBuiltInRefusesASilentLayerWithAClearError(ThresholdStrategy s) {
        double[] z = new double[100];
        Arrays.fill(z, -1.0);
        LayerStats silent = withConstantCurrents(new LayerStats("fc1_act", 3, LayerDistribution.of("fc1_act", MU, z, 10),
                null), 2);
        if (s instanceof ThresholdStrategy.TrainedClip || s instanceof ThresholdStrategy.HalfShift) {
            assertTrue(s.choose(silent, 2).theta() > 0, "mu-based strategies do not look at the samples");
            return;
        }
        Exception e = assertThrows(RuntimeException.class, () -> s.choose(silent, 2));
        assertTrue(e.getMessage().contains("> 0") || e.getMessage().contains("never fires"), e.getMessage());
    }

    @Test
    void builtInsFollowTheirFormulas() {
        LayerStats stats = skewedLayer(2);
        double max = Math.min(stats.distribution().max(), MU);
        assertEquals(LayerThreshold.of(max), ThresholdStrategy.maxNorm().choose(stats, 4));
        assertEquals(LayerThreshold.of(stats.activationPercentile(99.9)),
                ThresholdStrategy.percentile(99.9).choose(stats, 4));
        assertEquals(LayerThreshold.of(MU), ThresholdStrategy.trainedClip().choose(stats, 4));
        assertEquals(new LayerThreshold(MU, MU, MU / 2), ThresholdStrategy.halfShift().choose(stats, 4));
        LayerThreshold fitted = ThresholdStrategy.fittedDnn().choose(stats, 2);
        assertEquals(0.0, fitted.u0());
        assertTrue(fitted.theta() < MU, "on skewed data the fitted threshold sits below the clip: " + fitted);
    }

    @Test
    void fittedStrategyFindsTheBruteForceOptimum() {
        LayerStats stats = skewedLayer(3);
        double[] z = Arrays.copyOf(stats.distribution().samples(), 2000);
        int steps = 2;
        AlphaGrid grid = new AlphaGrid(0.1, 1.2, 0.05);
        double bestErr = Double.POSITIVE_INFINITY;
        double bestAlpha = 0;
        double bestBeta = 0;
        for (int g = 0; g < grid.size(); g++) {
            double alpha = grid.at(g);
            for (double beta = 0.01; beta <= 2.0; beta += 0.001) {
                double err = 0;
                for (double zi : z) {
                    double a = Math.min(Math.max(zi, 0), MU);
                    int n = zi <= 0 ? 0 : (int) Math.min(steps, Math.max(0, Math.floor(steps * zi / (alpha * MU))));
                    double y = beta * MU * n / steps;
                    err += (a - y) * (a - y);
                }
                if (err < bestErr) {
                    bestErr = err;
                    bestAlpha = alpha;
                    bestBeta = beta;
                }
            }
        }
        AlphaBeta ab = AlphaBetaFit.fitDnn("l", z, MU, steps, grid);
        assertEquals(bestAlpha, ab.alpha(), 1e-9);
        assertEquals(bestBeta, ab.beta(), 1e-3, "closed-form beta vs a 0.001 grid");
        assertTrue(ab.mse() <= bestErr / z.length + 1e-12);
    }

    @Test
    void snnModeWithConstantCurrentsEqualsDnnMode() {
        LayerStats stats = withConstantCurrents(skewedLayer(4), 3);
        AlphaBeta dnn = AlphaBetaFit.fitDnn("l", stats.distribution().samples(), MU, 3, AlphaGrid.defaults());
        AlphaBeta snn = AlphaBetaFit.fitSnn("l", stats.snnSamples(), MU, AlphaGrid.defaults());
        assertEquals(dnn.alpha(), snn.alpha(), 1e-12);
        assertEquals(dnn.beta(), snn.beta(), 1e-9);
    }

    @Test
    void aLambdaIsAStrategyAndCanBeNamed() {
        ThresholdStrategy mine = (s, t) -> LayerThreshold.of(0.8 * s.mu());
        assertEquals("custom", mine.name());
        assertTrue(mine.dependsOnTimesteps());
        ThresholdStrategy named = ThresholdStrategy.named("0.8 mu", mine);
        assertEquals("0.8 mu", named.name());
        assertEquals(0.8 * MU, named.choose(skewedLayer(5), 2).theta(), 1e-12);
    }

    @Test
    void namesParseBackToTheBuiltIns() {
        for (ThresholdStrategy s : ThresholdStrategy.builtIns()) {
            assertEquals(s, ThresholdStrategy.parse(s.name()));
        }
        assertEquals(ThresholdStrategy.percentile(99.99), ThresholdStrategy.parse("percentile:99.99"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdStrategy.parse("avg"));
        assertTrue(e.getMessage().contains("fitted-snn"), e.getMessage());
        assertFalse(ThresholdStrategy.maxNorm().dependsOnTimesteps());
        assertTrue(ThresholdStrategy.fittedDnn().dependsOnTimesteps());
    }

    @Test
    void theFactorCParsesInBothSpellingsAndRoundTrips() {
        ThresholdStrategy c13 = new ThresholdStrategy.DistributionFitted(AlphaGrid.defaults(), 1.3, Calibration.DNN);
        assertEquals(c13, ThresholdStrategy.parse("fitted-dnn:1.3"));
        assertEquals(c13, ThresholdStrategy.parse(c13.name()));
        ThresholdStrategy snn = ThresholdStrategy.parse("fitted-snn:1.5");
        assertEquals("fitted-snn(c=1.5)", snn.name());
        assertEquals(Calibration.SNN, snn.calibration());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThresholdStrategy.parse("fitted-dnn:big"));
        assertTrue(e.getMessage().contains("'big' is not a number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThresholdStrategy.parse("fitted-dnn:0"));
    }

    @Test
    void snnModeWithoutPairedSamplesSaysWhatIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ThresholdStrategy.fittedSnn().choose(skewedLayer(6), 2));
        assertTrue(e.getMessage().contains("paired SNN samples"), e.getMessage());
    }

    @Test
    void thresholdRejectsNanAndNonPositiveValuesWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerThreshold.of(Double.NaN)).getMessage()
                .contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerThreshold.of(-1)).getMessage()
                .contains("-1"));
        assertThrows(IllegalArgumentException.class, () -> new LayerThreshold(1, 1, 1));
    }
}
