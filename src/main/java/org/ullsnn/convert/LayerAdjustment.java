package org.ullsnn.convert;

import java.util.Arrays;

/**
 * What a strategy changes in a spiking layer beyond its scalar (theta, v, u0): a shift of the layer's input
 * current per channel, {@code I_c(t) <- I_c(t) + delta_c} at every step. The converter folds it into the bias of
 * the weight layer that produces the current (its "carrier", {@code ConversionPlan.biasCarrier}; a bias is created
 * when the layer had none), so the SNN does no extra work per step beyond that bias.
 *
 * @param biasShift {@code delta_c}, one per channel of the layer's input current (a conv's output channels, a dense
 *                  layer's neurons), or empty for no shift; finite values
 */
public record LayerAdjustment(double[] biasShift) {

    /** No adjustment. */
    public static final LayerAdjustment NONE = new LayerAdjustment(new double[0]);

    public LayerAdjustment {
        biasShift = biasShift.clone();
        for (double d : biasShift) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("a bias shift must be finite, got " + d);
            }
        }
    }

    /** A per-channel shift of the input current. */
    public static LayerAdjustment biasShift(double[] delta) {
        return new LayerAdjustment(delta);
    }

    /** {@code delta_c} (a copy). */
    @Override
    public double[] biasShift() {
        return biasShift.clone();
    }

    /** Whether there is anything to apply. */
    public boolean isNone() {
        return biasShift.length == 0;
    }

    /** The Euclidean norm of the bias shift (0 for none). */
    public double biasShiftNorm() {
        double s = 0;
        for (double d : biasShift) {
            s += d * d;
        }
        return Math.sqrt(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerAdjustment other && Arrays.equals(biasShift, other.biasShift);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(biasShift);
    }

    @Override
    public String toString() {
        return isNone() ? "LayerAdjustment[none]" : "LayerAdjustment[biasShift=" + Arrays.toString(biasShift) + "]";
    }
}
