package org.ullsnn.snn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Running sums or step differences along the time of a time-folded batch, shape kept ({@code [T*N, ...]}):
 * <pre>
 * ACCUMULATE:  out[t] = in[0] + ... + in[t]        (spikes -> counts so far)
 * DIFFERENCE:  out[t] = in[t] - in[t-1], out[0] = in[0]   (counts so far -> spikes)
 * </pre>
 * Around a max-pool they make the <em>count-max pool</em> ({@link org.ullsnn.convert.ConvertConfig#withCountMaxPool}):
 * the pool's output spike count after each step is the largest of its inputs' counts, {@code max_p N_t,p}, so over
 * the run it emits exactly the spikes of its most active input; a pool of per-step spikes emits {@code sum_t max_p
 * s_t,p}, which is more whenever the inputs fire at different steps. Each step's output is 0 or 1, since each count
 * grows by at most one per step. The two are each other's inverse; their backward passes are the transposed sums.
 */
public class TimeScanLayer extends TimeLayerConfig {

    /** Which way along time. */
    public enum Direction { ACCUMULATE, DIFFERENCE }

    private Direction direction = Direction.ACCUMULATE;

    /** For JSON deserialisation only. */
    public TimeScanLayer() {
    }

    /** A scan over {@code timesteps >= 1} steps. */
    public TimeScanLayer(int timesteps, Direction direction) {
        super(timesteps);
        if (direction == null) {
            throw new IllegalArgumentException("direction must be set");
        }
        this.direction = direction;
    }

    public Direction getDirection() {
        return direction;
    }

    public void setDirection(Direction direction) {
        this.direction = direction;
    }

    @Override
    protected TimeLayer<?> runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new TimeScan(conf, dataType);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && direction == ((TimeScanLayer) o).direction;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + direction.hashCode();
    }

    @Override
    public String toString() {
        return "TimeScanLayer(name=" + getLayerName() + ", T=" + getTimesteps() + ", " + direction + ")";
    }
}
