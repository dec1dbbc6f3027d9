package org.ullsnn.energy;

/**
 * One counted layer of a network: a convolution (residual 1x1 shortcuts included), a dense layer or the
 * classifier, with the shapes its operations follow from.
 * <pre>
 * MACs = k_h * k_w * C_in * C_out * H_out * W_out      (conv; padding taps included, as METHOD.md §6 counts)
 * MACs = f_in * f_out                                  (dense, output: C = f, every size 1)
 * fanout(c, i, j) = C_out * n_h(i) * n_w(j)             (see {@link ConvGeometry}; f_out for dense)
 * exact SOPs = sum_p s_p * fanout(p),   s_p = spikes at position p per image over T
 * bias adds  = C_out * H_out * W_out  (f_out for dense)  with a bias, else 0
 * </pre>
 * Summed over all input positions, the fan-outs give the MACs minus the taps that land on padding. A bias is the
 * layer's own or a batch norm folded into it (the converter folds it; the DNN is counted as deployed, folded too):
 * the DNN adds it once per output element, the SNN at every step (its current is recomputed every step) but for
 * the layer reading the image, whose current is computed {@code c1} times ({@link FirstLayer}).
 *
 * @param name        the layer's vertex name (the same in the DNN and its SNN)
 * @param kind        conv, dense or output
 * @param source      the vertex whose output it reads, in the graph it was read from
 * @param readsInput  whether it reads a network input (the image): the SNN's MAC layer, METHOD.md's layer 1
 * @param inChannels  C_in (f_in for dense)
 * @param outChannels C_out (f_out for dense)
 * @param geometry    spatial sizes, kernel, stride, padding, dilation ({@link ConvGeometry#dense()} for dense)
 * @param bias        whether a bias is added to each output (the layer's own, or a folded batch norm)
 */
public record WeightLayer(String name, LayerKind kind, String source, boolean readsInput, long inChannels,
        long outChannels, ConvGeometry geometry, boolean bias) {

    public WeightLayer {
        if (name == null || name.isBlank() || kind == null || source == null || geometry == null) {
            throw new IllegalArgumentException("a weight layer needs a name, kind, source and geometry");
        }
        if (kind == LayerKind.SCALE) {
            throw new IllegalArgumentException("layer '" + name + "': a weight layer is a conv, dense or output "
                    + "layer; a shortcut's scale is a ShortcutScale");
        }
        if (inChannels < 1 || outChannels < 1) {
            throw new IllegalArgumentException("layer '" + name + "': channels must be >= 1, got in " + inChannels
                    + ", out " + outChannels);
        }
        if (kind != LayerKind.CONV && !geometry.equals(ConvGeometry.dense())) {
            throw new IllegalArgumentException("layer '" + name + "' is " + kind + " and must have the dense geometry, "
                    + "got " + geometry);
        }
    }

    /** A weight layer without a bias. */
    public WeightLayer(String name, LayerKind kind, String source, boolean readsInput, long inChannels,
            long outChannels, ConvGeometry geometry) {
        this(name, kind, source, readsInput, inChannels, outChannels, geometry, false);
    }

    /** A dense or output layer {@code f_in -> f_out} without a bias. */
    public static WeightLayer dense(String name, LayerKind kind, String source, boolean readsInput, long fIn,
            long fOut) {
        return dense(name, kind, source, readsInput, fIn, fOut, false);
    }

    /** A dense or output layer {@code f_in -> f_out}, with a bias or not. */
    public static WeightLayer dense(String name, LayerKind kind, String source, boolean readsInput, long fIn,
            long fOut, boolean bias) {
        return new WeightLayer(name, kind, source, readsInput, fIn, fOut, ConvGeometry.dense(), bias);
    }

    /** Multiply-accumulates per image: {@code k_h*k_w*C_in*C_out*H_out*W_out} ({@code f_in*f_out} for dense). */
    public long macs() {
        return Math.multiplyExact(Math.multiplyExact(geometry.kernelTaps() * inChannels, outChannels),
                geometry.outPositions());
    }

    /** Elements of the tensor it reads, per image: {@code C_in*H_in*W_in} ({@code f_in} for dense). */
    public long inputElements() {
        return inChannels * geometry.inPositions();
    }

    /** Elements of its output per image: {@code C_out*H_out*W_out}. */
    public long outputElements() {
        return outChannels * geometry.outPositions();
    }

    /** Bias additions per image and per evaluation of the layer: {@link #outputElements()} with a bias, else 0. */
    public long biasAdds() {
        return bias ? outputElements() : 0;
    }

    /**
     * The (output neuron, kernel tap) pairs that read input element {@code index} (C-order over
     * {@code [C_in, H_in, W_in]}): {@code C_out * n_h(i) * n_w(j)}.
     */
    public long fanOut(long index) {
        checkIndex(index);
        long w = geometry.inWidth();
        long h = geometry.inHeight();
        int i = (int) ((index / w) % h);
        int j = (int) (index % w);
        return outChannels * geometry.rowTargets()[i] * geometry.columnTargets()[j];
    }

    /**
     * Synaptic operations per image from each input position's true fan-out:
     * {@code sum_p counts[p] * fanout(p) / samples}.
     *
     * @param counts  spikes of each input element (C-order over {@code [C_in, H_in, W_in]}), summed over images
     *                and steps
     * @param samples the images the counts were summed over, {@code >= 1}
     * @throws IllegalArgumentException when the counts do not match the input's size
     */
    public double exactSops(long[] counts, long samples) {
        if (counts.length != inputElements()) {
            throw new IllegalArgumentException("layer '" + name + "' reads " + inputElements() + " elements per image ("
                    + inChannels + " x " + geometry.inHeight() + " x " + geometry.inWidth() + "), got " + counts.length
                    + " per-neuron spike counts");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
        int[] rows = geometry.rowTargets();
        int[] cols = geometry.columnTargets();
        int h = geometry.inHeight();
        int w = geometry.inWidth();
        double total = 0;
        int p = 0;
        for (long c = 0; c < inChannels; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++, p++) {
                    total += (double) counts[p] * rows[i] * cols[j];
                }
            }
        }
        return total * outChannels / samples;
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= inputElements()) {
            throw new IllegalArgumentException("layer '" + name + "': input index must be in [0, " + inputElements()
                    + "), got " + index);
        }
    }
}
