package org.ullsnn.experiment;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.Normalization;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

/**
 * How fast training batches are made, apart from the training step: the training iterator of
 * {@link CifarEpochData} (shuffle, random crop and flip, normalisation, batch assembly, prefetch) drained for
 * {@code batches} batches with nothing else running. Its img/s is the ceiling data loading puts on training.
 *
 * @param batchSize images per batch
 * @param batches   batches to time (after one untimed batch)
 */
public record DataLoadingBenchmark(int batchSize, int batches) {

    public DataLoadingBenchmark {
        if (batchSize < 1 || batches < 1) {
            throw new IllegalArgumentException("need batch >= 1 and batches >= 1, got " + batchSize + ", " + batches);
        }
    }

    /** Images per second the augmented training iterator delivers over {@code images}. */
    public double imagesPerSecond(ImageSet images, Normalization normalization, ProgressListener progress) {
        DataSetIterator it = new CifarEpochData(images, images, normalization, batchSize, 1, true).train(0);
        try {
            String task = "data loading";
            long count = 0;
            long start = 0;
            for (int b = 0; b <= batches; b++) {
                if (!it.hasNext()) {
                    it.reset();
                }
                if (b == 1) {
                    start = System.nanoTime();
                }
                int n = it.next().numExamples();
                count += b == 0 ? 0 : n;
                progress.onProgress(b == batches ? ProgressEvent.done(task, b, batches, "batch", "")
                        : ProgressEvent.of(task, b, batches, "batch", ""));
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            if (it instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the iterator failed", e);
                }
            }
        }
    }
}
