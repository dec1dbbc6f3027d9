package org.ullsnn.snn;

/**
 * Spike counts of one IF layer over a simulation.
 *
 * @param layer            layer name
 * @param neuronsPerSample neurons of the layer per image
 * @param samples          images simulated
 * @param timesteps        steps per image
 * @param spikes           spikes emitted in all, over all images and steps
 */
public record LayerSpikes(String layer, long neuronsPerSample, long samples, int timesteps, long spikes) {

    /** Spikes per image over all T steps. */
    public double spikesPerSample() {
        return samples == 0 ? Double.NaN : (double) spikes / samples;
    }

    /** Spikes per neuron per step, in [0, 1]. */
    public double firingRate() {
        double slots = (double) neuronsPerSample * samples * timesteps;
        return slots == 0 ? Double.NaN : spikes / slots;
    }

    /** Spikes per neuron over all T steps (the per-image input rate METHOD.md §6 uses for energy), in [0, T]. */
    public double spikesPerNeuron() {
        return firingRate() * timesteps;
    }
}
