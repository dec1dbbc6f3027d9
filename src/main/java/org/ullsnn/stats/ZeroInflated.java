package org.ullsnn.stats;

/**
 * The model of a layer's whole pre-activation {@code z}: a mass {@code p0} at or below zero (every such
 * {@code z} gives {@code a = 0} and no spike, so where below zero does not matter; it is put at 0) and a
 * {@link DistributionFamily} for the rest:
 * <pre>
 * P(Z &lt;= z) = 0                          for z &lt; 0
 *           = p0 + (1 - p0) F(z)         for z &gt;= 0
 * density on z &gt; 0:  (1 - p0) f(z)
 * </pre>
 * {@code p0} comes from the layer's exact count of {@code z <= 0}. For the five families supported on
 * {@code z >= 0}, {@code F(0) = 0}; the untruncated {@link Laplace} has {@code F(0) > 0}, and that mass
 * joins the atom: {@code P(Z <= 0) = p0 + (1 - p0) F(0)} ({@link #massAtOrBelowZero()}).
 *
 * @param p0       the zero-inflation weight {@code P(z <= 0)}, in [0, 1]
 * @param positive the family of {@code z} given {@code z > 0}
 */
public record ZeroInflated(double p0, DistributionFamily positive) {

    public ZeroInflated {
        Checks.probability("zero-inflation weight p0", p0);
        Checks.notNull("positive", positive);
    }

    /** {@code P(Z <= z)} of the mixture. */
    public double cdf(double z) {
        return z < 0 ? 0.0 : p0 + (1 - p0) * positive.cdf(z);
    }

    /** The mixture's density at {@code z > 0}, {@code (1 - p0) f(z)}; 0 for {@code z <= 0} (the atom has no density). */
    public double density(double z) {
        return z > 0 ? (1 - p0) * positive.density(z) : 0.0;
    }

    /** {@code P(Z <= 0) = p0 + (1 - p0) F(0)}. */
    public double massAtOrBelowZero() {
        return cdf(0.0);
    }
}
