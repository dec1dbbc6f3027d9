package org.ullsnn.snn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Repeats a plain batch over T time steps: {@code [N, ...] -> [T*N, ...]}, row {@code t*N + n} = row
 * {@code n} (direct input encoding: the same analog input, or the first layer's constant current, at every
 * step). Its backward pass sums the gradient over the steps.
 */
public class TimeRepeatLayer extends TimeLayerConfig {

    /** For JSON deserialisation only. */
    public TimeRepeatLayer() {
    }

    /** Repeats over {@code timesteps >= 1} steps. */
    public TimeRepeatLayer(int timesteps) {
        super(timesteps);
    }

    @Override
    protected TimeLayer<?> runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new TimeRepeat(conf, dataType);
    }

    /** JSON needs a concrete builder type for {@link Layer}; the constructor is the way to build one. */
    @Override
    public String toString() {
        return "TimeRepeatLayer(name=" + getLayerName() + ", T=" + getTimesteps() + ")";
    }
}
