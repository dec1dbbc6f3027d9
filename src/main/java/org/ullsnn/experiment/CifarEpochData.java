package org.ullsnn.experiment;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.ullsnn.data.Augmentation;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.ImageSetIterator;
import org.ullsnn.data.IteratorOptions;
import org.ullsnn.data.Normalization;
import org.ullsnn.nn.train.EpochData;

/**
 * Training and test batches from in-memory image sets: epoch {@code e}'s shuffle and augmentation depend
 * only on {@code (seed, e)} (so resumed runs repeat uninterrupted ones), batches are prefetched on a
 * background thread, and the test set is read in record order without augmentation.
 */
public final class CifarEpochData implements EpochData {

    private static final int PREFETCH = 2;

    private final ImageSet train;
    private final ImageSet test;
    private final Normalization normalization;
    private final int batchSize;
    private final long seed;
    private final boolean augment;

    public CifarEpochData(ImageSet train, ImageSet test, Normalization normalization, int batchSize, long seed,
            boolean augment) {
        this.train = train;
        this.test = test;
        this.normalization = normalization;
        this.batchSize = batchSize;
        this.seed = seed;
        this.augment = augment;
    }

    @Override
    public DataSetIterator train(int epoch) {
        IteratorOptions options = IteratorOptions.training(batchSize).withSeed(seed).withStartEpoch(epoch)
                .withPrefetch(PREFETCH).withAugmentation(augment ? Augmentation.CIFAR : Augmentation.NONE);
        return new ImageSetIterator(train, normalization, options);
    }

    @Override
    public long trainExamples() {
        return train.size();
    }

    /** Every batch is assembled anew from the image set, so it can be freed after use. */
    @Override
    public boolean freshBatches() {
        return true;
    }

    @Override
    public DataSetIterator test() {
        return new ImageSetIterator(test, normalization, IteratorOptions.evaluation(batchSize));
    }
}
