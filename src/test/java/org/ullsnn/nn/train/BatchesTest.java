package org.ullsnn.nn.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchesTest {

    @Test
    void releaseFreesABatchThatOwnsItsBuffersAndLeavesViewsAlone() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 2);
        Batches.release(new DataSet(features, labels));
        assertTrue(features.wasClosed() && labels.wasClosed());

        INDArray parent = Nd4j.rand(DataType.FLOAT, 8, 3);
        INDArray view = parent.get(NDArrayIndex.interval(0, 4), NDArrayIndex.all());
        Batches.release(view);
        assertFalse(view.wasClosed() || parent.wasClosed(), "a view shares its parent's buffer");
        Batches.release((INDArray) null);
    }
}
