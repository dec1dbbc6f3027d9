package org.ullsnn.stats;

import java.util.Map;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;

/**
 * Log-normal: {@code log z ~ N(m, s^2)}, {@code f(z) = exp(-(log z - m)^2 / (2 s^2)) / (z s sqrt(2 pi))} for
 * {@code z > 0}. Two parameters. MLE: {@code m = (1/n) sum log z_i}, {@code s^2 = (1/n) sum (log z_i - m)^2}.
 *
 * @param logMean {@code m}, the mean of {@code log z}, finite
 * @param logSd   {@code s}, the standard deviation of {@code log z}, finite and {@code > 0}
 */
public record LogNormal(double logMean, double logSd) implements DistributionFamily {

    static final String NAME = "log-normal";

    public LogNormal {
        Checks.finite("log-normal mean of log z", logMean);
        Checks.finitePositive("log-normal sd of log z", logSd);
    }

    /**
     * The MLE of {@code m} and {@code s}.
     *
     * @throws IllegalArgumentException if all samples are equal ({@code s = 0})
     */
    public static LogNormal fit(double[] positives) {
        Checks.positiveSamples(NAME, positives);
        double sum = 0;
        for (double z : positives) {
            sum += Math.log(z);
        }
        double m = sum / positives.length;
        double squares = 0;
        for (double z : positives) {
            double d = Math.log(z) - m;
            squares += d * d;
        }
        double s = Math.sqrt(squares / positives.length);
        if (!(s > 0)) {
            throw new IllegalArgumentException("MLE of log-normal needs samples that are not all equal, got sd of"
                    + " log z = " + s);
        }
        return new LogNormal(m, s);
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
        return Checks.orderedParameters("logMean", logMean, "logSd", logSd);
    }

    /**
     * {@code z^k f_{m,s}(z) = exp(k m + k^2 s^2 / 2) f_{m + k s^2, s}(z)}, so
     * {@code M_k = exp(k m + k^2 s^2 / 2) P_{LogNormal(m + k s^2, s)}(l < Z <= r)}.
     */
    @Override
    public double partialMoment(int k, double l, double r) {
        PartialMoments.checkArguments(k, l, r);
        double factor = Math.exp(k * logMean + 0.5 * k * k * logSd * logSd);
        return factor * PartialMoments.mass(LogNormalDistribution.of(logMean + k * logSd * logSd, logSd), l, r);
    }

    @Override
    public ContinuousDistribution distribution() {
        return LogNormalDistribution.of(logMean, logSd);
    }
}
