package org.ullsnn.nn.train;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.ullsnn.nn.FoldedInference;

/**
 * Training batches whose labels mix the true one-hot labels with a teacher network's predicted class
 * probabilities, {@code y = (1 - w) y_true + w softmax(teacher(x))}: knowledge distillation at temperature 1
 * (Hinton, Vinyals and Dean, 2015, "Distilling the Knowledge in a Neural Network"), here with the source DNN
 * teaching its own converted SNN. Cross-entropy against these soft labels gives every wrong class a target
 * instead of zero, so each image says how the DNN ranks all classes, not only which one is right.
 *
 * <p>The teacher sees exactly the (augmented) images of the batch, in inference mode, with its batch norms folded
 * ({@link FoldedInference}); test batches are unchanged.
 * The teacher must end in a softmax output layer (every DNN this project trains or imports does).
 * <pre>{@code
 * EpochData data = new DistilledEpochData(cifarData, dnn, 0.5);
 * }</pre>
 */
public final class DistilledEpochData implements EpochData {

    private final EpochData base;
    private final ComputationGraph teacher;
    private final double weight;

    /**
     * @param base    the training and test batches
     * @param teacher the network whose probabilities join the labels (not trained here)
     * @param weight  share {@code w} of the teacher's probabilities in the labels, in (0, 1]
     */
    public DistilledEpochData(EpochData base, ComputationGraph teacher, double weight) {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("distillation weight must be in (0, 1], got " + weight);
        }
        this.base = base;
        this.teacher = FoldedInference.of(teacher); // not trained here: its batch norms fold once
        this.weight = weight;
    }

    @Override
    public DataSetIterator train(int epoch) {
        DataSetIterator it = base.train(epoch);
        DataSetPreProcessor earlier = it.getPreProcessor();
        it.setPreProcessor(batch -> {
            if (earlier != null) {
                earlier.preProcess(batch);
            }
            mixLabels(batch);
        });
        return it;
    }

    /** Replaces the batch's labels, in place, by the mix of its one-hot labels and the teacher's probabilities. */
    void mixLabels(DataSet batch) {
        INDArray probabilities = teacher.outputSingle(false, batch.getFeatures());
        INDArray labels = batch.getLabels();
        if (!Arrays.equals(probabilities.shape(), labels.shape())) {
            throw new IllegalArgumentException("the teacher predicts " + Arrays.toString(probabilities.shape())
                    + " for labels of shape " + Arrays.toString(labels.shape()) + ": not the same classes");
        }
        labels.muli(1 - weight).addi(probabilities.castTo(labels.dataType()).muli(weight));
    }

    @Override
    public long trainExamples() {
        return base.trainExamples();
    }

    @Override
    public DataSetIterator test() {
        return base.test();
    }

    @Override
    public boolean freshBatches() {
        return base.freshBatches();
    }
}
