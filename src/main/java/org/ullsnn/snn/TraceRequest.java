package org.ullsnn.snn;

/**
 * Asks a simulation to record one neuron's membrane course.
 *
 * @param layer  the IF layer's name
 * @param sample index of the image in the simulated data, in iteration order (0-based)
 * @param neuron flat index of the neuron within one sample's tensor of that layer (C-order over C, H, W)
 */
public record TraceRequest(String layer, long sample, long neuron) {

    public TraceRequest {
        if (layer == null || layer.isBlank()) {
            throw new IllegalArgumentException("a trace needs a layer name");
        }
        if (sample < 0 || neuron < 0) {
            throw new IllegalArgumentException("sample and neuron indices must be >= 0, got " + sample + ", " + neuron);
        }
    }
}
