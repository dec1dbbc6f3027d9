package org.ullsnn.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Fits every {@link DistributionFamily} to each layer's positive pre-activations (METHOD.md §4
 * "Distributions"): maximum likelihood on the samples {@code z > 0} of the layer's reservoir (all values
 * when the capture kept them all), {@code p0 = P(z <= 0)} from the exact counts, then log-likelihood, AIC
 * and the KS statistic per family ({@link FamilyFit}); the best family of a layer has the smallest AIC
 * ({@link LayerFit#best()}).
 * <p>The KS statistic is Commons Statistics' one-sample two-sided {@code D = sup |F_n - F|}.
 * <pre>{@code
 * NetworkFit fits = DistributionFitter.fit(capture);
 * fits.toTable();                                   // one row per layer x family, best marked
 * ZeroInflated model = fits.layer("conv1_act").bestModel();
 * }</pre>
 */
public final class DistributionFitter {

    private static final KolmogorovSmirnovTest KS = KolmogorovSmirnovTest.withDefaults();

    private DistributionFitter() {
    }

    /** Every layer of {@code network}. */
    public static NetworkFit fit(NetworkDistribution network) {
        Checks.notNull("network", network);
        return new NetworkFit(network.layers().stream().map(DistributionFitter::fit).toList());
    }

    /** Every family on one layer; none when it has fewer than two distinct positive samples. */
    public static LayerFit fit(LayerDistribution layer) {
        Checks.notNull("layer", layer);
        double[] positives = layer.positiveSamples();
        List<FamilyFit> fits = new ArrayList<>();
        if (distinctValues(positives) >= 2) {
            for (DistributionFamily.Estimator<?> e : DistributionFamily.all()) {
                fits.add(fit(e, positives));
            }
        }
        return new LayerFit(layer.layer(), layer.mu(), layer.fractionAtOrBelowZero(), positives.length, fits);
    }

    /** One family on positive samples (each finite and {@code > 0}). */
    public static FamilyFit fit(DistributionFamily.Estimator<?> estimator, double[] positives) {
        DistributionFamily d = estimator.fit(positives);
        return FamilyFit.of(d, positives.length, d.logLikelihood(positives), ksStatistic(positives, d));
    }

    /**
     * The one-sample two-sided KS statistic {@code sup_z |F_n(z) - F(z)|} of {@code z} (at least two values, as
     * Commons requires) against {@code family}.
     */
    public static double ksStatistic(double[] z, DistributionFamily family) {
        Checks.notNull("z", z);
        if (z.length < 2) {
            throw new IllegalArgumentException("the KS statistic needs at least two samples, got " + z.length);
        }
        ContinuousDistribution d = family.distribution();
        return KS.statistic(z.clone(), d::cumulativeProbability);
    }

    private static int distinctValues(double[] z) {
        if (z.length < 2) {
            return z.length;
        }
        double first = z[0];
        return Arrays.stream(z).anyMatch(v -> v != first) ? 2 : 1;
    }
}
