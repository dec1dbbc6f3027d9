package org.ullsnn.importer;

/**
 * A readable model that uses something conversion cannot take: an operator outside {@link #SUPPORTED}, an
 * attribute value it does not handle, or a layer order the converter refuses. The
 * message names the ONNX node and its op type.
 */
public final class UnsupportedModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The operators the importer maps, as the error messages list them. */
    public static final String SUPPORTED = "Conv, Gemm, MatMul (+ Add of a constant bias), BatchNormalization, Relu, "
            + "Clip (min 0), Max(x, 0) and Min(x, mu) forms of a clip, MaxPool, Flatten and Reshape (before a "
            + "Gemm/MatMul), Add (residual), Dropout, Identity, Softmax (on the output), Constant, "
            + "Cast and Transpose (of a constant)";

    /** A node the importer refuses: {@code "ONNX node 'NAME' (OP): REASON"}. */
    public UnsupportedModelException(String nodeName, String opType, String reason) {
        super("ONNX node '" + nodeName + "' (" + opType + "): " + reason);
    }

    /** An operator the importer does not map at all: the message lists the supported ones. */
    public static UnsupportedModelException operator(String nodeName, String opType) {
        return new UnsupportedModelException(nodeName, opType, "operator not supported; supported: " + SUPPORTED);
    }

    /** A model-level problem that belongs to no node (input shape, outputs). */
    public UnsupportedModelException(String reason) {
        super(reason);
    }
}
