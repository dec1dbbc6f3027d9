package org.ullsnn.energy;

/** The weight layers whose operations are counted; pooling, batch norm, activations and additions cost nothing. */
public enum LayerKind {
    /** A 2-D convolution, including a residual 1x1 shortcut: {@code k*k*C_in*C_out*H_out*W_out} MACs. */
    CONV,
    /** A hidden fully connected layer: {@code f_in*f_out} MACs. */
    DENSE,
    /** The classifier (the last weight layer before the network output): {@code f_in*f_out} MACs. */
    OUTPUT
}
