package org.ullsnn.nn.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Frees a batch's off-heap buffers as soon as it is used. Why: iterators make every batch outside ND4J's
 * workspaces, so its native memory is returned only when the garbage collector finalises the tiny Java object
 * that owns it; with a few-GB heap that happens rarely, and resident memory grew by the batch size at every
 * step (ResNet-20 at width 0.25: +2.4 MB per batch, 60 batches measured; with this release it levelled off).
 */
final class Batches {

    private Batches() {
    }

    /** Closes the features, labels and masks of {@code batch} that own their buffers. */
    static void release(DataSet batch) {
        release(batch.getFeatures());
        release(batch.getLabels());
        release(batch.getFeaturesMaskArray());
        release(batch.getLabelsMaskArray());
    }

    /** Closes {@code array} when it owns a buffer outside any workspace (views and attached arrays are left). */
    static void release(INDArray array) {
        if (array != null && !array.wasClosed() && array.closeable()) {
            array.close();
        }
    }
}
