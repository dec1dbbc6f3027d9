package org.ullsnn.nn.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Configuration of the clipped ReLU with a trainable clip value (METHOD.md §1):
 * <pre>
 * a = clip(z, 0, mu)
 * da/dz  = 1[0 &lt; z &lt; mu]
 * da/dmu = 1[z &gt;= mu]
 * </pre>
 * With {@code levels = L > 0} the output is also quantised to {@code L} steps of {@code mu / L}, rounding to the
 * nearest (the quantisation-clip-floor-shift activation of Bu et al., ICLR 2022, "Optimal ANN-SNN Conversion for
 * High-accuracy and Ultra-low-latency Spiking Neural Networks"; their {@code lambda} is our {@code mu}):
 * <pre>
 * a = (mu / L) floor(clip(z, 0, mu) L / mu + 1/2)
 * da/dz  = 1[0 &lt; z &lt; mu]                               (straight through the floor)
 * da/dmu = 1[z &gt;= mu] + 1[0 &lt; z &lt; mu] (a - z) / mu
 * </pre>
 * An IF neuron with threshold {@code mu}, reset by subtraction and initial potential {@code mu / 2} run for
 * {@code T = L} steps on the constant current {@code z} emits exactly {@code a L / mu} spikes, so such a network
 * converts with the {@code half-shift} thresholds and no quantisation error of its own at {@code T = L}.
 * <ul>
 *   <li>{@code z}: the pre-activation (this layer's input), any shape: {@code [N, C, H, W]} after a
 *       convolution or {@code [N, F]} after a dense layer; the output has the same shape;</li>
 *   <li>{@code mu}: one scalar per layer (parameter {@value ClipReLUParamInitializer#MU_KEY}), initially
 *       {@link #DEFAULT_INITIAL_MU}. It is a <em>weight</em> parameter, so the network's L2 term applies to
 *       it, as weight decay does in the authors' code.</li>
 * </ul>
 * A DL4J configuration bean: it has a no-argument constructor and setters so that it survives JSON
 * save/load and {@code clone()}; validation happens in the {@link Builder}.
 * <pre>{@code
 * graph.addLayer("conv1_act", new ClipReLULayer.Builder().initialMu(4.0).build(), "conv1");
 * }</pre>
 */
public class ClipReLULayer extends ElementwiseLayerConfig {

    /** The paper's initial clip value. */
    public static final double DEFAULT_INITIAL_MU = 4.0;

    private double initialMu = DEFAULT_INITIAL_MU;
    private int levels;

    /** For JSON deserialisation only; use the {@link Builder}. */
    public ClipReLULayer() {
    }

    private ClipReLULayer(Builder builder) {
        super(builder);
        this.initialMu = builder.initialMu;
        this.levels = builder.levels;
    }

    /** The value {@code mu} starts from when the network is initialised. */
    public double getInitialMu() {
        return initialMu;
    }

    /** JSON setter; prefer {@link Builder#initialMu(double)}. */
    public void setInitialMu(double initialMu) {
        this.initialMu = initialMu;
    }

    /** The number of quantisation steps of the output, or 0 for the continuous clip. */
    public int getLevels() {
        return levels;
    }

    /** JSON setter; prefer {@link Builder#levels(int)}. */
    public void setLevels(int levels) {
        this.levels = levels;
    }

    @Override
    protected ClipReLU runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new ClipReLU(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return ClipReLUParamInitializer.INSTANCE;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof ClipReLULayer other
                && Double.compare(initialMu, other.initialMu) == 0 && levels == other.levels;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Double.hashCode(initialMu)) + levels;
    }

    @Override
    public String toString() {
        return "ClipReLULayer(name=" + getLayerName() + ", initialMu=" + initialMu
                + (levels > 0 ? ", levels=" + levels : "") + ")";
    }

    /** Builds a {@link ClipReLULayer}; the L2 term and updater come from the network's global settings. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {

        private double initialMu = DEFAULT_INITIAL_MU;
        private int levels;

        /** The starting clip value; must be finite and positive (default {@value ClipReLULayer#DEFAULT_INITIAL_MU}). */
        public Builder initialMu(double mu) {
            if (!(mu > 0) || !Double.isFinite(mu)) {
                throw new IllegalArgumentException("initial mu must be finite and > 0, got " + mu);
            }
            this.initialMu = mu;
            return this;
        }

        /** Quantise the output to {@code levels} steps of {@code mu / levels}; 0 (the default) keeps it continuous. */
        public Builder levels(int levels) {
            if (levels < 0) {
                throw new IllegalArgumentException("levels must be >= 0 (0: no quantisation), got " + levels);
            }
            this.levels = levels;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ClipReLULayer build() {
            return new ClipReLULayer(this);
        }
    }
}
