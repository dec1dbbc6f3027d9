package org.ullsnn.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;

/** Distillation labels: the stated mix of one-hot labels and the teacher's probabilities, on the training batches only. */
class DistilledEpochDataTest {

    private static final NetworkSpec TINY = NetworkSpec.defaults(Architecture.TINY, SyntheticEpochData.CLASSES)
            .withInput(3, SyntheticEpochData.SIZE);

    private static ComputationGraph teacher() {
        TrainConfig config = TrainConfig.defaults().withEpochs(1);
        return Networks.build(TINY, config.updater(), config.l2(), 7);
    }

    @Test
    void trainingLabelsAreTheWeightedMixOfOneHotAndTeacherProbabilities() {
        ComputationGraph teacher = teacher();
        SyntheticEpochData base = new SyntheticEpochData(24, 8, 8, 3);
        DataSetIterator plain = base.train(0);
        DataSetIterator distilled = new DistilledEpochData(base, teacher, 0.25).train(0);
        while (plain.hasNext()) {
            DataSet p = plain.next();
            DataSet d = distilled.next();
            assertArrayEquals(p.getFeatures().ravel().toFloatVector(), d.getFeatures().ravel().toFloatVector(), "same images, same order");
            INDArray probabilities = teacher.outputSingle(false, p.getFeatures());
            INDArray expected = p.getLabels().mul(0.75).addi(probabilities.mul(0.25));
            assertArrayEquals(expected.ravel().toFloatVector(), d.getLabels().ravel().toFloatVector(), 1e-6f);
            INDArray rowSums = d.getLabels().sum(1);
            for (int i = 0; i < rowSums.length(); i++) {
                assertEquals(1.0, rowSums.getDouble(i), 1e-5, "each row is still a distribution");
            }
            assertTrue(d.getLabels().minNumber().doubleValue() > 0, "every class gets a target");
        }
    }

    @Test
    void testBatchesKeepTheirOneHotLabels() {
        SyntheticEpochData base = new SyntheticEpochData(8, 12, 4, 3);
        DataSetIterator plain = base.test();
        DataSetIterator distilled = new DistilledEpochData(base, teacher(), 1.0).test();
        while (plain.hasNext()) {
            assertArrayEquals(plain.next().getLabels().ravel().toFloatVector(), distilled.next().getLabels().ravel().toFloatVector());
        }
    }

    @Test
    void weightOutsideItsRangeIsRefused() {
        SyntheticEpochData base = new SyntheticEpochData(8, 8, 4, 3);
        for (double w : new double[] {0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DistilledEpochData(base, teacher(), w));
            assertTrue(e.getMessage().contains("distillation weight must be in (0, 1]"), e.getMessage());
        }
    }
}
