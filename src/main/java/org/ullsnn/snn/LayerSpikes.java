package org.ullsnn.snn;

import java.util.Arrays;

/**
 * Spike counts of one IF layer over a simulation.
 *
 * @param layer            layer name
 * @param neuronsPerSample neurons of the layer per image
 * @param samples          images simulated
 * @param spikesPerStep    spikes emitted at each step t = 1..T (index t - 1), summed over all images
 * @param perNeuron        spikes of each neuron (C-order over the per-image tensor), summed over all images and
 *                         steps; empty when not recorded (after {@link #firstSteps(int)})
 */
public record LayerSpikes(String layer, long neuronsPerSample, long samples, long[] spikesPerStep, long[] perNeuron) {

    public LayerSpikes {
        spikesPerStep = spikesPerStep.clone();
        perNeuron = perNeuron.clone();
        if (perNeuron.length != 0 && perNeuron.length != neuronsPerSample) {
            throw new IllegalArgumentException("layer " + layer + ": per-neuron counts need " + neuronsPerSample
                    + " entries, got " + perNeuron.length);
        }
    }

    /** Counts without per-neuron detail. */
    public LayerSpikes(String layer, long neuronsPerSample, long samples, long[] spikesPerStep) {
        this(layer, neuronsPerSample, samples, spikesPerStep, new long[0]);
    }

    /** Whether {@link #perNeuron()} holds the per-neuron counts. */
    public boolean hasPerNeuron() {
        return perNeuron.length > 0;
    }

    /** T. */
    public int timesteps() {
        return spikesPerStep.length;
    }

    /** Spikes in all, over all images and steps. */
    public long spikes() {
        return Arrays.stream(spikesPerStep).sum();
    }

    /** Spikes per image over all T steps. */
    public double spikesPerSample() {
        return samples == 0 ? Double.NaN : (double) spikes() / samples;
    }

    /** Spikes per neuron per step, in [0, 1]. */
    public double firingRate() {
        double slots = (double) neuronsPerSample * samples * timesteps();
        return slots == 0 ? Double.NaN : spikes() / slots;
    }

    /** Spikes per neuron over all T steps (the per-image input rate METHOD.md §6 uses for energy), in [0, T]. */
    public double spikesPerNeuron() {
        return firingRate() * timesteps();
    }

    /** The counts of the first {@code t} steps only, {@code 1 <= t <= T} (per-neuron counts are dropped). */
    public LayerSpikes firstSteps(int t) {
        if (t < 1 || t > timesteps()) {
            throw new IllegalArgumentException("t must be in 1.." + timesteps() + ", got " + t);
        }
        return new LayerSpikes(layer, neuronsPerSample, samples, Arrays.copyOf(spikesPerStep, t));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerSpikes other && layer.equals(other.layer) && neuronsPerSample == other.neuronsPerSample
                && samples == other.samples && Arrays.equals(spikesPerStep, other.spikesPerStep)
                && Arrays.equals(perNeuron, other.perNeuron);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Objects.hash(layer, neuronsPerSample, samples) + Arrays.hashCode(spikesPerStep))
                + Arrays.hashCode(perNeuron);
    }

    @Override
    public String toString() {
        return "LayerSpikes[" + layer + ", neurons=" + neuronsPerSample + ", samples=" + samples + ", perStep="
                + Arrays.toString(spikesPerStep) + "]";
    }
}
