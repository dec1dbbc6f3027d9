package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

class ConversionErrorTest {

    /** The uniform case integrates piecewise polynomials, which Gauss-Legendre does exactly: only rounding. */
    private static final double EXACT = 1e-12;
    /** How many standard errors the empirical mean may stray from the density's expectation. */
    private static final double STANDARD_ERRORS = 4;

    @ParameterizedTest(name = "T = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void uniformAssumptionWithHalfShiftHasZeroMeanAndQuantisationNoise(int t) {
        double mu = 2;
        double p0 = 0.3;
        ErrorMoments e = ConversionError.uniformAssumption(p0, mu, new ConversionSetting(mu, mu, mu / 2, t));
        double step = mu / t;
        assertEquals(0, e.meanError(), EXACT);
        assertEquals((1 - p0) * step * step / 12, e.meanSquaredError(), EXACT);
    }

    @ParameterizedTest(name = "T = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void uniformAssumptionWithoutShiftUndershootsByHalfAStep(int t) {
        double mu = 2;
        double p0 = 0.3;
        ErrorMoments e = ConversionError.uniformAssumption(p0, mu, new ConversionSetting(mu, mu, 0, t));
        double step = mu / t;
        assertEquals(-(1 - p0) * step / 2, e.meanError(), EXACT);
        assertEquals((1 - p0) * step * step / 3, e.meanSquaredError(), EXACT);
    }

    @Test
    void uniformAssumptionOnAHandComputedCase() {
        // mu = 1, T = 2, theta = 0.8, v = 1, u0 = 0, no zeros: N = 0 on (0, 0.4), 1 on [0.4, 0.8), 2 on [0.8, 1)
        // e = -z, 0.5 - z, 1 - z:  E[e]   = -0.08 + (0.2 - 0.24) + (0.2 - 0.18) = -0.1
        //                          E[e^2] = 0.064/3 + (0.027 + 0.001)/3 + 0.008/3 = 0.1 / 3
        ErrorMoments e = ConversionError.uniformAssumption(0, 1, new ConversionSetting(0.8, 1, 0, 2));
        assertEquals(-0.1, e.meanError(), EXACT);
        assertEquals(0.1 / 3, e.meanSquaredError(), EXACT);
    }

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of(new ConversionSetting(0.8, 0.9, 0, 2), 1.0),
                Arguments.of(new ConversionSetting(1, 1, 0.5, 4), 1.0),
                Arguments.of(new ConversionSetting(0.6, 1.1, 0.1, 3), 1.0),
                Arguments.of(new ConversionSetting(0.5, 0.7, 0.2, 2), 0.4),
                Arguments.of(new ConversionSetting(1.2, 1.5, 0, 3), Double.POSITIVE_INFINITY));
    }

    @ParameterizedTest(name = "{0}, mu = {1}")
    @MethodSource("settings")
    void empiricalAndDensityErrorsAgreeOnALargeSample(ConversionSetting s, double mu) {
        double p0 = 0.4;
        GammaDistribution truth = GammaDistribution.of(1.5, 0.4);
        double[] z = Samples.zeroInflated(p0, truth, 200_000, 11);
        LayerDistribution layer = LayerDistribution.of("act", mu, z, 10);
        ErrorMoments empirical = ConversionError.empirical(layer, s);
        ErrorMoments density = ConversionError.fitted(new ZeroInflated(p0, new Gamma(1.5, 0.4)), mu, s);
        double[] e = Arrays.stream(z).map(v -> ConversionError.error(v, mu, s)).toArray();
        double[] e2 = Arrays.stream(e).map(v -> v * v).toArray();
        assertEquals(density.meanError(), empirical.meanError(), STANDARD_ERRORS * standardError(e) + 1e-9);
        assertEquals(density.meanSquaredError(), empirical.meanSquaredError(),
                STANDARD_ERRORS * standardError(e2) + 1e-9);
    }

    private static double standardError(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
        return Math.sqrt(var / x.length);
    }

    @Test
    void densityErrorHandlesAGammaDensityThatIsInfiniteAtZero() {
        // shape 0.5: f(z) -> infinity as z -> 0; the integration by parts only sees the bounded cdf
        ConversionSetting s = new ConversionSetting(0.7, 0.8, 0.1, 3);
        ErrorMoments density = ConversionError.fitted(new ZeroInflated(0, new Gamma(0.5, 0.5)), 1, s);
        double[] z = Samples.of(GammaDistribution.of(0.5, 0.5), 400_000, 8);
        ErrorMoments empirical = ConversionError.empirical(z, 0, 1, s);
        assertEquals(density.meanError(), empirical.meanError(), 2e-3);
        assertEquals(density.meanSquaredError(), empirical.meanSquaredError(), 2e-3);
    }

    @Test
    void empiricalErrorWeighsPositiveSamplesByTheExactFractionAboveZero() {
        // 1000 values, 900 of them <= 0, but the reservoir happened to keep two negatives and two positives
        Histogram h = new Histogram(new double[] {-1, 2}, new long[] {1000});
        LayerDistribution layer = new LayerDistribution("act", 1, 1000, 900, 80, 20, -1, 2,
                new double[] {-1, -0.5, 0.3, 2}, h);
        ConversionSetting s = new ConversionSetting(1, 1, 0, 2);
        // e(0.3) = 0 - 0.3; e(2) = 1 - 1 = 0
        ErrorMoments e = ConversionError.empirical(layer, s);
        assertEquals(0.1 * (-0.3 / 2), e.meanError(), EXACT);
        assertEquals(0.1 * (0.09 / 2), e.meanSquaredError(), EXACT);
    }

    @Test
    void nonPositiveInputsHaveNoError() {
        ConversionSetting s = new ConversionSetting(1, 1.3, 0.9, 4);
        assertEquals(0, ConversionError.error(0, 1, s));
        assertEquals(0, ConversionError.error(-5, 1, s));
        assertEquals(new ErrorMoments(0, 0), ConversionError.empirical(new double[0], 1, 1, s));
        assertThrows(IllegalArgumentException.class, () -> ConversionError.empirical(new double[0], 0.5, 1, s));
    }

    @Test
    void tableHasOneRowPerLayerWithNanWhereAModelDoesNotApply() {
        LayerDistribution clip = LayerDistribution.of("act", 1, Samples.zeroInflated(0.5,
                GammaDistribution.of(2, 0.2), 5000, 3), 10);
        LayerDistribution relu = LayerDistribution.of("relu", Double.POSITIVE_INFINITY, Samples.zeroInflated(0.5,
                GammaDistribution.of(2, 0.2), 5000, 4), 10);
        NetworkDistribution network = new NetworkDistribution(List.of(clip, relu), 1, CaptureConfig.defaults());
        Table t = ConversionError.table(network, DistributionFitter.fit(network),
                d -> new ConversionSetting(0.8, 0.8, 0.4, 2));
        assertEquals(2, t.rowCount());
        assertEquals(ConversionError.empirical(clip, new ConversionSetting(0.8, 0.8, 0.4, 2)).meanSquaredError(),
                t.doubleColumn("empirical_mse").getDouble(0));
        assertTrue(Double.isFinite(t.doubleColumn("uniform_mse").getDouble(0)));
        assertTrue(Double.isNaN(t.doubleColumn("uniform_mse").getDouble(1)), "no uniform assumption without a clip");
        assertTrue(Double.isFinite(t.doubleColumn("fitted_mse").getDouble(1)));
    }
}
