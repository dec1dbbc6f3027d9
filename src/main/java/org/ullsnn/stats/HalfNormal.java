package org.ullsnn.stats;

import java.util.Map;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.FoldedNormalDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

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

    /**
     * {@code Y = Z^2} is {@code Gamma(1/2, 2 sigma^2)}, so with {@code (l, r]} clipped to {@code z >= 0}:
     * {@code M_k = E[Y^(k/2) 1{l^2 < Y <= r^2}] = (2 sigma^2)^(k/2) Gamma((1 + k)/2) / Gamma(1/2)
     * P_{Gamma((1 + k)/2, 2 sigma^2)}(l^2 < Y <= r^2)}: {@code M_1 = sigma sqrt(2/pi) (e^(-l^2/(2 sigma^2)) -
     * e^(-r^2/(2 sigma^2)))}, {@code M_2 = sigma^2 P_{Gamma(3/2, 2 sigma^2)}(l^2 < Y <= r^2)}.
     */
    @Override
    public double partialMoment(int k, double l, double r) {
        PartialMoments.checkArguments(k, l, r);
        double g = Math.max(l, 0);
        double h = Math.max(r, 0);
        double variance = sigma * sigma;
        return switch (k) {
            case 0 -> PartialMoments.mass(distribution(), g, h);
            case 1 -> sigma * Math.sqrt(2 / Math.PI) * (h > g ? Math.exp(-g * g / (2 * variance))
                    - Math.exp(-h * h / (2 * variance)) : 0);
            default -> variance * PartialMoments.mass(GammaDistribution.of(1.5, 2 * variance), g * g, h * h);
        };
    }

    @Override
    public ContinuousDistribution distribution() {
        return FoldedNormalDistribution.of(0, sigma);
    }
}
