package org.ullsnn.energy;

import java.util.Locale;

/**
 * The counting choices behind an SNN energy figure (METHOD.md §6), printed beside every ratio.
 *
 * @param firstLayer how the layer reading the image is counted (c1)
 * @param fanOut     synaptic operations from the mean input rate or from each input position's true fan-out
 * @param neuronPj   energy of one neuron update (one IF neuron, one step) in pJ, finite and {@code >= 0};
 *                   0 leaves neuron updates out, as the paper does
 */
public record EnergyConventions(FirstLayer firstLayer, FanOut fanOut, double neuronPj) {

    public EnergyConventions {
        if (firstLayer == null || fanOut == null) {
            throw new IllegalArgumentException("the first-layer convention and the fan-out mode must be set");
        }
        if (!(neuronPj >= 0) || !Double.isFinite(neuronPj)) {
            throw new IllegalArgumentException("the neuron-update cost must be finite and >= 0 pJ, got " + neuronPj);
        }
    }

    /**
     * METHOD.md's: first layer counted once (our SNN computes the constant input current once and repeats it),
     * uniform fan-out ({@code SOPs = r_in * MACs}, the paper's way), no neuron-update cost (the paper counts
     * synaptic operations only).
     */
    public static EnergyConventions defaults() {
        return new EnergyConventions(FirstLayer.ONCE, FanOut.UNIFORM, 0);
    }

    public EnergyConventions withFirstLayer(FirstLayer f) {
        return new EnergyConventions(f, fanOut, neuronPj);
    }

    public EnergyConventions withFanOut(FanOut f) {
        return new EnergyConventions(firstLayer, f, neuronPj);
    }

    public EnergyConventions withNeuronPj(double pj) {
        return new EnergyConventions(firstLayer, fanOut, pj);
    }

    /** "first layer counted once (constant input, cached); fan-out uniform (SOPs = r_in * MACs); neuron cost none". */
    public String describe() {
        return String.format(Locale.ROOT, "first layer %s; fan-out %s; neuron cost %s", firstLayer.description(),
                fanOut.description(), neuronPj == 0 ? "none" : EnergyCosts.plain(neuronPj) + " pJ per neuron per step");
    }
}
