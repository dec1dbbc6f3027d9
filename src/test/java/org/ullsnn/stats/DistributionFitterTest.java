package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
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
import tech.tablesaw.api.Table;

class DistributionFitterTest {

    private static final int N = 20_000;
    private static final double KS_TOLERANCE = 1e-12;

    /**
     * Clean data from each family. Exponential is gamma with shape 1, so there AIC picks exponential only
     * when gamma's extra parameter gains less than 1 in log L (about 84 % of seeds); the seed is fixed.
     */
    static Stream<Arguments> truths() {
        return Stream.of(
                Arguments.of("uniform", UniformContinuousDistribution.of(0, 2)),
                Arguments.of("half-normal", FoldedNormalDistribution.of(0, 1)),
                Arguments.of("exponential", ExponentialDistribution.of(0.5)),
                Arguments.of("gamma", GammaDistribution.of(3, 0.5)),
                Arguments.of("log-normal", LogNormalDistribution.of(0, 0.6)),
                Arguments.of("laplace", LaplaceDistribution.of(3, 0.6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truths")
    void aicPicksTheFamilyTheDataCameFrom(String family, ContinuousDistribution truth) {
        double[] z = Samples.zeroInflated(0.4, truth, N, 17);
        LayerFit fit = DistributionFitter.fit(LayerDistribution.of("act", 100, z, 10));
        assertEquals(family, fit.best().orElseThrow().family(), () -> fit.fits().toString());
        assertEquals(DistributionFamily.all().size(), fit.fits().size());
    }

    /** Brute force: {@code D = max_i max(i/n - F(x_(i)), F(x_(i)) - (i - 1)/n)} over the sorted sample. */
    static double ksReference(double[] z, DistributionFamily family) {
        double[] x = z.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 1; i <= n; i++) {
            double f = family.cdf(x[i - 1]);
            d = Math.max(d, Math.max((double) i / n - f, f - (double) (i - 1) / n));
        }
        return d;
    }

    @Test
    void ksStatisticMatchesABruteForceReference() {
        double[] z = Samples.of(GammaDistribution.of(2, 1), 500, 3);
        for (DistributionFamily.Estimator<?> e : DistributionFamily.all()) {
            DistributionFamily d = e.fit(z);
            assertEquals(ksReference(z, d), DistributionFitter.ksStatistic(z, d), KS_TOLERANCE, e.name());
        }
        // F = 0.25, 0.75 at the two points: D = max(1/2 - 0.25, 0.25 - 0, 1 - 0.75, 0.75 - 1/2) = 0.25
        assertEquals(0.25, DistributionFitter.ksStatistic(new double[] {1.5, 0.5}, new Uniform(2)), KS_TOLERANCE);
    }

    @Test
    void aicIsTwoKMinusTwiceTheLogLikelihood() {
        double[] z = Samples.of(LogNormalDistribution.of(0, 1), 300, 4);
        FamilyFit f = DistributionFitter.fit(DistributionFamily.all().get(3), z);
        assertEquals("gamma", f.family());
        assertEquals(4 - 2 * f.logLikelihood(), f.aic(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new FamilyFit(f.distribution(), 300, f.logLikelihood(),
                f.aic() + 1, f.ks()));
    }

    @Test
    void p0ComesFromTheExactCountsAndOnlyPositivesAreFitted() {
        LayerFit fit = DistributionFitter.fit(LayerDistribution.of("act", 4, new double[] {-2, 0, 0, 1, 2, 3}, 4));
        assertEquals(0.5, fit.p0());
        assertEquals(3, fit.positives());
        assertEquals(3, fit.fit("uniform").distribution().parameters().get("b"));
    }

    @Test
    void aLayerWithoutTwoDistinctPositivesGetsNoFitsAndANoneRow() {
        LayerFit dead = DistributionFitter.fit(LayerDistribution.of("dead", 1, new double[] {-1, 0, -3}, 3));
        assertTrue(dead.fits().isEmpty());
        assertTrue(dead.best().isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, dead::bestModel);
        assertTrue(e.getMessage().contains("layer dead has no fitted family"), e.getMessage());
        LayerDistribution live = LayerDistribution.of("live", 2, Samples.of(GammaDistribution.of(2, 0.3), 2000, 5),
                10);
        NetworkFit fits = DistributionFitter.fit(new NetworkDistribution(
                List.of(live, LayerDistribution.of("dead", 1, new double[] {-1, 0, -3}, 3)), 1,
                CaptureConfig.defaults()));
        Table t = fits.toTable();
        assertEquals(DistributionFamily.all().size() + 1, t.rowCount());
        String bestFamily = null;
        for (int row = 0; row < t.rowCount(); row++) {
            if (t.booleanColumn("best").get(row)) {
                assertEquals("live", t.stringColumn("layer").get(row));
                assertEquals(null, bestFamily, "exactly one best family per layer");
                bestFamily = t.stringColumn("family").get(row);
                assertEquals(0.0, t.doubleColumn("delta_aic").get(row));
            }
        }
        assertEquals(fits.layer("live").best().orElseThrow().family(), bestFamily);
        int last = t.rowCount() - 1;
        assertEquals("dead", t.stringColumn("layer").get(last));
        assertEquals("none", t.stringColumn("family").get(last));
    }
}
