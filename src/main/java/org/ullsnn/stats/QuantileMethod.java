package org.ullsnn.stats;

import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The sample-quantile estimator, named after Hyndman and Fan ("Sample quantiles in statistical packages",
 * The American Statistician 50(4), 1996). For sorted values {@code x[1] <= ... <= x[n]} and a probability
 * {@code p}, each estimator picks a real position {@code h} and interpolates linearly between
 * {@code x[floor(h)]} and {@code x[floor(h) + 1]}:
 * <pre>
 * HF6: h = (n + 1) p
 * HF7: h = (n - 1) p + 1        numpy.percentile / torch.quantile default ("linear")
 * HF8: h = (n + 1/3) p + 1/3    Apache Commons Statistics' default
 * </pre>
 * Positions are clamped to {@code [1, n]}. The package uses {@link #HF7} everywhere by default so that its
 * percentiles equal those of the authors' PyTorch code on the same values.
 */
public enum QuantileMethod {
    /** Hyndman-Fan type 6, {@code h = (n + 1) p}. */
    HF6(Quantile.EstimationMethod.HF6),
    /** Hyndman-Fan type 7, {@code h = (n - 1) p + 1}: numpy's and torch's default. */
    HF7(Quantile.EstimationMethod.HF7),
    /** Hyndman-Fan type 8, {@code h = (n + 1/3) p + 1/3}: Commons Statistics' default. */
    HF8(Quantile.EstimationMethod.HF8);

    private final Quantile quantile;

    QuantileMethod(Quantile.EstimationMethod method) {
        this.quantile = Quantile.withDefaults().with(method);
    }

    /**
     * The quantiles of {@code values} at the probabilities {@code p} (each in [0, 1]); {@code values} is not
     * modified. NaN for every {@code p} when {@code values} is empty.
     */
    public double[] evaluate(double[] values, double... p) {
        Checks.notNull("values", values);
        for (double q : p) {
            Checks.probability("quantile probability", q);
        }
        return quantile.evaluate(values, p);
    }
}
