package org.ullsnn.stats;

import java.util.Map;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.FoldedNormalDistribution;

/**
 * Half-normal with scale {@code sigma}: {@code f(z) = sqrt(2/pi) / sigma * exp(-z^2 / (2 sigma^2))} for
 * {@code z >= 0} ({@code |X|} with {@code X ~ N(0, sigma^2)}; Commons' folded normal with mean 0). One
 * parameter. MLE: {@code sigma^2 = (1/n) sum_i z_i^2}.
 *
 * @param sigma finite and {@code > 0}
 */
public record HalfNormal(double sigma) implements DistributionFamily {

    static final String NAME = "half-normal";

    public HalfNormal {
        Checks.finitePositive("half-normal sigma", sigma);
    }

    /** The MLE {@code sigma = sqrt(mean z_i^2)}. */
    public static HalfNormal fit(double[] positives) {
        Checks.positiveSamples(NAME, positives);
        double sumSquares = 0;
        for (double z : positives) {
            sumSquares += z * z;
        }
        return new HalfNormal(Math.sqrt(sumSquares / positives.length));
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
        return Map.of("sigma", sigma);
    }

    @Override
    public ContinuousDistribution distribution() {
        return FoldedNormalDistribution.of(0, sigma);
    }
}
