package org.ullsnn.stats;

import java.util.Map;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/**
 * Uniform on {@code (0, b)}: {@code f(z) = 1/b} on {@code [0, b]}, {@code F(z) = z/b}. One parameter.
 * MLE: {@code b = max_i z_i} (the likelihood {@code b^-n} grows as {@code b} shrinks to the largest sample).
 * With {@code b = mu} this is the "uniform assumption" of conversion-error analyses.
 *
 * @param upper {@code b}, finite and {@code > 0}
 */
public record Uniform(double upper) implements DistributionFamily {

    static final String NAME = "uniform";

    public Uniform {
        Checks.finitePositive("uniform upper bound b", upper);
    }

    /** The MLE {@code b = max z_i}. */
    public static Uniform fit(double[] positives) {
        Checks.positiveSamples(NAME, positives);
        double max = 0;
        for (double z : positives) {
            max = Math.max(max, z);
        }
        return new Uniform(max);
    }

    @Override
    public String familyName() {
        return NAME;
    }

    @Override
    public int parameterCount() {
        return 1;
    }

    @Override
    public Map<String, Double> parameters() {
        return Map.of("b", upper);
    }

    /**
     * {@code (h^(k+1) - g^(k+1)) / ((k + 1) b)} with {@code [g, h] = [l, r]} clipped to {@code [0, b]}, written as
     * {@code (h - g)} times a sum of positive terms so that a narrow interval keeps its digits.
     */
    @Override
    public double partialMoment(int k, double l, double r) {
        PartialMoments.checkArguments(k, l, r);
        double g = Math.min(Math.max(l, 0), upper);
        double h = Math.min(Math.max(r, 0), upper);
        if (!(h > g)) {
            return 0;
        }
        double width = h - g;
        return switch (k) {
            case 0 -> width / upper;
            case 1 -> width * (h + g) / (2 * upper);
            default -> width * (h * h + h * g + g * g) / (3 * upper);
        };
    }

    @Override
    public ContinuousDistribution distribution() {
        return UniformContinuousDistribution.of(0, upper);
    }
}
