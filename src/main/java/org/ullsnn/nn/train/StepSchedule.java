package org.ullsnn.nn.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A step learning-rate schedule: {@code lr(e) = lr0 / factor^k(e)}, where {@code k(e)} counts the distinct
 * milestone epochs {@code max(1, floor(f * epochs))} (for each fraction {@code f}) that are {@code <= e}, epochs
 * counted from 0. METHOD.md §1: divide by 5 at 60 %, 80 % and 90 % of the epochs.
 *
 * <p>Short runs: a milestone never falls before the first epoch ends, and milestones that round to the same
 * epoch count once (so {@code --epochs 2} trains its second epoch at lr / 5, not lr / 125 as compounding
 * would give, and {@code --epochs 1} keeps lr throughout). For 20 or more epochs the three milestones are
 * distinct and this is the paper's schedule.
 *
 * @param initial   learning rate of epoch 0, finite and {@code > 0}
 * @param factor    divisor at each milestone, {@code >= 1}
 * @param fractions milestone positions as fractions of the run, each in (0, 1]
 * @param epochs    length of the run, {@code >= 1}
 */
public record StepSchedule(double initial, double factor, List<Double> fractions, int epochs)
        implements LearningRateSchedule {

    public StepSchedule {
        if (!(initial > 0) || !Double.isFinite(initial)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + initial);
        }
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("decay factor must be >= 1, got " + factor);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        fractions = List.copyOf(fractions);
        for (double f : fractions) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("milestone fractions must be in (0, 1], got " + f);
            }
        }
    }

    /** The epochs (0-based, ascending, distinct, each {@code >= 1}) at whose start the rate is divided. */
    public SortedSet<Integer> milestoneEpochs() {
        SortedSet<Integer> epochsOfDecay = new TreeSet<>();
        for (double f : fractions) {
            epochsOfDecay.add(Math.max(1, (int) Math.floor(f * epochs)));
        }
        return epochsOfDecay;
    }

    /** The learning rate of epoch {@code epoch} (0-based). */
    @Override
    public double at(int epoch) {
        return initial / Math.pow(factor, milestoneEpochs().headSet(epoch + 1).size());
    }

    /**
     * The same schedule as a DL4J per-epoch schedule, so it is saved with the model and resumes with it
     * ({@code iterationsPerEpoch} is not needed: the rate changes only between epochs).
     */
    @Override
    public ISchedule toDl4j(long iterationsPerEpoch) {
        Map<Integer, Double> values = new HashMap<>();
        for (int e = 0; e < epochs; e++) {
            if (e == 0 || at(e) != at(e - 1)) {
                values.put(e, at(e));
            }
        }
        return new MapSchedule(ScheduleType.EPOCH, values);
    }
}
