package org.ullsnn.snn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

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
    protected TimeLayer<?> runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new TimeSum(conf, dataType);
    }

    @Override
    public String toString() {
        return "TimeSumLayer(name=" + getLayerName() + ", T=" + getTimesteps() + ")";
    }
}
