package org.ullsnn.nn.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cosine annealing with a linear warm-up (Loshchilov and Hutter, "SGDR", ICLR 2017; Goyal et al.'s warm-up):
 * over the first {@code warmupEpochs} the rate rises linearly from {@code initial / W} towards
 * {@code initial} (W = warm-up batches), then follows {@code initial * (1 + cos(pi * p)) / 2}, where p runs from
 * 0 at the end of the warm-up to 1 at the end of the run. With BN it converges in tens of epochs, where the
 * paper's step schedule (METHOD.md §1) needs hundreds.
 *
 * <p>It is also DL4J's {@link ISchedule}: the position in the run is {@code epoch + f}, where {@code f} is the
 * fraction of the current epoch's batches done ({@code iteration - epoch * iterationsPerEpoch}, clamped to
 * [0, 1)); with {@code iterationsPerEpoch = 0} it changes once per epoch. DL4J saves it with the model as JSON
 * (hence the annotated constructor) and a resumed run continues on the same curve.
 */
public final class CosineSchedule implements LearningRateSchedule, ISchedule {

    private final double initial;
    private final int epochs;
    private final double warmupEpochs;
    private final long iterationsPerEpoch;

    /**
     * @param initial            peak learning rate, finite and {@code > 0}
     * @param epochs             length of the run, {@code >= 1}
     * @param warmupEpochs       length of the warm-up in epochs, in {@code [0, epochs)}
     * @param iterationsPerEpoch batches per epoch ({@code >= 0}; 0: one value per epoch)
     */
    public CosineSchedule(@JsonProperty("initial") double initial, @JsonProperty("epochs") int epochs,
            @JsonProperty("warmupEpochs") double warmupEpochs,
            @JsonProperty("iterationsPerEpoch") long iterationsPerEpoch) {
        if (!(initial > 0) || !Double.isFinite(initial)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + initial);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (!(warmupEpochs >= 0 && warmupEpochs < epochs)) {
            throw new IllegalArgumentException("warm-up must be in [0, epochs = " + epochs + "), got " + warmupEpochs);
        }
        if (iterationsPerEpoch < 0) {
            throw new IllegalArgumentException("iterations per epoch must be >= 0, got " + iterationsPerEpoch);
        }
        this.initial = initial;
        this.epochs = epochs;
        this.warmupEpochs = warmupEpochs;
        this.iterationsPerEpoch = iterationsPerEpoch;
    }

    /** The learning rate at {@code position} epochs into the run (fractional; 0 = the first batch). */
    public double atPosition(double position) {
        double p = Math.max(0, Math.min(position, epochs));
        if (p < warmupEpochs) {
            double batches = iterationsPerEpoch > 0 ? warmupEpochs * iterationsPerEpoch : Math.ceil(warmupEpochs);
            double step = iterationsPerEpoch > 0 ? 1.0 / iterationsPerEpoch : 1.0;
            return initial * Math.min(1.0, (Math.floor(p / step + 1e-9) + 1) / batches);
        }
        if (p < 1 && warmupEpochs == 0) {
            return initial; // no decay before the first epoch ends
        }
        double start = Math.max(warmupEpochs, 1);
        double progress = epochs > start ? (p - start) / (epochs - start) : 1;
        return initial * 0.5 * (1 + Math.cos(Math.PI * Math.max(0, progress)));
    }

    @Override
    public double at(int epoch) {
        return atPosition(epoch);
    }

    @Override
    public ISchedule toDl4j(long batchesPerEpoch) {
        return new CosineSchedule(initial, epochs, warmupEpochs, batchesPerEpoch);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double fraction = 0;
        if (iterationsPerEpoch > 0) {
            fraction = Math.max(0, Math.min(iteration - (double) epoch * iterationsPerEpoch, iterationsPerEpoch - 1))
                    / iterationsPerEpoch;
        }
        return atPosition(epoch + fraction);
    }

    @Override
    public ISchedule clone() {
        return new CosineSchedule(initial, epochs, warmupEpochs, iterationsPerEpoch);
    }

    @JsonProperty("initial")
    public double initial() {
        return initial;
    }

    @JsonProperty("epochs")
    public int epochs() {
        return epochs;
    }

    @JsonProperty("warmupEpochs")
    public double warmupEpochs() {
        return warmupEpochs;
    }

    @JsonProperty("iterationsPerEpoch")
    public long iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosineSchedule c && c.initial == initial && c.epochs == epochs
                && c.warmupEpochs == warmupEpochs && c.iterationsPerEpoch == iterationsPerEpoch;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(initial, epochs, warmupEpochs, iterationsPerEpoch);
    }

    @Override
    public String toString() {
        return "CosineSchedule(lr " + initial + ", " + epochs + " epochs, warm-up " + warmupEpochs + ")";
    }
}
