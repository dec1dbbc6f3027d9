package org.ullsnn.snn;

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
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class IFNeuronTest {

    /** input -> IF, on feed-forward vectors of {@code width} values. */
    static ComputationGraph ifGraph(int steps, int width, double theta, double lambda, double u0, ResetMode reset) {
        return ifGraph(steps, width, theta, lambda, u0, reset, false);
    }

    private static ComputationGraph ifGraph(int steps, int width, double theta, double lambda, double u0,
            ResetMode reset, boolean constantDrive) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(width))
                .addLayer("if", new IFNeuronLayer.Builder().timesteps(steps).theta(theta).lambda(lambda).u0(u0)
                        .reset(reset).constantDrive(constantDrive).build(), "in")
                .setOutputs("if").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void oneStepByHandFollowsTheDocumentedEquations() {
        // theta = 1, u0 = 0.5, currents 0.7 then 0.2: U(1) = 1.2 -> spike, U = 0.2; U(2) = 0.4 -> no spike
        ComputationGraph g = ifGraph(2, 1, 1.0, 1.0, 0.5, ResetMode.SUBTRACT);
        INDArray current = Nd4j.createFromArray(new float[][] {{0.7f}, {0.2f}}); // rows: t=0, t=1 (N = 1)
        assertArrayEquals(new float[] {1, 0}, g.outputSingle(current).toFloatVector());
        // reset to zero: U(1) = 1.2 -> spike, U = 0; U(2) = 0.2 -> no spike; with current 1.0 at t=2 it spikes
        ComputationGraph z = ifGraph(2, 1, 1.0, 1.0, 0.5, ResetMode.ZERO);
        assertArrayEquals(new float[] {1, 1},
                z.outputSingle(Nd4j.createFromArray(new float[][] {{0.7f}, {1.0f}})).toFloatVector());
        // leak 0.5: U(1) = 0.25 + 0.7 = 0.95 -> no spike
        ComputationGraph leaky = ifGraph(2, 1, 1.0, 0.5, 0.5, ResetMode.SUBTRACT);
        assertEquals(0f, leaky.outputSingle(current).getFloat(0));
    }

    @RepeatedTest(value = 20, name = "random layer {currentRepetition}")
    void multiStepLayerEqualsThePerNeuronReference(org.junit.jupiter.api.RepetitionInfo info) {
        Random r = new Random(1000 + info.getCurrentRepetition());
        int steps = 1 + r.nextInt(8);
        int samples = 1 + r.nextInt(4);
        int width = 1 + r.nextInt(12);
        double theta = 0.2 + 2 * r.nextDouble();
        double lambda = r.nextBoolean() ? 1.0 : 0.5 + 0.5 * r.nextDouble();
        double u0 = r.nextDouble() * theta;
        ResetMode reset = r.nextBoolean() ? ResetMode.SUBTRACT : ResetMode.ZERO;
        float[][] current = new float[steps * samples][width];
        for (float[] row : current) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) (r.nextGaussian() * theta);
            }
        }
        INDArray out = ifGraph(steps, width, theta, lambda, u0, reset).outputSingle(Nd4j.createFromArray(current));
        NeuronDynamics reference = new NeuronDynamics(theta, lambda, u0, reset);
        for (int n = 0; n < samples; n++) {
            for (int j = 0; j < width; j++) {
                double[] series = new double[steps];
                for (int t = 0; t < steps; t++) {
                    series[t] = current[(int) TimeFolding.row(t, n, samples)][j];
                }
                int[] expected = reference.run(series).spikes();
                for (int t = 0; t < steps; t++) {
                    assertEquals(expected[t], out.getFloat(TimeFolding.row(t, n, samples), j), 0,
                            "sample " + n + " neuron " + j + " step " + t);
                }
            }
        }
    }

    @Test
    void spikesAreExactlyZeroOrOne() {
        INDArray current = Nd4j.randn(DataType.FLOAT, 4 * 3, 50).muli(3);
        INDArray out = ifGraph(4, 50, 0.7, 1.0, 0.35, ResetMode.SUBTRACT).outputSingle(current);
        long zeros = out.eq(0).castTo(DataType.INT).sumNumber().longValue();
        long ones = out.eq(1).castTo(DataType.INT).sumNumber().longValue();
        assertEquals(out.length(), zeros + ones);
        assertTrue(zeros > 0 && ones > 0);
    }

    /**
     * With constant drive the layer fires exactly as the plain layer does on the time-mean current repeated at every
     * step (the same FLOAT mean), for both resets, with a leak and u0; the current passed in is left as it was.
     */
    @Test
    void constantDriveIsTheLayerOnTheTimeMeanCurrent() {
        int steps = 4;
        int samples = 3;
        INDArray current = Nd4j.rand(DataType.FLOAT, steps * samples, 6).muli(1.6f).subi(0.3f);
        INDArray before = current.dup();
        INDArray mean = current.reshape('c', steps, samples * 6L).mean(true, 0);
        INDArray repeated = Nd4j.create(DataType.FLOAT, steps, samples * 6L);
        for (int t = 0; t < steps; t++) {
            repeated.getRow(t).assign(mean);
        }
        for (ResetMode reset : ResetMode.values()) {
            INDArray expected = ifGraph(steps, 6, 0.7, 0.9, 0.2, reset).outputSingle(repeated.reshape(steps * samples, 6));
            INDArray got = ifGraph(steps, 6, 0.7, 0.9, 0.2, reset, true).outputSingle(current);
            assertEquals(expected, got, reset.toString());
            INDArray plain = ifGraph(steps, 6, 0.7, 0.9, 0.2, reset).outputSingle(current);
            assertTrue(!plain.equals(got), "the time-varying current gives other spikes without constant drive");
        }
        assertEquals(before, current);
        ComputationGraph g = ifGraph(steps, 6, 0.7, 0.9, 0.2, ResetMode.SUBTRACT, true);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson());
        assertTrue(((IFNeuronLayer) ((LayerVertex) back.getVertices().get("if")).getLayerConf().getLayer())
                .isConstantDrive(), "the flag survives JSON");
    }

    @Test
    void parametersAreViewsOfTheFlatArrayAndSurviveJsonAndClone() {
        ComputationGraph g = ifGraph(3, 2, 0.8, 0.9, 0.1, ResetMode.ZERO);
        IFNeuron n = (IFNeuron) g.getLayer("if");
        assertEquals(0.8, n.theta(), 1e-6);
        assertEquals(0.9, n.lambda(), 1e-6);
        g.params().putScalar(0, 1.25); // theta is the first entry of the flat view
        assertEquals(1.25, n.theta(), 1e-6);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson());
        IFNeuronLayer conf = (IFNeuronLayer) ((LayerVertex) back.getVertices().get("if")).getLayerConf().getLayer();
        assertEquals(3, conf.getTimesteps());
        assertEquals(ResetMode.ZERO, conf.getResetMode());
        assertEquals(0.1, conf.getU0(), 0);
        assertEquals(1.25, ((IFNeuron) g.clone().getLayer("if")).theta(), 1e-6);
    }

    @Test
    void aBatchThatIsNotTimesStepsRowsIsRejectedWithBothNumbers() {
        ComputationGraph g = ifGraph(3, 2, 1, 1, 0, ResetMode.SUBTRACT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.outputSingle(Nd4j.zeros(DataType.FLOAT, 4, 2)));
        assertTrue(e.getMessage().contains("4 rows") && e.getMessage().contains("T = 3"), e.getMessage());
    }

    @Test
    void builderRejectsBadValues() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new IFNeuronLayer.Builder().theta(0))
                .getMessage().contains("got 0.0"));
        assertThrows(IllegalArgumentException.class, () -> new IFNeuronLayer.Builder().theta(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new IFNeuronLayer.Builder().timesteps(0));
        assertThrows(IllegalArgumentException.class, () -> new IFNeuronLayer.Builder().lambda(1.5));
    }

    /**
     * One neuron, T = 2, theta = 1, currents (0.5, 0.8), boxcar, dL/do = (1, 1): U1 = 0.5 (h = 1, no spike),
     * U2 = 1.3 (h = 1, spike). dL/dU2 = 1; dL/dR1 = 1; dR1/dU1 = 1 - h1 = 0 gives dL/dI1 = 1, while a detached
     * reset (dR/dU = 1) gives 2.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "detachReset={0}")
    @org.junit.jupiter.params.provider.CsvSource({"false, 1.0", "true, 2.0"})
    void backwardByHandWithAndWithoutDetachedReset(boolean detach, double expectedFirst) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(1))
                .addLayer("if", new IFNeuronLayer.Builder().timesteps(2).theta(1).detachReset(detach).build(), "in")
                .setOutputs("if").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        g.initGradientsView();
        IFNeuron n = (IFNeuron) g.getLayer("if");
        var mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        n.setInput(Nd4j.createFromArray(new float[][] {{0.5f}, {0.8f}}), mgr);
        assertArrayEquals(new float[] {0, 1}, n.activate(true, mgr).toFloatVector());
        var back = n.backpropGradient(Nd4j.createFromArray(new float[][] {{1f}, {1f}}), mgr);
        assertArrayEquals(new float[] {(float) expectedFirst, 1f}, back.getSecond().toFloatVector(), 1e-6f);
        // dL/dlambda = dU1 R0 + dU2 R1 = 0 + 1 * 0.5 (u0 = 0, R1 = 0.5)
        assertEquals(0.5, back.getFirst().getGradientFor(IFParamInitializer.LAMBDA_KEY).getDouble(0), 1e-6);
    }

    @Test
    void dropoutUsesOneMaskPerSampleForAllSteps() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(3)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(200))
                .addLayer("if", new IFNeuronLayer.Builder().timesteps(3).theta(0.5).dropout(0.5).build(), "in")
                .setOutputs("if").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray current = Nd4j.ones(DataType.FLOAT, 3 * 2, 200); // fires at every step without dropout
        INDArray train = g.feedForward(current, true).get("if").reshape('c', 3, 2 * 200);
        assertEquals(train.getRow(0), train.getRow(1), "same mask at t = 1 and t = 2");
        assertEquals(train.getRow(0), train.getRow(2), "same mask at t = 1 and t = 3");
        double kept = train.getRow(0).gt(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertTrue(kept > 0.35 && kept < 0.65, "about half kept: " + kept);
        assertEquals(2.0, train.maxNumber().doubleValue(), 1e-6, "inverted scaling 1 / (1 - p)");
        assertEquals(current.length(), g.outputSingle(false, current).sumNumber().longValue(), "no dropout at inference");
    }

    @Test
    void trainingAndInferenceGiveTheSameSpikesAndASmallerBatchReusesTheBuffers() {
        var mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        ComputationGraph reused = ifGraph(3, 5, 0.8, 0.9, 0.2, ResetMode.SUBTRACT);
        ComputationGraph fresh = ifGraph(3, 5, 0.8, 0.9, 0.2, ResetMode.SUBTRACT);
        reused.initGradientsView();
        fresh.initGradientsView();
        Nd4j.getRandom().setSeed(21);
        INDArray big = Nd4j.randn(DataType.FLOAT, 3 * 4, 5);
        INDArray small = Nd4j.randn(DataType.FLOAT, 3 * 2, 5);
        INDArray epsBig = Nd4j.randn(DataType.FLOAT, 3 * 4, 5);
        INDArray epsSmall = Nd4j.randn(DataType.FLOAT, 3 * 2, 5);
        IFNeuron a = (IFNeuron) reused.getLayer("if");
        INDArray inference = reused.outputSingle(false, big);
        a.setInput(big, mgr);
        assertEquals(inference, a.activate(true, mgr).dup());
        a.backpropGradient(epsBig, mgr);
        a.setInput(small, mgr);
        INDArray outA = a.activate(true, mgr).dup();
        var backA = a.backpropGradient(epsSmall, mgr);
        IFNeuron b = (IFNeuron) fresh.getLayer("if");
        b.setInput(small, mgr);
        assertEquals(b.activate(true, mgr), outA);
        var backB = b.backpropGradient(epsSmall, mgr);
        assertEquals(backB.getSecond(), backA.getSecond());
        for (String key : new String[] {IFParamInitializer.THETA_KEY, IFParamInitializer.LAMBDA_KEY}) {
            assertEquals(backB.getFirst().getGradientFor(key).getDouble(0),
                    backA.getFirst().getGradientFor(key).getDouble(0), 0, key);
        }
    }

    @Test
    void dropoutMasksTheGradientWithTheForwardPassMask() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(5)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(300))
                .addLayer("if", new IFNeuronLayer.Builder().timesteps(2).theta(1).dropout(0.5).build(), "in")
                .setOutputs("if").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        g.initGradientsView();
        IFNeuron n = (IFNeuron) g.getLayer("if");
        var mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        n.setInput(Nd4j.valueArrayOf(new long[] {2, 300}, 1.5f), mgr); // fires at both steps
        INDArray out = n.activate(true, mgr).dup();
        // step 2 only: U2 = 0.5 + 1.5 = 2.0, boxcar h = 0 at U = 2 theta, so dL/dI_2 = 0; step 1: U1 = 1.5, h = 1
        // and g_R = 0, so dL/dI_1 = g_o1 h / theta = the mask itself for dL/do = 1
        INDArray back = n.backpropGradient(Nd4j.ones(DataType.FLOAT, 2, 300), mgr).getSecond();
        assertEquals(out.getRow(0), back.getRow(0), "the kept neurons, scaled by 1 / (1 - p)");
        assertEquals(0.0, back.getRow(1).amaxNumber().doubleValue(), 0);
    }
}
