package org.ullsnn.energy;

/**
 * One weight layer's operations and energy per image, DNN and SNN.
 *
 * @param layer      the weight layer
 * @param kind       conv, dense or output
 * @param readsInput whether it reads the image (the SNN's MAC layer)
 * @param macs       MACs_l of the DNN
 * @param inputRate  r_in of the spikes it reads; NaN for a layer reading the image
 * @param sops       synaptic operations (accumulates) of the SNN per image over T; 0 for a layer reading the image
 * @param snnMacs    MACs of the SNN: {@code c1 * MACs_l} for a layer reading the image, else 0
 * @param dnnPj      {@code MACs_l * E_MAC}, pJ
 * @param snnPj      {@code snnMacs * E_MAC + sops * E_AC}, pJ
 */
public record LayerEnergy(String layer, LayerKind kind, boolean readsInput, long macs, double inputRate, double sops,
        double snnMacs, double dnnPj, double snnPj) {

    public LayerEnergy {
        if (layer == null || kind == null) {
            throw new IllegalArgumentException("a layer energy needs a layer name and kind");
        }
        if (macs < 0) {
            throw new IllegalArgumentException("layer '" + layer + "': MACs must be >= 0, got " + macs);
        }
        if (readsInput != Double.isNaN(inputRate) || (!readsInput && !(inputRate >= 0))) {
            throw new IllegalArgumentException("layer '" + layer + "': the input rate must be NaN for a layer reading "
                    + "the image and >= 0 otherwise, got " + inputRate);
        }
        nonNegative(layer, "SOPs", sops);
        nonNegative(layer, "SNN MACs", snnMacs);
        nonNegative(layer, "DNN energy", dnnPj);
        nonNegative(layer, "SNN energy", snnPj);
    }

    private static void nonNegative(String layer, String what, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("layer '" + layer + "': " + what + " must be finite and >= 0, got " + v);
        }
    }
}
