package org.ullsnn.stats;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.LaplaceDistribution;

/**
 * Laplace with location {@code l} and scale {@code b}: {@code f(z) = exp(-|z - l| / b) / (2b)} on the whole
 * real line. Two parameters.
 * <p><b>Untruncated.</b> It is fitted to the positive samples as if they came from the whole Laplace:
 * {@code l = median z_i} (midpoint of the two middle values for even {@code n}) and
 * {@code b = (1/n) sum |z_i - l|}, the untruncated MLE. Its density, log-likelihood and cdf are those of the
 * untruncated Laplace, so it keeps a mass {@code F(0) > 0} below zero that the positive samples never show:
 * the KS statistic sees it as a jump at 0, and in a {@link ZeroInflated} model that mass joins
 * {@code P(z <= 0)}.
 *
 * @param location {@code l}, finite
 * @param scale    {@code b}, finite and {@code > 0}
 */
public record Laplace(double location, double scale) implements DistributionFamily {

    static final String NAME = "laplace";

    public Laplace {
        Checks.finite("laplace location", location);
        Checks.finitePositive("laplace scale", scale);
    }

    /**
     * The untruncated MLE: {@code l = median}, {@code b = mean |z - l|}.
     *
     * @throws IllegalArgumentException if all samples are equal ({@code b = 0})
     */
    public static Laplace fit(double[] positives) {
        Checks.positiveSamples(NAME, positives);
        double[] sorted = positives.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double sum = 0;
        for (double z : sorted) {
            sum += Math.abs(z - median);
        }
        double b = sum / n;
        if (!(b > 0)) {
            throw new IllegalArgumentException("MLE of laplace needs samples that are not all equal, got mean"
                    + " |z - median| = " + b);
        }
        return new Laplace(median, b);
    }

    @Override
    public String familyName() {
        return NAME;
    }

    @Override
    public int parameterCount() {
        return 2;
    }

    @Override
    public Map<String, Double> parameters() {
        return Checks.orderedParameters("location", location, "scale", scale);
    }

    /**
     * Each half of the Laplace is half an exponential of mean {@code b} about the location {@code l}:
     * {@code Z = l + E} above it and {@code Z = l - E} below, {@code E ~ Exp(b) = Gamma(1, b)}, so by the binomial
     * theorem {@code M_k = (1/2) sum_j C(k, j) l^(k-j) [E_j(above) + (-1)^j E_j(below)]}, with
     * {@code E_j(a, c) = E[E^j 1{a < E <= c}] = j! b^j P_{Gamma(j + 1, b)}(a < E <= c)} over the exponential's
     * share of {@code (l, r]} on each side.
     */
    @Override
    public double partialMoment(int k, double l, double r) {
        PartialMoments.checkArguments(k, l, r);
        if (k == 0) {
            return PartialMoments.mass(distribution(), l, r);
        }
        double aboveFrom = Math.max(l - location, 0);
        double aboveTo = Math.max(r - location, 0);
        double belowFrom = Math.max(location - r, 0);
        double belowTo = Math.max(location - l, 0);
        double sum = 0;
        double binomial = 1;
        for (int j = 0; j <= k; j++) {
            double above = PartialMoments.gamma(j, 1, scale, aboveFrom, aboveTo);
            double below = PartialMoments.gamma(j, 1, scale, belowFrom, belowTo);
            sum += binomial * Math.pow(location, k - j) * (above + (j % 2 == 0 ? below : -below));
            binomial = binomial * (k - j) / (j + 1);
        }
        return 0.5 * sum;
    }

    @Override
    public ContinuousDistribution distribution() {
        return LaplaceDistribution.of(location, scale);
    }
}
