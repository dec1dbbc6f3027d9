package org.ullsnn.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TimeLayersTest {

    private static ComputationGraph repeatThenSum(int steps) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(2, 2, 1))
                .addLayer("repeat", new TimeRepeatLayer(steps), "in")
                .addLayer("sum", new TimeSumLayer(steps), "repeat")
                .setOutputs("sum").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void repeatFoldsTimeMajorAndSumUnfolds() {
        ComputationGraph g = repeatThenSum(3);
        INDArray x = Nd4j.arange(8).castTo(DataType.FLOAT).reshape('c', 2, 1, 2, 2);
        INDArray repeated = g.feedForward(x, false).get("repeat");
        assertArrayEquals(new long[] {6, 1, 2, 2}, repeated.shape());
        for (int t = 0; t < 3; t++) {
            for (int n = 0; n < 2; n++) {
                assertEquals(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(n)),
                        repeated.get(org.nd4j.linalg.indexing.NDArrayIndex.point(TimeFolding.row(t, n, 2))));
            }
        }
        assertEquals(x.mul(3), g.outputSingle(x));
    }

    @Test
    void backwardPassesAreTheAdjointsOfTheForwardPasses() {
        int steps = 3;
        ComputationGraph g = repeatThenSum(steps);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 2, 2);
        g.feedForward(new INDArray[] {x}, true, false); // keep each layer's input for backprop
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray eps = Nd4j.rand(DataType.FLOAT, 2, 1, 2, 2);
        INDArray toRepeated = g.getLayer("sum").backpropGradient(eps, mgr).getSecond();
        assertArrayEquals(new long[] {6, 1, 2, 2}, toRepeated.shape());
        INDArray toInput = g.getLayer("repeat").backpropGradient(toRepeated, mgr).getSecond();
        assertEquals(eps.mul(steps), toInput); // d(sum_t x)/dx = T
    }
}
