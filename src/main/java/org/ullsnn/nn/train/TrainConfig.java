package org.ullsnn.nn.train;

import java.util.List;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * How to train the source DNN (METHOD.md §1). Start from {@link #defaults()} or {@link #cpuPreset()}.
 *
 * @param epochs            number of epochs, {@code >= 1}
 * @param batchSize         images per batch, {@code >= 1}
 * @param learningRate      initial learning rate
 * @param optimizer         update rule (null reads as {@link Optimizer#NESTEROV_SGD}, for configs saved before it)
 * @param momentum          Nesterov momentum in [0, 1) (unused by AMSGrad); DL4J has no classical momentum
 * @param l2                L2 coefficient added to the gradient, PyTorch-style weight decay ({@code >= 0})
 * @param lrDecayFactor     divisor of the learning rate at each milestone
 * @param lrMilestones      milestones as fractions of the run
 * @param scheduleKind      step (divide at the milestones) or cosine (null reads as step, for configs saved before it)
 * @param warmupEpochs      cosine only: linear warm-up length in epochs, in [0, epochs)
 * @param seed              seed of the initialisation, the data order of every epoch and dropout
 * @param divergenceLoss    a batch loss above this (or not finite) stops the run; MCXENT is clipped near
 *                          23 per sample, so the default 50 only trips on blow-ups
 * @param checkpointsToKeep how many epoch checkpoints to keep on disk ({@code >= 1})
 */
public record TrainConfig(
        int epochs,
        int batchSize,
        Optimizer optimizer,
        double learningRate,
        double momentum,
        double l2,
        double lrDecayFactor,
        List<Double> lrMilestones,
        ScheduleKind scheduleKind,
        double warmupEpochs,
        long seed,
        double divergenceLoss,
        int checkpointsToKeep) {

    /** Seed used when none is given. */
    public static final long DEFAULT_SEED = 42L;

    public TrainConfig {
        optimizer = optimizer == null ? Optimizer.NESTEROV_SGD : optimizer;
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
        }
        if (!(divergenceLoss > 0)) {
            throw new IllegalArgumentException("divergence loss must be > 0, got " + divergenceLoss);
        }
        if (checkpointsToKeep < 1) {
            throw new IllegalArgumentException("checkpoints to keep must be >= 1, got " + checkpointsToKeep);
        }
        lrMilestones = List.copyOf(lrMilestones);
        scheduleKind = scheduleKind == null ? ScheduleKind.STEP : scheduleKind;
        new StepSchedule(learningRate, lrDecayFactor, lrMilestones, epochs); // validates the schedule
        if (scheduleKind == ScheduleKind.COSINE) {
            new CosineSchedule(learningRate, epochs, warmupEpochs, 0);
        } else if (warmupEpochs != 0) {
            throw new IllegalArgumentException("a warm-up needs the cosine schedule, got " + warmupEpochs
                    + " warm-up epochs with the step schedule");
        }
    }

    /** METHOD.md §1: 200 epochs, batch 128, lr 1e-2, momentum 0.95, L2 5e-4, lr / 5 at 60/80/90 %. */
    public static TrainConfig defaults() {
        return new TrainConfig(200, 128, Optimizer.NESTEROV_SGD, 1e-2, 0.95, 5e-4, 5, List.of(0.6, 0.8, 0.9),
                ScheduleKind.STEP, 0, DEFAULT_SEED, 50, 2);
    }

    /**
     * METHOD.md §5's SNN fine-tuning: AMSGrad, lr 1e-4, lr / 5 at 60/80/90 %, batch 128, no L2 (choice: the
     * method names none), 20 epochs.
     */
    public static TrainConfig fineTuning() {
        return new TrainConfig(20, 128, Optimizer.AMSGRAD, 1e-4, 0, 0, 5, List.of(0.6, 0.8, 0.9), ScheduleKind.STEP, 0,
                DEFAULT_SEED, 50, 2);
    }

    /** METHOD.md's CPU preset: the defaults with 20 epochs. */
    public static TrainConfig cpuPreset() {
        return defaults().withEpochs(20);
    }

    /**
     * A CPU recipe that converges in tens of epochs (the shipped models): Nesterov SGD lr 0.05, momentum 0.9,
     * L2 5e-4, cosine over {@code epochs} after one warm-up epoch, batch {@value #COSINE_BATCH}.
     */
    public static TrainConfig cosinePreset(int epochs) {
        return defaults().withEpochs(epochs).withBatchSize(COSINE_BATCH).withLearningRate(0.05).withMomentum(0.9)
                .withSchedule(ScheduleKind.COSINE, 1);
    }

    /**
     * Batch of the cosine preset: 120, not 128, because oneDNN's Winograd backward-data pass is pathologically slow
     * at power-of-two batches on our CPUs (110 ms against 3.7 ms per 32x32 layer at batch 128 vs 112, from
     * {@code DNNL_VERBOSE}); width-0.25 VGG-16 with BN trained 1.24x and 1.70x faster at 120 than at 128 in two
     * one-process comparisons.
     */
    public static final int COSINE_BATCH = 120;

    /** The learning-rate schedule over this run's epochs. */
    public LearningRateSchedule schedule() {
        return switch (scheduleKind) {
            case STEP -> new StepSchedule(learningRate, lrDecayFactor, lrMilestones, epochs);
            case COSINE -> new CosineSchedule(learningRate, epochs, warmupEpochs, 0);
        };
    }

    /** The optimiser on {@link #schedule()}, changing once per epoch (for a schedule that changes within one). */
    public IUpdater updater() {
        return updater(0);
    }

    /** The optimiser on {@link #schedule()}, for epochs of {@code iterationsPerEpoch} batches. */
    public IUpdater updater(long iterationsPerEpoch) {
        return switch (optimizer) {
            case NESTEROV_SGD -> new Nesterovs(schedule().toDl4j(iterationsPerEpoch), momentum);
            case AMSGRAD -> new AMSGrad(schedule().toDl4j(iterationsPerEpoch));
        };
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(e, batchSize, optimizer, learningRate, momentum, l2, lrDecayFactor, lrMilestones, scheduleKind, warmupEpochs, seed,
                divergenceLoss, checkpointsToKeep);
    }

    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(epochs, b, optimizer, learningRate, momentum, l2, lrDecayFactor, lrMilestones, scheduleKind, warmupEpochs, seed,
                divergenceLoss, checkpointsToKeep);
    }

    public TrainConfig withLearningRate(double lr) {
        return new TrainConfig(epochs, batchSize, optimizer, lr, momentum, l2, lrDecayFactor, lrMilestones, scheduleKind, warmupEpochs, seed,
                divergenceLoss, checkpointsToKeep);
    }

    public TrainConfig withMomentum(double m) {
        return new TrainConfig(epochs, batchSize, optimizer, learningRate, m, l2, lrDecayFactor, lrMilestones, scheduleKind, warmupEpochs, seed,
                divergenceLoss, checkpointsToKeep);
    }

    public TrainConfig withL2(double value) {
        return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, value, lrDecayFactor, lrMilestones, scheduleKind, warmupEpochs, seed,
                divergenceLoss, checkpointsToKeep);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, l2, lrDecayFactor, lrMilestones, scheduleKind, warmupEpochs, s,
                divergenceLoss, checkpointsToKeep);
    }

    public TrainConfig withOptimizer(Optimizer o) {
        return new TrainConfig(epochs, batchSize, o, learningRate, momentum, l2, lrDecayFactor, lrMilestones, scheduleKind, warmupEpochs, seed,
                divergenceLoss, checkpointsToKeep);
    }

    public TrainConfig withCheckpointsToKeep(int keep) {
        return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, l2, lrDecayFactor, lrMilestones, scheduleKind, warmupEpochs, seed,
                divergenceLoss, keep);
    }

    /** The schedule's shape, with {@code warmup} epochs of linear warm-up (cosine only; 0 for step). */
    public TrainConfig withSchedule(ScheduleKind kind, double warmup) {
        return withEpochsAndSchedule(epochs, kind, warmup);
    }

    /**
     * Length and schedule together, checked once: a shorter run with a shorter warm-up (one epoch with none) is
     * valid even where the shorter run alone would not be under the old warm-up.
     */
    public TrainConfig withEpochsAndSchedule(int e, ScheduleKind kind, double warmup) {
        return new TrainConfig(e, batchSize, optimizer, learningRate, momentum, l2, lrDecayFactor, lrMilestones, kind,
                warmup, seed, divergenceLoss, checkpointsToKeep);
    }

    public TrainConfig withDivergenceLoss(double limit) {
        return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, l2, lrDecayFactor, lrMilestones, scheduleKind, warmupEpochs, seed,
                limit, checkpointsToKeep);
    }
}
