package org.ullsnn.snn;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sums a time-folded batch over its T steps: {@code [T*N, ...] -> [N, ...]}, out[n] = sum_t in[t*N + n].
 * It turns the output layer's per-step logits {@code W_L s(t)} into the accumulated logits of METHOD.md §3.
 * Its backward pass copies the gradient to every step.
 */
public class TimeSumLayer extends TimeLayerConfig {

    /** For JSON deserialisation only. */
    public TimeSumLayer() {
    }

    /** Sums over {@code timesteps >= 1} steps. */
    public TimeSumLayer(int timesteps) {
        super(timesteps);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams,
            DataType networkDataType) {
        TimeSum layer = new TimeSum(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public String toString() {
        return "TimeSumLayer(name=" + getLayerName() + ", T=" + getTimesteps() + ")";
    }
}
