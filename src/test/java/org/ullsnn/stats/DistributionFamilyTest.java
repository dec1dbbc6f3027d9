package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
