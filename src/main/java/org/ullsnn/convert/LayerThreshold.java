package org.ullsnn.convert;

/**
 * The numbers a threshold strategy chooses for one spiking layer (METHOD.md §4).
 *
 * @param theta      firing threshold of the layer's IF neurons, finite and {@code > 0}
 * @param v          output scale: a spike stands for the value {@code v}; folded into the next layer's weights,
 *                   finite and {@code > 0}
 * @param u0         initial membrane potential, finite, in {@code [0, theta)} (0 for the paper, theta/2 for the
 *                   half-threshold shift)
 * @param adjustment per-channel changes beyond the scalars (a shift of the input current), {@link LayerAdjustment#NONE}
 *                   for the paper's strategies
 */
public record LayerThreshold(double theta, double v, double u0, LayerAdjustment adjustment) {

    public LayerThreshold {
        if (!(theta > 0) || !Double.isFinite(theta)) {
            throw new IllegalArgumentException("threshold theta must be finite and > 0, got " + theta);
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("output scale v must be finite and > 0, got " + v);
        }
        if (!(u0 >= 0 && u0 < theta)) {
            throw new IllegalArgumentException("initial potential u0 must be in [0, theta = " + theta + "), got " + u0);
        }
        if (adjustment == null) {
            throw new IllegalArgumentException("the adjustment must be set (LayerAdjustment.NONE for none)");
        }
    }

    /** Scalars only, no adjustment. */
    public LayerThreshold(double theta, double v, double u0) {
        this(theta, v, u0, LayerAdjustment.NONE);
    }

    /** theta = v = {@code value}, u0 = 0: the rate-coding default. */
    public static LayerThreshold of(double value) {
        return new LayerThreshold(value, value, 0);
    }

    /** The same scalars with {@code adjustment}. */
    public LayerThreshold with(LayerAdjustment adjustment) {
        return new LayerThreshold(theta, v, u0, adjustment);
    }
}
