package org.ullsnn.nn.layers;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the clipped ReLU with a trainable clip value (METHOD.md §1):
 * <pre>
 * a = clip(z, 0, mu)
 * da/dz  = 1[0 &lt; z &lt; mu]
 * da/dmu = 1[z &gt;= mu]
 * </pre>
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
public class ClipReLULayer extends BaseLayer {

    /** The paper's initial clip value. */
    public static final double DEFAULT_INITIAL_MU = 4.0;

    private double initialMu = DEFAULT_INITIAL_MU;

    /** For JSON deserialisation only; use the {@link Builder}. */
    public ClipReLULayer() {
    }

    private ClipReLULayer(Builder builder) {
        super(builder);
        this.initialMu = builder.initialMu;
    }

    /** The value {@code mu} starts from when the network is initialised. */
    public double getInitialMu() {
        return initialMu;
    }

    /** JSON setter; prefer {@link Builder#initialMu(double)}. */
    public void setInitialMu(double initialMu) {
        this.initialMu = initialMu;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        ClipReLU layer = new ClipReLU(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null) {
            throw new IllegalStateException("ClipReLU layer '" + getLayerName() + "' got no input type");
        }
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // element-wise: no input size to record
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public ParamInitializer initializer() {
        return ClipReLUParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        return new LayerMemoryReport.Builder(layerName, ClipReLULayer.class, inputType, inputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof ClipReLULayer other
                && Double.compare(initialMu, other.initialMu) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(initialMu);
    }

    @Override
    public String toString() {
        return "ClipReLULayer(name=" + getLayerName() + ", initialMu=" + initialMu + ")";
    }

    /** Builds a {@link ClipReLULayer}; the L2 term and updater come from the network's global settings. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {

        private double initialMu = DEFAULT_INITIAL_MU;

        /** The starting clip value; must be finite and positive (default {@value ClipReLULayer#DEFAULT_INITIAL_MU}). */
        public Builder initialMu(double mu) {
            if (!(mu > 0) || !Double.isFinite(mu)) {
                throw new IllegalArgumentException("initial mu must be finite and > 0, got " + mu);
            }
            this.initialMu = mu;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ClipReLULayer build() {
            return new ClipReLULayer(this);
        }
    }
}
