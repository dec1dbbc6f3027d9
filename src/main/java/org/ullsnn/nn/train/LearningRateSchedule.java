package org.ullsnn.nn.train;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * A learning rate as a function of training progress, and the DL4J schedule that applies it inside the
 * updater (so it is saved with every checkpoint and resumes with it).
 *
 * <p>Rule for every schedule here: nothing decays before the first epoch ends, so a one- or two-epoch run
 * (a quick fine-tuning, a smoke test) trains at a useful rate instead of a decayed one.
 */
public interface LearningRateSchedule {

    /** The learning rate at the start of epoch {@code epoch} (0-based). */
    double at(int epoch);

    /**
     * The schedule as DL4J applies it.
     *
     * @param iterationsPerEpoch batches per epoch, or 0 when unknown (schedules that change within an epoch
     *                           then change once per epoch)
     */
    ISchedule toDl4j(long iterationsPerEpoch);
}
