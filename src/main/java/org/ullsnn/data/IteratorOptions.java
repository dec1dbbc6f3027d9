package org.ullsnn.data;

/**
 * How an {@link ImageSetIterator} walks an image set.
 *
 * @param batchSize    images per batch, {@code >= 1} (the paper trains with 128)
 * @param ordering     record order, or a seeded shuffle per epoch
 * @param seed         drives the shuffles and the augmentation; epoch {@code e} depends only on
 *                     {@code (seed, e)}
 * @param augmentation applied to every image when batches are built ({@link Augmentation#NONE} to switch off)
 * @param startEpoch   the epoch the iterator starts at, {@code >= 0}: a run resumed at epoch {@code e}
 *                     passes {@code e} and sees the same batches as an uninterrupted run
 * @param lastBatch    what happens to a last batch smaller than {@code batchSize}
 * @param prefetch     batches built ahead on a background thread, {@code >= 0} (0: built on demand by the
 *                     caller's thread)
 */
public record IteratorOptions(int batchSize, Ordering ordering, long seed, Augmentation augmentation,
                              int startEpoch, LastBatch lastBatch, int prefetch) {

    /** The seed used unless one is given. */
    public static final long DEFAULT_SEED = 12345L;

    /** The order images are visited in within an epoch. */
    public enum Ordering {
        /** Record order every epoch. */
        RECORD_ORDER,
        /** A fresh seeded permutation each epoch ({@link EpochOrder#shuffled(long, int, int)}). */
        SHUFFLED
    }

    /** What to do with a last batch that has fewer than {@code batchSize} images. */
    public enum LastBatch {
        /** Return it (every image is seen each epoch). */
        KEEP,
        /** Skip it (every batch has exactly {@code batchSize} images). */
        DROP
    }

    public IteratorOptions {
        Checks.positive("batchSize", batchSize);
        Checks.notNull("ordering", ordering);
        Checks.notNull("augmentation", augmentation);
        Checks.nonNegative("startEpoch", startEpoch);
        Checks.notNull("lastBatch", lastBatch);
        Checks.nonNegative("prefetch", prefetch);
    }

    /**
     * Training: shuffled, {@link Augmentation#CIFAR}, default seed, epoch 0, last batch kept (as PyTorch's
     * default {@code drop_last=False}), 2 batches prefetched.
     */
    public static IteratorOptions training(int batchSize) {
        return new IteratorOptions(batchSize, Ordering.SHUFFLED, DEFAULT_SEED, Augmentation.CIFAR, 0,
                LastBatch.KEEP, 2);
    }

    /** Evaluation: record order, no augmentation, last batch kept, no prefetch. */
    public static IteratorOptions evaluation(int batchSize) {
        return new IteratorOptions(batchSize, Ordering.RECORD_ORDER, DEFAULT_SEED, Augmentation.NONE, 0,
                LastBatch.KEEP, 0);
    }

    /** A copy with another batch size. */
    public IteratorOptions withBatchSize(int batchSize) {
        return new IteratorOptions(batchSize, ordering, seed, augmentation, startEpoch, lastBatch, prefetch);
    }

    /** A copy with another ordering. */
    public IteratorOptions withOrdering(Ordering ordering) {
        return new IteratorOptions(batchSize, ordering, seed, augmentation, startEpoch, lastBatch, prefetch);
    }

    /** A copy with another seed. */
    public IteratorOptions withSeed(long seed) {
        return new IteratorOptions(batchSize, ordering, seed, augmentation, startEpoch, lastBatch, prefetch);
    }

    /** A copy with another augmentation. */
    public IteratorOptions withAugmentation(Augmentation augmentation) {
        return new IteratorOptions(batchSize, ordering, seed, augmentation, startEpoch, lastBatch, prefetch);
    }

    /** A copy starting at another epoch. */
    public IteratorOptions withStartEpoch(int startEpoch) {
        return new IteratorOptions(batchSize, ordering, seed, augmentation, startEpoch, lastBatch, prefetch);
    }

    /** A copy with another last-batch rule. */
    public IteratorOptions withLastBatch(LastBatch lastBatch) {
        return new IteratorOptions(batchSize, ordering, seed, augmentation, startEpoch, lastBatch, prefetch);
    }

    /** A copy prefetching another number of batches (0: none). */
    public IteratorOptions withPrefetch(int prefetch) {
        return new IteratorOptions(batchSize, ordering, seed, augmentation, startEpoch, lastBatch, prefetch);
    }
}
