package org.ullsnn.stats;

/**
 * The first two moments of the conversion error {@code e(z) = y(z) - a(z)} of one layer (SNN output minus
 * DNN activation) under some distribution of {@code z}.
 *
 * @param meanError        {@code E[y - a]}
 * @param meanSquaredError {@code E[(y - a)^2]}, {@code >= 0}
 */
public record ErrorMoments(double meanError, double meanSquaredError) {

    public ErrorMoments {
        if (Double.isNaN(meanError) || Double.isNaN(meanSquaredError)) {
            throw new IllegalArgumentException("error moments must not be NaN, got mean " + meanError + ", MSE "
                    + meanSquaredError);
        }
        if (meanSquaredError < 0) {
            throw new IllegalArgumentException("mean squared error must be >= 0, got " + meanSquaredError);
        }
    }

    /** {@code sqrt(E[(y - a)^2])}. */
    public double rootMeanSquaredError() {
        return Math.sqrt(meanSquaredError);
    }

    /** {@code Var[y - a] = E[(y - a)^2] - E[y - a]^2} (clamped at 0 against rounding). */
    public double variance() {
        return Math.max(0.0, meanSquaredError - meanError * meanError);
    }
}
