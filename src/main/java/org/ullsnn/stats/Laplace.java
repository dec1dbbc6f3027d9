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

    @Override
    public ContinuousDistribution distribution() {
        return LaplaceDistribution.of(location, scale);
    }
}
