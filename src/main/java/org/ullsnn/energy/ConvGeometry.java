package org.ullsnn.energy;

/**
 * Where a weight layer's kernel lands on its input, per image, along height and width. A dense layer is the
 * 1x1 case on a 1x1 "image" ({@link #dense()}), whose channels are the features.
 *
 * <p>Output position {@code o} with kernel tap {@code k} reads input row {@code i = o*s - p + k*d} (stride s,
 * top/left padding p, dilation d); taps that land outside {@code [0, in)} read padding. The number of
 * (output position, tap) pairs that read row i is
 * <pre>
 * n(i) = #{ (o, k) : 0 &lt;= o &lt; out, 0 &lt;= k &lt; K, o*s - p + k*d = i }
 * </pre>
 * and an input neuron at (c, i, j) reaches {@code fanout(c, i, j) = C_out * n_h(i) * n_w(j)} output neurons' taps.
 *
 * @param inHeight       input height, {@code >= 1}
 * @param inWidth        input width, {@code >= 1}
 * @param outHeight      output height, {@code >= 1}
 * @param outWidth       output width, {@code >= 1}
 * @param kernelHeight   kernel height, {@code >= 1}
 * @param kernelWidth    kernel width, {@code >= 1}
 * @param strideHeight   stride along height, {@code >= 1}
 * @param strideWidth    stride along width, {@code >= 1}
 * @param padTop         zero rows above the input, {@code >= 0} (DL4J's Same mode puts the odd one at the bottom)
 * @param padLeft        zero columns left of the input, {@code >= 0}
 * @param dilationHeight dilation along height, {@code >= 1}
 * @param dilationWidth  dilation along width, {@code >= 1}
 */
public record ConvGeometry(int inHeight, int inWidth, int outHeight, int outWidth, int kernelHeight, int kernelWidth,
        int strideHeight, int strideWidth, int padTop, int padLeft, int dilationHeight, int dilationWidth) {

    public ConvGeometry {
        atLeast("input height", inHeight, 1);
        atLeast("input width", inWidth, 1);
        atLeast("output height", outHeight, 1);
        atLeast("output width", outWidth, 1);
        atLeast("kernel height", kernelHeight, 1);
        atLeast("kernel width", kernelWidth, 1);
        atLeast("stride", strideHeight, 1);
        atLeast("stride", strideWidth, 1);
        atLeast("padding", padTop, 0);
        atLeast("padding", padLeft, 0);
        atLeast("dilation", dilationHeight, 1);
        atLeast("dilation", dilationWidth, 1);
    }

    private static void atLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
        }
    }

    /** The geometry of a dense layer: one position in, one out, a 1x1 kernel. */
    public static ConvGeometry dense() {
        return new ConvGeometry(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1);
    }

    /** Kernel taps per (input channel, output channel) pair: {@code kernelHeight * kernelWidth}. */
    public long kernelTaps() {
        return (long) kernelHeight * kernelWidth;
    }

    /** Input positions per channel: {@code inHeight * inWidth}. */
    public long inPositions() {
        return (long) inHeight * inWidth;
    }

    /** Output positions per channel: {@code outHeight * outWidth}. */
    public long outPositions() {
        return (long) outHeight * outWidth;
    }

    /** {@code n_h(i)} for every input row i: how many (output row, kernel row) pairs read row i. */
    public int[] rowTargets() {
        return targets(inHeight, outHeight, kernelHeight, strideHeight, padTop, dilationHeight);
    }

    /** {@code n_w(j)} for every input column j. */
    public int[] columnTargets() {
        return targets(inWidth, outWidth, kernelWidth, strideWidth, padLeft, dilationWidth);
    }

    private static int[] targets(int in, int out, int kernel, int stride, int pad, int dilation) {
        int[] n = new int[in];
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < kernel; k++) {
                int i = o * stride - pad + k * dilation;
                if (i >= 0 && i < in) {
                    n[i]++;
                }
            }
        }
        return n;
    }
}
