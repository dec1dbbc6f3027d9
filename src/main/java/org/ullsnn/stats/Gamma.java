package org.ullsnn.stats;

import java.util.Map;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;

/**
 * Gamma with shape {@code k} and scale {@code s}: {@code f(z) = z^(k-1) exp(-z/s) / (Gamma(k) s^k)} for
 * {@code z > 0}. Two parameters.
 * <p>MLE: with {@code m = (1/n) sum z_i} and {@code c = log m - (1/n) sum log z_i} ({@code > 0} unless all
 * samples are equal), the shape solves
 * <pre>
 * log k - digamma(k) = c,        then  s = m / k
 * </pre>
 * solved by Newton's method on {@code 1/k} from Minka's start
 * {@code k0 = (3 - c + sqrt((c - 3)^2 + 24 c)) / (12 c)} (T. Minka, "Estimating a Gamma distribution",
 * 2002), with {@code digamma}, {@code trigamma} from Commons Numbers. It converges in a handful of steps.
 *
 * @param shape {@code k}, finite and {@code > 0}
 * @param scale {@code s}, finite and {@code > 0}
 */
public record Gamma(double shape, double scale) implements DistributionFamily {

    static final String NAME = "gamma";

    private static final int MAX_ITERATIONS = 100;
    private static final double RELATIVE_TOLERANCE = 1e-12;

    public Gamma {
        Checks.finitePositive("gamma shape", shape);
        Checks.finitePositive("gamma scale", scale);
    }

    /**
     * The MLE of shape and scale.
     *
     * @throws IllegalArgumentException if all samples are equal (the shape's MLE is infinite)
     */
    public static Gamma fit(double[] positives) {
        Checks.positiveSamples(NAME, positives);
        double sum = 0;
        double sumLog = 0;
        for (double z : positives) {
            sum += z;
            sumLog += Math.log(z);
        }
        double mean = sum / positives.length;
        double c = Math.log(mean) - sumLog / positives.length;
        if (!(c > 0)) {
            throw new IllegalArgumentException("MLE of gamma needs samples that are not all equal (log mean - mean"
                    + " log > 0), got " + c);
        }
        double k = shapeSolving(c);
        return new Gamma(k, mean / k);
    }

    /** The root {@code k} of {@code log k - digamma(k) = c}, {@code c > 0}. */
    static double shapeSolving(double c) {
        double k = (3 - c + Math.sqrt((c - 3) * (c - 3) + 24 * c)) / (12 * c);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double f = Math.log(k) - Digamma.value(k) - c;
            double df = 1 / k - Trigamma.value(k);
            // Newton on 1/k: d f / d(1/k) = -k^2 f'(k)
            double inverse = 1 / k + f / (k * k * df);
            double next = inverse > 0 ? 1 / inverse : k / 2;
            if (Math.abs(next - k) <= RELATIVE_TOLERANCE * k) {
                return next;
            }
            k = next;
        }
        return k;
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
        return Checks.orderedParameters("shape", shape, "scale", scale);
    }

    /**
     * With shape {@code a} (the {@code k} above) and scale {@code s}:
     * {@code M_j = s^j a (a + 1) ... (a + j - 1) P_{Gamma(a + j, s)}(l < Z <= r)} (see {@link PartialMoments}).
     */
    @Override
    public double partialMoment(int k, double l, double r) {
        PartialMoments.checkArguments(k, l, r);
        return PartialMoments.gamma(k, shape, scale, l, r);
    }

    @Override
    public ContinuousDistribution distribution() {
        return GammaDistribution.of(shape, scale);
    }
}
