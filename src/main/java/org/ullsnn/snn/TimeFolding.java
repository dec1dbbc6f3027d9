package org.ullsnn.snn;

/**
 * The time-folded batch layout of every spiking tensor: {@code [T*N, ...]}, time-major, so row
 * {@code t*N + n} holds sample {@code n} at step {@code t} (t = 0..T-1). A synaptic op (conv, dense, pool)
 * runs once over all steps as one big batch; only neuron updates loop over {@code t}.
 */
public final class TimeFolding {

    private TimeFolding() {
    }

    /** The number of samples {@code N} in a folded batch of {@code foldedRows = T*N} rows. */
    public static long samples(long foldedRows, int timesteps) {
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps must be >= 1, got " + timesteps);
        }
        if (foldedRows % timesteps != 0) {
            throw new IllegalArgumentException("a time-folded batch needs T*N rows; " + foldedRows
                    + " rows is not a multiple of T = " + timesteps);
        }
        return foldedRows / timesteps;
    }

    /** Row of sample {@code n} at step {@code t} (0-based) in a batch of {@code samples} samples. */
    public static long row(int t, long n, long samples) {
        return t * samples + n;
    }
}
