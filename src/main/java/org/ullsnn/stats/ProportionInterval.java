package org.ullsnn.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A confidence interval for a proportion measured on {@code n} independent trials, such as a test accuracy on
 * {@code n} test images: the Wilson score interval (Wilson 1927; Brown, Cai and DasGupta 2001 recommend it over the
 * normal approximation, which leaves [0, 1] and undercovers near 0 and 1). With {@code z} the two-sided normal
 * quantile, {@code p} the observed proportion:
 * <pre>
 *   centre = (p + z^2 / 2n) / (1 + z^2 / n),   half-width = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / 4n^2)
 * </pre>
 * Commons Statistics has it as {@code BinomialConfidenceInterval} in its {@code interval} module, which the Maven
 * mirror here does not serve; the formula is three lines, the quantile comes from its normal distribution.
 *
 * @param low  lower bound, in [0, 1]
 * @param high upper bound, in [low, 1]
 */
public record ProportionInterval(double low, double high) {

    /** The confidence of the intervals the notebooks and tables show. */
    public static final double CONFIDENCE_95 = 0.95;

    public ProportionInterval {
        if (!(0 <= low && low <= high && high <= 1)) {
            throw new IllegalArgumentException("an interval within [0, 1] needs 0 <= low <= high <= 1, got [" + low
                    + ", " + high + "]");
        }
    }

    /**
     * The Wilson score interval for {@code successes} out of {@code trials} at {@code confidence} (e.g. 0.95).
     *
     * @throws IllegalArgumentException when trials &lt; 1, successes is outside [0, trials], or confidence is not in
     *                                  (0, 1)
     */
    public static ProportionInterval wilson(long successes, long trials, double confidence) {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("a proportion needs 0 <= successes <= trials and trials >= 1, got "
                    + successes + " of " + trials);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + confidence / 2);
        double n = trials;
        double p = successes / n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z2n / (4 * n));
        return new ProportionInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** The 95 % Wilson interval of an accuracy measured on {@code samples} images (successes rounded from it). */
    public static ProportionInterval ofAccuracy(double accuracy, long samples) {
        return wilson(Math.round(accuracy * samples), samples, CONFIDENCE_95);
    }
}
