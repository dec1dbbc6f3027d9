package org.ullsnn.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hao et al.'s offset-spike calibration in the IF layer: the hand examples of the design memo (§4.6, test 9). */
class OffsetSpikesTest {

    /** One IF neuron per column, theta = 1, u0 = 1/2, T = rho = 2. */
    private static ComputationGraph layer(int neurons) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(neurons))
                .addLayer("if", new IFNeuronLayer.Builder().timesteps(2).theta(1.0).u0(0.5).offsetSpikeSteps(2)
                        .build(), "in")
                .setOutputs("if").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /**
     * Columns: I = (1.0, -0.6): pre-run N = 1, residual -0.1 after a spike at U = 1.5, so the start moves by -1 to
     * -0.5 and the neuron stays silent. I = (0.2, 1.9): pre-run residual 1.6 >= theta with V_max = 0.7, so the start
     * moves by +1 to 1.5 and it fires twice. I = (0.3, 0.3): no offset, the start stays 0.5, one spike at t = 2.
     */
    @Test
    void anExtraSpikeIsRemovedAMissingOneAddedAndNoOffsetLeftAlone() {
        INDArray current = Nd4j.createFromArray(new double[][] {{1.0, 0.2, 0.3}, {-0.6, 1.9, 0.3}});
        assertArrayEquals(new double[] {-1, 1, 0},
                OffsetSpikes.startShift(current, 2, 1.0, 1.0, new double[] {0.5, 0.5, 0.5}, ResetMode.SUBTRACT), 1e-6);
        INDArray spikes = layer(3).outputSingle(current.castTo(DataType.FLOAT));
        assertArrayEquals(new float[][] {{0, 1, 0}, {0, 1, 1}}, spikes.toFloatMatrix());
    }

    @Test
    void aLargerOffsetMovesTheStartFurther() {
        // U = 2.6 at the spike step, residual -0.4: the start moves by theta (2.6 - 0.999) = 1.601
        INDArray current = Nd4j.createFromArray(new double[][] {{2.1}, {-2.0}});
        assertArrayEquals(new double[] {-1.601},
                OffsetSpikes.startShift(current, 2, 1.0, 1.0, new double[] {0.5}, ResetMode.SUBTRACT), 1e-6,
                "currents are read in float");
    }

    @Test
    void theLayerIsInferenceOnlyAndKeepsItsStepsThroughJson() {
        ComputationGraph g = layer(1);
        IFNeuronLayer back = (IFNeuronLayer) ((LayerVertex) ComputationGraphConfiguration
                .fromJson(g.getConfiguration().toJson()).getVertices().get("if")).getLayerConf().getLayer();
        assertEquals(2, back.getOffsetSpikeSteps());
        assertTrue(back.toString().contains("offsetSpikeSteps=2"), back.toString());
        IFNeuron n = (IFNeuron) g.getLayer("if");
        n.setInput(Nd4j.createFromArray(new float[][] {{0.3f}, {0.3f}}), LayerWorkspaceMgr.noWorkspaces());
        n.activate(true, LayerWorkspaceMgr.noWorkspaces());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> n.backpropGradient(
                Nd4j.ones(DataType.FLOAT, 2, 1), LayerWorkspaceMgr.noWorkspaces()));
        assertTrue(e.getMessage().contains("inference only"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IFNeuronLayer.Builder().offsetSpikeSteps(-1));
        IllegalStateException shortRun = assertThrows(IllegalStateException.class, () -> new ComputationGraph(
                new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                        .setInputTypes(InputType.feedForward(1))
                        .addLayer("if", new IFNeuronLayer.Builder().timesteps(1).offsetSpikeSteps(2).build(), "in")
                        .setOutputs("if").build()) {
            {
                init();
            }
        }.outputSingle(Nd4j.ones(DataType.FLOAT, 1, 1)));
        assertTrue(shortRun.getMessage().contains("rho"), shortRun.getMessage());
    }
}
