package org.ullsnn.nn.layers;

import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Common configuration of our element-wise layers with a few trained scalars ({@link ClipReLULayer}'s clip,
 * the IF layer's threshold and leak): the output has the input's shape, there is no input size to record and no
 * preprocessor, and DL4J's runtime layer gets its parameter view and table the same way for each. A subclass names
 * its runtime layer ({@link #runtime}) and its {@link #initializer()}.
 */
public abstract class ElementwiseLayerConfig extends BaseLayer {

    /** For JSON deserialisation of the subclasses. */
    protected ElementwiseLayerConfig() {
    }

    protected ElementwiseLayerConfig(BaseLayer.Builder<?> builder) {
        super(builder);
    }

    /** The runtime layer of this configuration, before its parameters are attached. */
    protected abstract org.deeplearning4j.nn.layers.BaseLayer<?> runtime(NeuralNetConfiguration conf,
            DataType dataType);

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType networkDataType) {
        org.deeplearning4j.nn.layers.BaseLayer<?> layer = runtime(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " '" + getLayerName() + "' got no input type");
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
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long numParams = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(numParams);
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, inputType)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
