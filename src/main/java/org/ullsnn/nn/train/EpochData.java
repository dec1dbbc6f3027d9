package org.ullsnn.nn.train;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The data a training run needs: a training iterator per epoch and a test iterator.
 * For resumable, reproducible runs the order of epoch {@code e} must depend only on the seed and {@code e},
 * so that a run resumed at epoch {@code e} sees the same batches as an uninterrupted one.
 */
public interface EpochData {

    /** Training batches of epoch {@code epoch} (0-based), shuffled and augmented as configured. */
    DataSetIterator train(int epoch);

    /** Number of training images per epoch (for progress and ETA). */
    long trainExamples();

    /** Test batches, in a fixed order, without augmentation. */
    DataSetIterator test();

    /**
     * Whether every batch the iterators return is a new array nobody else holds, so the trainer may free its
     * native memory as soon as the step is done (see {@code Batches}). False unless an implementation knows.
     */
    default boolean freshBatches() {
        return false;
    }
}
