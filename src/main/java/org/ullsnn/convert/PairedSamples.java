package org.ullsnn.convert;

/**
 * SNN-mode calibration samples of one layer (METHOD.md §4, source 2): for each sampled neuron of a
 * calibration image, the DNN activation {@code a_i = clip(z_i, 0, mu)}, the DNN pre-activation {@code z_i}, the
 * channel {@code c_i} the neuron belongs to, and the input current {@code I_i(1..T)} that the already-converted
 * layers deliver to the same neuron for the same image.
 *
 * @param activations    {@code a_i}, one per sample
 * @param preActivations {@code z_i}, one per sample (the DNN value of the current {@code I_i(t)} stands for)
 * @param channels       {@code c_i} in {@code [0, channelCount)}: a conv's output channel, a dense layer's neuron
 * @param channelCount   channels of the layer's input current
 * @param currents       {@code currents[i][t]}: sample i's current at step t (0-based), T per sample
 */
public record PairedSamples(double[] activations, double[] preActivations, int[] channels, int channelCount,
        double[][] currents) {

    public PairedSamples {
        int n = activations.length;
        if (n != currents.length || n != preActivations.length || n != channels.length) {
            throw new IllegalArgumentException("need one current series, pre-activation and channel per activation: "
                    + n + " activations, " + currents.length + " series, " + preActivations.length
                    + " pre-activations, " + channels.length + " channels");
        }
        if (n == 0) {
            throw new IllegalArgumentException("SNN-mode calibration produced no samples");
        }
        int steps = currents[0].length;
        for (double[] series : currents) {
            if (series.length != steps) {
                throw new IllegalArgumentException("every current series needs T = " + steps + " steps, got "
                        + series.length);
            }
        }
        for (int c : channels) {
            if (c < 0 || c >= channelCount) {
                throw new IllegalArgumentException("channel " + c + " outside [0, " + channelCount + ")");
            }
        }
    }

    /** Samples without pre-activations or channels: {@code z_i = a_i}, one channel. */
    public PairedSamples(double[] activations, double[][] currents) {
        this(activations, activations, new int[activations.length], 1, currents);
    }

    /** Number of samples. */
    public int size() {
        return activations.length;
    }

    /** Steps per current series. */
    public int timesteps() {
        return currents[0].length;
    }
}
