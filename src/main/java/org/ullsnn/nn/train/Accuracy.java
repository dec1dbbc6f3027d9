package org.ullsnn.nn.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.ullsnn.nn.FoldedInference;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

/**
 * Top-1 accuracy of a network over a data set, in inference mode (no dropout), on its copy with batch norms folded
 * ({@link FoldedInference}).
 */
public final class Accuracy {

    private Accuracy() {
    }

    /**
     * The fraction of examples whose largest output is the labelled class.
     *
     * @param progress receives one event per batch under the task name {@code task}
     * @throws IllegalArgumentException when the iterator yields no example
     */
    public static double of(ComputationGraph net, DataSetIterator data, String task, ProgressListener progress) {
        return of(net, data, task, progress, false);
    }

    /**
     * As above; with {@code freeBatches} each batch's buffers are freed once counted (for iterators that make every
     * batch anew, see {@link EpochData#freshBatches()}).
     */
    public static double of(ComputationGraph net, DataSetIterator data, String task, ProgressListener progress,
            boolean freeBatches) {
        if (data.resetSupported()) {
            data.reset();
        }
        ComputationGraph inference = FoldedInference.of(net);
        long correct = 0;
        long seen = 0;
        long batches = 0;
        while (data.hasNext()) {
            DataSet batch = data.next();
            INDArray out = inference.outputSingle(false, batch.getFeatures());
            INDArray predicted = out.argMax(1);
            INDArray expected = batch.getLabels().argMax(1);
            correct += predicted.eq(expected).castTo(org.nd4j.linalg.api.buffer.DataType.INT)
                    .sumNumber().longValue();
            seen += batch.numExamples();
            Batches.release(out);
            if (freeBatches) {
                Batches.release(batch);
            }
            progress.onProgress(ProgressEvent.of(task, ++batches, -1, "batch", ""));
        }
        if (seen == 0) {
            throw new IllegalArgumentException("accuracy of an empty data set is undefined: the iterator gave no batch");
        }
        progress.onProgress(ProgressEvent.done(task, batches, batches, "batch",
                String.format(java.util.Locale.ROOT, "accuracy %.2f %%", 100.0 * correct / seen)));
        return (double) correct / seen;
    }
}
