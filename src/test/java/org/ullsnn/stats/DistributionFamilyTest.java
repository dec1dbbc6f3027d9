package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.FoldedNormalDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LaplaceDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionFamilyTest {

    private static final int N = 100_000;
    /** Relative error allowed on an MLE from 100,000 samples (its standard error is well under 1 %). */
    private static final double MLE_RELATIVE_TOLERANCE = 0.02;

    static Stream<Arguments> truths() {
        return Stream.of(
                Arguments.of("uniform", UniformContinuousDistribution.of(0, 2.5), new double[] {2.5}),
                Arguments.of("half-normal", FoldedNormalDistribution.of(0, 0.7), new double[] {0.7}),
                Arguments.of("exponential", ExponentialDistribution.of(0.4), new double[] {0.4}),
                Arguments.of("gamma", GammaDistribution.of(0.6, 1.5), new double[] {0.6, 1.5}),
                Arguments.of("log-normal", LogNormalDistribution.of(-1.0, 0.8), new double[] {-1.0, 0.8}),
                Arguments.of("laplace", LaplaceDistribution.of(3.0, 0.5), new double[] {3.0, 0.5}));
    }

    private static DistributionFamily.Estimator<?> estimator(String name) {
        return DistributionFamily.all().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truths")
    void maximumLikelihoodRecoversKnownParameters(String family, ContinuousDistribution truth, double[] expected) {
        double[] z = Arrays.stream(Samples.of(truth, N, 42)).filter(v -> v > 0).toArray();
        DistributionFamily fit = estimator(family).fit(z);
        assertEquals(family, fit.familyName());
        double[] got = fit.parameters().values().stream().mapToDouble(Double::doubleValue).toArray();
        assertEquals(expected.length, got.length);
        assertEquals(expected.length, fit.parameterCount());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], MLE_RELATIVE_TOLERANCE * Math.abs(expected[i]),
                    family + " parameter " + i + " of " + fit.parameters());
        }
    }

    @Test
    void allListsOneEstimatorPerPermittedFamily() {
        Set<Class<?>> permitted = Set.of(DistributionFamily.class.getPermittedSubclasses());
        List<DistributionFamily.Estimator<?>> all = DistributionFamily.all();
        assertEquals(permitted, all.stream().map(DistributionFamily.Estimator::type).collect(Collectors.toSet()));
        assertEquals(permitted.size(), all.size(), "no family listed twice");
        double[] z = {0.5, 1, 2, 3.5};
        for (DistributionFamily.Estimator<?> e : all) {
            DistributionFamily d = e.fit(z);
            assertEquals(e.type(), d.getClass());
            assertEquals(e.name(), d.familyName());
        }
    }

    @Test
    void logLikelihoodIsTheSumOfLogDensities() {
        double[] z = {0.2, 0.9, 1.7};
        for (DistributionFamily.Estimator<?> e : DistributionFamily.all()) {
            DistributionFamily d = e.fit(z);
            double sum = 0;
            for (double x : z) {
                sum += Math.log(d.density(x));
            }
            assertEquals(sum, d.logLikelihood(z), 1e-12, e.name());
        }
    }

    @Test
    void closedFormsOnAHandExample() {
        double[] z = {1, 2, 3, 10};
        assertEquals(10, Uniform.fit(z).upper());
        assertEquals(Math.sqrt((1 + 4 + 9 + 100) / 4.0), HalfNormal.fit(z).sigma(), 1e-15);
        assertEquals(4, Exponential.fit(z).mean(), 1e-15);
        double meanLog = (Math.log(1) + Math.log(2) + Math.log(3) + Math.log(10)) / 4;
        assertEquals(meanLog, LogNormal.fit(z).logMean(), 1e-15);
        // Laplace, untruncated: median of an even sample is the midpoint, 2.5; mean |z - 2.5| = 10 / 4
        Laplace l = Laplace.fit(z);
        assertEquals(2.5, l.location());
        assertEquals(2.5, l.scale(), 1e-15);
        Gamma g = Gamma.fit(z);
        assertEquals(4, g.shape() * g.scale(), 1e-12, "gamma's MLE keeps the sample mean");
    }

    @ParameterizedTest(name = "c = {0}")
    @ValueSource(doubles = {1e-4, 0.01, 0.3, 1, 5, 40})
    void gammaShapeSolvesTheLikelihoodEquation(double c) {
        double k = Gamma.shapeSolving(c);
        assertEquals(c, Math.log(k) - Digamma.value(k), 1e-10 * Math.max(1, c));
    }

    @Test
    void nonPositiveSamplesAreRejectedWithTheirIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Exponential.fit(new double[] {1, 0, 2}));
        assertEquals("MLE of exponential needs finite samples z > 0, got 0.0 at index 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gamma.fit(new double[] {2, 2, 2}));
    }

    @Test
    void zeroInflatedCdfPutsTheAtomAtZero() {
        ZeroInflated m = new ZeroInflated(0.3, new Exponential(1));
        assertEquals(0, m.cdf(-0.1));
        assertEquals(0.3, m.cdf(0), 1e-15);
        assertEquals(0.3 + 0.7 * (1 - Math.exp(-2)), m.cdf(2), 1e-15);
        assertEquals(0.7 * Math.exp(-2), m.density(2), 1e-15);
        ZeroInflated laplace = new ZeroInflated(0.3, new Laplace(1, 1));
        assertEquals(0.3 + 0.7 * 0.5 * Math.exp(-1), laplace.massAtOrBelowZero(), 1e-15,
                "the untruncated Laplace's mass below 0 joins the atom");
    }

    @Test
    void parametersAreValidatedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Gamma(-1, 1));
        assertEquals("gamma shape must be finite and > 0, got -1.0", e.getMessage());
        assertEquals("uniform upper bound b must be finite and > 0, got Infinity",
                assertThrows(IllegalArgumentException.class, () -> new Uniform(Double.POSITIVE_INFINITY)).getMessage());
    }

    static Stream<DistributionFamily> families() {
        return Stream.of(new Uniform(1.3), new HalfNormal(0.6), new Exponential(0.5), new Gamma(1.5, 0.4),
                new Gamma(0.5, 0.5), new LogNormal(-0.8, 0.7), new Laplace(0.4, 0.3), new Laplace(-0.2, 1.1));
    }

    /** Partial moments over the whole line are the moments, with E[Z^2] = Var + mean^2 from Commons Statistics. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void partialMomentsOverTheWholeLineAreTheMoments(DistributionFamily f) {
        ContinuousDistribution d = f.distribution();
        double inf = Double.POSITIVE_INFINITY;
        double mean = d.getMean();
        assertEquals(1, f.partialMoment(0, -inf, inf), 1e-15, f.toString());
        assertEquals(mean, f.partialMoment(1, -inf, inf), 1e-15 * Math.max(1, Math.abs(mean)), f.toString());
        double second = d.getVariance() + mean * mean;
        assertEquals(second, f.partialMoment(2, -inf, inf), 1e-14 * second, f.toString());
    }

    /**
     * On a piece, M_0 is the family's own probability, and pieces add up; M_1 / M_0 lies inside the piece and
     * M_2 M_0 >= M_1^2 (Cauchy-Schwarz).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void partialMomentsAddUpOverPiecesAndStayConsistent(DistributionFamily f) {
        ContinuousDistribution d = f.distribution();
        double[] cuts = {-0.5, 0, 0.05, 0.3, 0.4, 0.41, 0.9, 1.3, 2.5, Double.POSITIVE_INFINITY};
        for (int k = 0; k <= 2; k++) {
            double sum = 0;
            for (int i = 0; i + 1 < cuts.length; i++) {
                sum += f.partialMoment(k, cuts[i], cuts[i + 1]);
            }
            double whole = f.partialMoment(k, cuts[0], Double.POSITIVE_INFINITY);
            assertEquals(whole, sum, 1e-14 * Math.max(1, whole), f + ", k = " + k);
        }
        for (int i = 0; i + 1 < cuts.length; i++) {
            double l = cuts[i];
            double r = cuts[i + 1];
            double m0 = f.partialMoment(0, l, r);
            assertEquals(d.probability(l, Math.min(r, Double.MAX_VALUE)), m0, 1e-15, f + " on (" + l + ", " + r + "]");
            if (m0 > 1e-12) {
                double m1 = f.partialMoment(1, l, r);
                double m2 = f.partialMoment(2, l, r);
                assertTrue(m1 / m0 >= l * (1 - 1e-12) - 1e-15 && m1 / m0 <= r * (1 + 1e-12) + 1e-15,
                        f + ": mean of the piece inside (" + l + ", " + r + "]: " + m1 / m0);
                assertTrue(m2 * m0 >= m1 * m1 * (1 - 1e-12), f + " on (" + l + ", " + r + "]");
            }
        }
        assertEquals(0, f.partialMoment(2, 0.7, 0.7));
    }

    @Test
    void partialMomentsCheckTheirArguments() {
        DistributionFamily f = new Gamma(2, 1);
        assertThrows(IllegalArgumentException.class, () -> f.partialMoment(3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> f.partialMoment(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> f.partialMoment(1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> f.partialMoment(1, Double.NaN, 1));
    }

    @Test
    void partialMomentsOnAHandExample() {
        // exponential, mean 1, on (0, 1]: int z e^-z = 1 - 2/e, int z^2 e^-z = 2 - 5/e
        DistributionFamily f = new Exponential(1);
        assertEquals(1 - 1 / Math.E, f.partialMoment(0, 0, 1), 1e-15);
        assertEquals(1 - 2 / Math.E, f.partialMoment(1, 0, 1), 1e-15);
        assertEquals(2 - 5 / Math.E, f.partialMoment(2, 0, 1), 1e-15);
        // half-normal, sigma 1, on (0, 1]: int z phi = (1 - e^-1/2) sqrt(2/pi), int z^2 phi = P - 2 phi(1)
        DistributionFamily h = new HalfNormal(1);
        double p = h.partialMoment(0, 0, 1);
        assertEquals((1 - Math.exp(-0.5)) * Math.sqrt(2 / Math.PI), h.partialMoment(1, 0, 1), 1e-15);
        assertEquals(p - 2 * Math.exp(-0.5) / Math.sqrt(2 * Math.PI), h.partialMoment(2, 0, 1), 1e-15);
    }
}
