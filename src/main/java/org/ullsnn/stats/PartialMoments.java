package org.ullsnn.stats;

import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * Closed forms behind {@link DistributionFamily#partialMoment}: the partial moments
 * {@code M_k(l, r) = E[Z^k 1{l < Z <= r}]}, {@code k = 0, 1, 2}, as a factor times a probability under a
 * related distribution of Commons Statistics. The central one, for {@code Z ~ Gamma(a, s)}:
 * <pre>
 * z^k f_{a,s}(z) = s^k Gamma(a + k) / Gamma(a) f_{a+k,s}(z)
 * M_k(l, r)      = s^k a (a + 1) ... (a + k - 1) P_{Gamma(a + k, s)}(l &lt; Z &lt;= r)
 * </pre>
 * Each family writes its own in terms of it or of its own shifted distribution (see the records).
 */
final class PartialMoments {

    /** The highest moment the conversion-error integrals need. */
    static final int MAX_ORDER = 2;

    private PartialMoments() {
    }

    static void checkArguments(int k, double l, double r) {
        if (k < 0 || k > MAX_ORDER) {
            throw new IllegalArgumentException("partial moments are given for k = 0, 1, 2, got " + k);
        }
        if (Double.isNaN(l) || Double.isNaN(r) || l > r) {
            throw new IllegalArgumentException("a partial moment needs l <= r, got (" + l + ", " + r + "]");
        }
    }

    /**
     * {@code P(l < Z <= r)}, from the survival function when {@code l} lies above the median (where {@code F} is
     * close to 1 and the difference of cdfs would lose the small mass); 0 when {@code r <= l}.
     */
    static double mass(ContinuousDistribution d, double l, double r) {
        if (!(r > l)) {
            return 0;
        }
        double below = d.cumulativeProbability(l);
        double p = below > 0.5 ? d.survivalProbability(l) - d.survivalProbability(r)
                : d.cumulativeProbability(r) - below;
        return Math.max(0.0, p);
    }

    /** {@code E[Z^k 1{l < Z <= r}]} for {@code Z ~ Gamma(shape, scale)}. */
    static double gamma(int k, double shape, double scale, double l, double r) {
        double factor = 1;
        for (int j = 0; j < k; j++) {
            factor *= (shape + j) * scale;
        }
        return factor * mass(GammaDistribution.of(shape + k, scale), l, r);
    }
}
