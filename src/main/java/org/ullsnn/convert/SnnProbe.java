package org.ullsnn.convert;

/**
 * Lets an SNN-mode strategy try a candidate threshold for the layer it is choosing, on the partly converted network
 * (every earlier layer final) over all calibration images of the batches that hold samples. Each call runs the
 * layer's segment once: from the cached spikes it reads, through its weight layer, to its IF output.
 */
public interface SnnProbe {

    /**
     * Per neuron of one sample (C-order over channel, height, width), the mean SNN output {@code v N / T} of the
     * layer converted with {@code candidate}, over the calibration images.
     */
    double[] snnMeanOutput(LayerThreshold candidate);

    /** Per neuron of one sample, the DNN's mean activation {@code a} over the same images. */
    double[] dnnMeanActivation();
}
