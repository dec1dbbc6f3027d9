package org.ullsnn.snn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Running spike counts of one layer over the batches of a simulation: spikes per step and per neuron. Fed with
 * each batch's spike tensor where it lies (in the forward pass's workspace, {@link org.ullsnn.nn.GraphForward});
 * only the small counts live outside the workspaces.
 */
public final class SpikeTally {

    private final String layer;
    private final int steps;
    private final long[] perStep;
    private long neuronsPerSample = -1;
    private long samples;
    private INDArray perNeuron; // [1, neuronsPerSample] DOUBLE, outside any workspace

    /** An empty tally for {@code layer} over {@code steps} time steps. */
    public SpikeTally(String layer, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a spike tally needs T >= 1, got " + steps);
        }
        this.layer = layer;
        this.steps = steps;
        this.perStep = new long[steps];
    }

    /**
     * Counts one batch's time-folded spikes {@code [T*N, ...]} (rows {@code t*N .. t*N + N - 1} are step t; values
     * 0 or 1; c-order). Per step, one matrix-vector product with a column of ones gives every neuron's spikes over the
     * batch's images (each at most N, exact in FLOAT); those rows are summed in DOUBLE into the counts per step and
     * per neuron. The spikes are read once, in time linear in T. Temporaries go to the current workspace.
     *
     * @throws IllegalArgumentException when the rows are not a multiple of T or the neurons per image change
     */
    public void add(INDArray spikes) {
        long rows = spikes.size(0);
        if (rows % steps != 0) {
            throw new IllegalArgumentException("layer '" + layer + "': " + rows + " rows are not T = " + steps
                    + " steps of one batch");
        }
        long n = rows / steps;
        long perImage = spikes.length() / rows;
        if (neuronsPerSample >= 0 && neuronsPerSample != perImage) {
            throw new IllegalArgumentException("layer '" + layer + "': " + perImage + " neurons per image, earlier "
                    + "batches had " + neuronsPerSample);
        }
        neuronsPerSample = perImage;
        if (perNeuron == null) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                perNeuron = Nd4j.zeros(DataType.DOUBLE, 1, perImage);
            }
        }
        INDArray byRow = spikes.reshape('c', new long[] {rows, perImage});
        INDArray ones = Nd4j.ones(spikes.dataType(), n, 1);
        for (int t = 0; t < steps; t++) {
            INDArray step = byRow.get(NDArrayIndex.interval((long) t * n, (t + 1L) * n), NDArrayIndex.all());
            // step^T ones: a matrix-vector product (BLAS gemv). ones^T step, a one-row gemm whose row-major result ND4J
            // copies over from a column-major temporary, took 1.5-1.7x as long (T = 8 steps of [100, 16384] spikes:
            // 26-27 ms against 15-17 ms per batch, measured in one process)
            INDArray perNeuronAtT = step.transpose().mmul(ones).reshape(1, perImage).castTo(DataType.DOUBLE);
            perStep[t] += Math.round(perNeuronAtT.sumNumber().doubleValue());
            perNeuron.addi(perNeuronAtT);
        }
        samples += n;
    }

    /** Images counted so far. */
    public long samples() {
        return samples;
    }

    /** The counts so far, per step and per neuron. */
    public LayerSpikes result() {
        long[] neurons = perNeuron == null ? new long[0]
                : Arrays.stream(perNeuron.toDoubleVector()).mapToLong(Math::round).toArray();
        return new LayerSpikes(layer, Math.max(0, neuronsPerSample), samples, perStep, neurons);
    }
}
