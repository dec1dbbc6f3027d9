package org.ullsnn.convert;

/**
 * SNN-mode calibration samples of one layer (METHOD.md §4, source 2): for each sampled neuron of a
 * calibration image, the DNN activation {@code a_i = clip(z_i, 0, mu)} and the input current
 * {@code I_i(1..T)} that the already-converted layers deliver to the same neuron for the same image.
 *
 * @param activations {@code a_i}, one per sample
 * @param currents    {@code currents[i][t]}: sample i's current at step t (0-based), T per sample
 */
public record PairedSamples(double[] activations, double[][] currents) {

    public PairedSamples {
        if (activations.length != currents.length) {
            throw new IllegalArgumentException("need one current series per activation: " + activations.length
                    + " activations, " + currents.length + " series");
        }
        if (activations.length == 0) {
            throw new IllegalArgumentException("SNN-mode calibration produced no samples");
        }
        int steps = currents[0].length;
        for (double[] series : currents) {
            if (series.length != steps) {
                throw new IllegalArgumentException("every current series needs T = " + steps + " steps, got "
                        + series.length);
            }
        }
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
