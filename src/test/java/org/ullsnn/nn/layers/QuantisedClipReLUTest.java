package org.ullsnn.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
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
import org.ullsnn.snn.IFNeuronLayer;
import org.ullsnn.snn.ResetMode;

/** {@link ClipReLULayer} with {@code levels > 0}: the quantisation-clip-floor-shift activation. */
class QuantisedClipReLUTest {

    private static ClipReLU layer(int n, double mu, int levels, DataType type) {
        return ClipReLUTest.layer(n, mu, levels, type);
    }

    private static INDArray forward(ClipReLU act, INDArray z) {
        act.setInput(z, LayerWorkspaceMgr.noWorkspaces());
        return act.activate(false, LayerWorkspaceMgr.noWorkspaces());
    }

    @Test
    void forwardRoundsTheClipToTheNearestOfLSteps() {
        // mu = 2, L = 4: steps of 0.5, boundaries at 0.25, 0.75, ...
        ClipReLU act = layer(8, 2.0, 4, DataType.DOUBLE);
        INDArray z = Nd4j.createFromArray(new double[][] {{-3, 0.2, 0.3, 0.74, 0.76, 1.9, 2.0, 5}});
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1.0, 2.0, 2.0, 2.0}, forward(act, z).toDoubleVector(), 1e-12);
        assertEquals(4, act.levels());
        assertEquals(0, layer(2, 2.0, 0, DataType.DOUBLE).levels(), "0 is the continuous clip");
    }

    @Test
    void backwardIsStraightThroughForZAndAddsTheRoundingErrorToMu() {
        double mu = 1.0;
        ClipReLU act = layer(5, mu, 2, DataType.DOUBLE);
        var mgr = LayerWorkspaceMgr.noWorkspaces();
        // z: below 0, inside (rounds down to 0), inside (rounds up to 0.5), inside (rounds up to 1), above mu
        INDArray z = Nd4j.createFromArray(new double[][] {{-1, 0.2, 0.3, 0.8, 3}});
        INDArray eps = Nd4j.createFromArray(new double[][] {{10, 20, 30, 40, 50}});
        act.setInput(z, mgr);
        var result = act.backpropGradient(eps, mgr);
        assertArrayEquals(new double[] {0, 20, 30, 40, 0}, result.getSecond().toDoubleVector(), 1e-12);
        // dL/dmu = 50 (z >= mu) + sum over 0 < z < mu of eps (a - z) / mu
        double expected = 50 + 20 * (0 - 0.2) + 30 * (0.5 - 0.3) + 40 * (1.0 - 0.8);
        assertEquals(expected, result.getFirst().getGradientFor(ClipReLUParamInitializer.MU_KEY).getDouble(0), 1e-12);
    }

    @Test
    void floatBackwardOfALargeInputMatchesTheDoubleReference() {
        int n = 2 * 65_536 + 5; // split over cores, one ragged chunk
        double mu = 1.3;
        int levels = 3;
        ClipReLU act = layer(n, mu, levels, DataType.FLOAT);
        var mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray z = Nd4j.rand(DataType.FLOAT, 1, n).muli(2.2f).subi(0.4f);
        INDArray eps = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5f);
        act.setInput(z, mgr);
        var result = act.backpropGradient(eps, mgr);
        float[] zs = z.toFloatVector();
        float[] es = eps.toFloatVector();
        float[] dz = result.getSecond().toFloatVector();
        double dMu = 0;
        for (int i = 0; i < n; i++) {
            boolean inside = zs[i] > 0 && zs[i] < mu;
            assertEquals(inside ? es[i] : 0f, dz[i], 0f, "dL/dz at " + i);
            double a = mu / levels * Math.floor(Math.min(Math.max(zs[i], 0), mu) * levels / mu + 0.5);
            dMu += inside ? es[i] * (a - zs[i]) / mu : zs[i] >= mu ? es[i] : 0;
        }
        assertEquals(dMu, result.getFirst().getGradientFor(ClipReLUParamInitializer.MU_KEY).getDouble(0), 1e-6 * n);
    }

    /**
     * What the levels are for: an IF neuron with threshold mu, initial potential mu / 2 and reset by subtraction, run
     * for T = L steps on a constant current z, emits exactly a L / mu spikes (currents kept away from the rounding
     * boundaries, where float sums may tip either way).
     */
    @Test
    void anIfNeuronAtTEqualsLWithTheHalfShiftEmitsTheQuantisedActivation() {
        double mu = 1.7;
        for (int levels : new int[] {1, 2, 4, 8}) {
            int n = 200;
            float[] z = new float[n];
            Random r = new Random(levels);
            for (int i = 0; i < n; i++) {
                double v;
                do {
                    v = -0.5 + 2.7 * r.nextDouble();
                } while (Math.abs(v * levels / mu + 0.5 - Math.rint(v * levels / mu + 0.5)) < 1e-3);
                z[i] = (float) v;
            }
            INDArray a = forward(layer(n, mu, levels, DataType.FLOAT), Nd4j.createFromArray(new float[][] {z}));
            INDArray current = Nd4j.create(DataType.FLOAT, levels, n);
            for (int t = 0; t < levels; t++) {
                current.getRow(t).assign(Nd4j.createFromArray(z));
            }
            ComputationGraph neuron = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                    .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(n))
                    .addLayer("if", new IFNeuronLayer.Builder().timesteps(levels).theta(mu).lambda(1).u0(mu / 2)
                            .reset(ResetMode.SUBTRACT).build(), "in")
                    .setOutputs("if").build());
            neuron.init();
            INDArray counts = neuron.outputSingle(current).sum(0);
            assertArrayEquals(a.toFloatVector(), counts.muli(mu / levels).toFloatVector(), 1e-5f, "L = " + levels);
        }
    }

    @Test
    void levelsSurviveJsonAndShowInEqualsAndToString() {
        ClipReLULayer four = new ClipReLULayer.Builder().initialMu(2).levels(4).build();
        ClipReLULayer none = new ClipReLULayer.Builder().initialMu(2).build();
        assertTrue(!four.equals(none) && four.toString().contains("levels=4") && !none.toString().contains("levels"));
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .setInputTypes(InputType.feedForward(3)).addLayer("act", four, "in").setOutputs("act").build();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        ClipReLULayer layer = (ClipReLULayer) ((LayerVertex) back.getVertices().get("act")).getLayerConf().getLayer();
        assertEquals(4, layer.getLevels());
        assertEquals(conf, back);
    }

    @Test
    void builderRejectsNegativeLevelsWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClipReLULayer.Builder().levels(-2));
        assertTrue(e.getMessage().contains("-2"), e.getMessage());
    }
}
