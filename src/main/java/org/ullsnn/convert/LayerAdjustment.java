package org.ullsnn.convert;

import java.util.Arrays;

/**
 * What a strategy changes in a spiking layer beyond its scalar (theta, v, u0): a shift of the layer's input
 * current per channel, {@code I_c(t) <- I_c(t) + delta_c} at every step, and per-neuron initial potentials. The
 * converter folds the shift into the bias of the weight layer that produces the current (its "carrier",
 * {@code ConversionPlan.biasCarrier}; a bias is created when the layer had none), so the SNN does no extra work per
 * step beyond that bias; the initial potentials go to the IF layer ({@code IFNeuronLayer.initialPotential}).
 *
 * @param biasShift        {@code delta_c}, one per channel of the layer's input current (a conv's output channels,
 *                         a dense layer's neurons), or empty for no shift; finite values
 * @param initialPotential added to u0 at t = 0, one per neuron of one sample (C-order over channel, height, width),
 *                         or empty for none; finite values of any sign
 * @param offsetSpikeSteps offset-spike pre-run steps rho ({@code IFNeuronLayer.offsetSpikeSteps}, Hao et al. 2023), 0
 *                         for none
 */
public record LayerAdjustment(double[] biasShift, double[] initialPotential, int offsetSpikeSteps) {

    /** No adjustment. */
    public static final LayerAdjustment NONE = new LayerAdjustment(new double[0], new double[0], 0);

    public LayerAdjustment {
        biasShift = finite(biasShift, "bias shift");
        initialPotential = finite(initialPotential, "initial potential");
        if (offsetSpikeSteps < 0) {
            throw new IllegalArgumentException("offset-spike steps must be >= 0, got " + offsetSpikeSteps);
        }
    }

    private static double[] finite(double[] values, String what) {
        for (double d : values) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("a " + what + " must be finite, got " + d);
            }
        }
        return values.clone();
    }

    /** A per-channel shift of the input current. */
    public static LayerAdjustment biasShift(double[] delta) {
        return new LayerAdjustment(delta, new double[0], 0);
    }

    /** Offset-spike calibration with a pre-run of {@code rho} steps, and nothing else. */
    public static LayerAdjustment offsetSpikes(int rho) {
        if (rho < 1) {
            throw new IllegalArgumentException("offset-spike calibration needs rho >= 1, got " + rho);
        }
        return new LayerAdjustment(new double[0], new double[0], rho);
    }

    /** This adjustment with per-neuron initial potentials. */
    public LayerAdjustment withInitialPotential(double[] potentials) {
        return new LayerAdjustment(biasShift, potentials, offsetSpikeSteps);
    }

    /** {@code delta_c} (a copy). */
    @Override
    public double[] biasShift() {
        return biasShift.clone();
    }

    /** The per-neuron initial potentials (a copy). */
    @Override
    public double[] initialPotential() {
        return initialPotential.clone();
    }

    /** Whether there is a bias shift to fold. */
    public boolean hasBiasShift() {
        return biasShift.length > 0;
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
        return o instanceof LayerAdjustment other && Arrays.equals(biasShift, other.biasShift)
                && Arrays.equals(initialPotential, other.initialPotential) && offsetSpikeSteps == other.offsetSpikeSteps;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(biasShift) + Arrays.hashCode(initialPotential)) + offsetSpikeSteps;
    }

    @Override
    public String toString() {
        return "LayerAdjustment[biasShift=" + Arrays.toString(biasShift) + ", initialPotential["
                + initialPotential.length + "], offsetSpikeSteps=" + offsetSpikeSteps + "]";
    }
}
