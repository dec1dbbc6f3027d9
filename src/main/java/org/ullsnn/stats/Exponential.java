package org.ullsnn.stats;

import java.util.Map;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;

/**
 * Exponential with mean {@code m}: {@code f(z) = exp(-z/m) / m} for {@code z >= 0}. One parameter.
 * MLE: {@code m = (1/n) sum_i z_i}.
 *
 * @param mean {@code m}, finite and {@code > 0} (the rate is {@code 1/m})
 */
public record Exponential(double mean) implements DistributionFamily {

    static final String NAME = "exponential";

    public Exponential {
        Checks.finitePositive("exponential mean", mean);
    }

    /** The MLE {@code m = mean z_i}. */
    public static Exponential fit(double[] positives) {
        Checks.positiveSamples(NAME, positives);
        double sum = 0;
        for (double z : positives) {
            sum += z;
        }
        return new Exponential(sum / positives.length);
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
        return Map.of("mean", mean);
    }

    /** The exponential is {@code Gamma(1, m)}: {@code M_k = k! m^k P_{Gamma(k + 1, m)}(l < Z <= r)}. */
    @Override
    public double partialMoment(int k, double l, double r) {
        PartialMoments.checkArguments(k, l, r);
        return PartialMoments.gamma(k, 1, mean, l, r);
    }

    @Override
    public ContinuousDistribution distribution() {
        return ExponentialDistribution.of(mean);
    }
}
