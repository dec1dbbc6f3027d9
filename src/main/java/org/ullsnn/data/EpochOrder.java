package org.ullsnn.data;

import java.util.SplittableRandom;

/**
 * The order images are visited in during one epoch. The shuffled order of epoch {@code e} depends only on
 * {@code (seed, e)}, so a training run resumed at epoch {@code e} sees the same orders as an uninterrupted
 * one.
 */
public final class EpochOrder {

    private EpochOrder() {
    }

    /** {@code 0, 1, ..., size - 1}. */
    public static int[] recordOrder(int size) {
        Checks.nonNegative("size", size);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * A permutation of {@code 0 .. size - 1} drawn by Fisher-Yates from a generator seeded with a mix of
     * {@code seed} and {@code epoch}.
     */
    public static int[] shuffled(long seed, int epoch, int size) {
        Checks.nonNegative("epoch", epoch);
        int[] order = recordOrder(size);
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, epoch));
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
