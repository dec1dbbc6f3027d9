package org.ullsnn.energy;

/**
 * One row of an energy report, per image: a weight layer's operations and energy in the DNN and the SNN, or the
 * multiplications of an identity shortcut's spike scale ({@link LayerKind#SCALE}), which only the SNN does.
 *
 * @param layer       the weight layer or shortcut scale
 * @param kind        conv, dense, output or scale
 * @param readsInput  whether it reads the image (the SNN's MAC layer)
 * @param macs        MACs_l of the DNN; 0 for a scale
 * @param inputRate   r_in of the spikes it reads; NaN for a layer reading the image and for a scale (which
 *                    multiplies every element at every step, spike or not)
 * @param sops        synaptic operations (accumulates) of the SNN per image over T; 0 for a layer reading the image
 *                    and for a scale
 * @param snnMacs     MACs of the SNN: {@code c1 * MACs_l} for a layer reading the image, {@code T * elements} for a
 *                    scale, else 0
 * @param dnnBiasAdds bias additions of the DNN: the layer's output elements with a bias, else 0
 * @param snnBiasAdds bias additions of the SNN over T: {@code c1} times the DNN's for a layer reading the image,
 *                    {@code T} times for the others
 * @param dnnPj       {@code MACs_l * E_MAC + dnnBiasAdds * E_AC}, pJ
 * @param snnPj       {@code snnMacs * E_MAC + (sops + snnBiasAdds) * E_AC}, pJ
 */
public record LayerEnergy(String layer, LayerKind kind, boolean readsInput, long macs, double inputRate, double sops,
        double snnMacs, long dnnBiasAdds, double snnBiasAdds, double dnnPj, double snnPj) {

    public LayerEnergy {
        if (layer == null || kind == null) {
            throw new IllegalArgumentException("a layer energy needs a layer name and kind");
        }
        if (macs < 0 || dnnBiasAdds < 0) {
            throw new IllegalArgumentException("layer '" + layer + "': MACs and bias adds must be >= 0, got " + macs
                    + ", " + dnnBiasAdds);
        }
        boolean noRate = readsInput || kind == LayerKind.SCALE;
        if (noRate != Double.isNaN(inputRate) || (!noRate && !(inputRate >= 0))) {
            throw new IllegalArgumentException("layer '" + layer + "': the input rate must be NaN for a layer reading "
                    + "the image or a shortcut scale and >= 0 otherwise, got " + inputRate);
        }
        nonNegative(layer, "SOPs", sops);
        nonNegative(layer, "SNN MACs", snnMacs);
        nonNegative(layer, "SNN bias adds", snnBiasAdds);
        nonNegative(layer, "DNN energy", dnnPj);
        nonNegative(layer, "SNN energy", snnPj);
    }

    private static void nonNegative(String layer, String what, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("layer '" + layer + "': " + what + " must be finite and >= 0, got " + v);
        }
    }
}
