package org.ullsnn.energy;

/**
 * The rows of an energy count: the weight layers, and the spike scales on identity shortcuts of the SNN. Pooling,
 * activations, IF neurons and additions cost nothing; a bias is counted with its weight layer.
 */
public enum LayerKind {
    /** A 2-D convolution, including a residual 1x1 shortcut: {@code k*k*C_in*C_out*H_out*W_out} MACs. */
    CONV,
    /** A hidden fully connected layer: {@code f_in*f_out} MACs. */
    DENSE,
    /** The classifier (the last weight layer before the network output): {@code f_in*f_out} MACs. */
    OUTPUT,
    /**
     * The SNN's {@code ScaleVertex} on an identity shortcut ({@link ShortcutScale}): the spikes times their scale
     * v, one multiplication per element per step; no operation in the DNN.
     */
    SCALE
}
