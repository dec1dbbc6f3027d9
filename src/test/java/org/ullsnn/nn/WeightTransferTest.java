package org.ullsnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

class WeightTransferTest {

    private static ComputationGraph build(NetworkSpec spec, long seed) {
        return Networks.build(spec, new NoOp(), 0, seed);
    }

    private static final NetworkSpec TINY_BN = NetworkSpec.defaults(Architecture.TINY, 10).withBatchNorm(true);

    @Test
    void copiesEveryParameterIntoANetworkThatDiffersOnlyInItsActivationLevels() {
        ComputationGraph trained = build(TINY_BN, 1);
        trained.params().muli(1.5); // clips and batch-norm statistics included: not what a fresh net has
        INDArray before = trained.params().dup();
        ComputationGraph quantised = build(TINY_BN.withActivationLevels(2), 2);
        assertNotEquals(trained.params(), quantised.params());

        WeightTransfer.copy(trained, quantised);

        assertEquals(trained.params(), quantised.params());
        assertEquals(before, trained.params(), "the source is untouched");
    }

    @Test
    void refusesANetworkOfAnotherShapeNamingEveryDifferenceAndLeavesTheTargetAsItWas() {
        ComputationGraph trained = build(TINY_BN, 1);
        ComputationGraph wider = build(TINY_BN.withWidth(2), 2);
        INDArray before = wider.params().dup();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightTransfer.copy(trained, wider));
        assertTrue(e.getMessage().contains("has shape") && e.getMessage().contains("conv1"), e.getMessage());
        assertEquals(before, wider.params());

        ComputationGraph withoutBn = build(TINY_BN.withBatchNorm(false), 3);
        e = assertThrows(IllegalArgumentException.class, () -> WeightTransfer.copy(trained, withoutBn));
        assertTrue(e.getMessage().contains("has no place here"), e.getMessage());
    }
}
