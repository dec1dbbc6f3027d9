package org.ullsnn.stats;

/**
 * One activation vertex of a DNN that becomes a layer of IF neurons in the SNN.
 *
 * @param name      the activation vertex, e.g. {@code conv1_act}, {@code s1b1_act2}, {@code fc1_act}
 * @param inputName its single input vertex, whose output is the pre-activation {@code z}
 *                  (e.g. {@code conv1}, {@code s1b1_add}, {@code fc1})
 * @param mu        the clip value of {@code a = clip(z, 0, mu)} when discovered: a ClipReLU's current
 *                  {@code mu}, or {@code +Infinity} for a plain ReLU
 */
public record SpikingLayer(String name, String inputName, double mu) {

    public SpikingLayer {
        Checks.named("spiking layer name", name);
        Checks.named("input vertex of " + name, inputName);
        Checks.clipValue("mu of " + name, mu);
    }

    /** {@code true} for a clipped activation (finite {@code mu}), {@code false} for a plain ReLU. */
    public boolean clipped() {
        return Double.isFinite(mu);
    }
}
