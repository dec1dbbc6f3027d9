package org.ullsnn.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-neuron initial potentials (issue 15, Li et al.'s potential correction): neuron j starts from
 * {@code u0 + initialPotential_j}.
 */
class IFInitialPotentialTest {

    /**
     * Spikes, and the gradients of a backward pass, equal those of per-neuron kernels whose scalar u0 is the neuron's
     * whole initial potential (dL/dlambda is a sum over neurons, R_{-1} = u0 + initial potential).
     */
    @RepeatedTest(value = 6, name = "random layer {currentRepetition}")
    void aRowOfInitialPotentialsActsAsPerNeuronU0(RepetitionInfo info) {
        Random r = new Random(40 + info.getCurrentRepetition());
        int steps = 1 + r.nextInt(5);
        int perStep = 1 + r.nextInt(12);
        double theta = 0.5 + r.nextDouble();
        double lambda = r.nextBoolean() ? 1.0 : 0.6 + 0.4 * r.nextDouble();
        double u0 = r.nextBoolean() ? 0 : 0.3 * theta;
        ResetMode reset = r.nextBoolean() ? ResetMode.SUBTRACT : ResetMode.ZERO;
        double[][] current = new double[steps][perStep];
        double[][] gradOut = new double[steps][perStep];
        double[] initial = new double[perStep];
        for (int j = 0; j < perStep; j++) {
            initial[j] = (r.nextDouble() - 0.5) * 2 * theta;
            for (int t = 0; t < steps; t++) {
                current[t][j] = r.nextGaussian() * theta;
                gradOut[t][j] = r.nextGaussian();
            }
        }
        IFKernel kernel = new IFKernel(theta, lambda, u0, reset, null, DataType.DOUBLE,
                Nd4j.createFromArray(new double[][] {initial}));
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, steps, perStep);
        INDArray potentials = Nd4j.zeros(DataType.DOUBLE, steps, perStep);
        kernel.forward(Nd4j.createFromArray(current), spikes, potentials, Nd4j.zeros(DataType.DOUBLE, 1, perStep));
        IFKernel.ParamGradients p = kernel.backward(potentials, Nd4j.createFromArray(gradOut), null,
                Nd4j.zeros(DataType.DOUBLE, steps, perStep), Nd4j.zeros(DataType.DOUBLE, 6, perStep),
                Surrogate.BOXCAR, false);
        double dTheta = 0;
        double dLambda = 0;
        for (int j = 0; j < perStep; j++) {
            // lambda (u0 + initial) as one scalar: the per-neuron kernel's own start
            IFKernel one = new IFKernel(theta, lambda, u0 + initial[j], reset, null, DataType.DOUBLE);
            double[][] column = new double[steps][1];
            double[][] gradColumn = new double[steps][1];
            for (int t = 0; t < steps; t++) {
                column[t][0] = current[t][j];
                gradColumn[t][0] = gradOut[t][j];
            }
            INDArray s = Nd4j.zeros(DataType.DOUBLE, steps, 1);
            INDArray u = Nd4j.zeros(DataType.DOUBLE, steps, 1);
            one.forward(Nd4j.createFromArray(column), s, u, Nd4j.zeros(DataType.DOUBLE, 1, 1));
            for (int t = 0; t < steps; t++) {
                assertEquals(s.getDouble(t, 0), spikes.getDouble(t, j), 0, "spike t=" + t + " j=" + j);
                assertEquals(u.getDouble(t, 0), potentials.getDouble(t, j), 1e-12, "potential t=" + t + " j=" + j);
            }
            IFKernel.ParamGradients q = one.backward(u, Nd4j.createFromArray(gradColumn), null,
                    Nd4j.zeros(DataType.DOUBLE, steps, 1), Nd4j.zeros(DataType.DOUBLE, 6, 1), Surrogate.BOXCAR, false);
            dTheta += q.theta();
            dLambda += q.lambda();
        }
        assertEquals(dTheta, p.theta(), 1e-9);
        assertEquals(dLambda, p.lambda(), 1e-9);
    }

    /** In a layer, one sample's potentials repeat over the batch; they survive JSON and clone. */
    @Test
    void theLayerRepeatsOneSamplesPotentialsAndKeepsThemThroughJsonAndClone() {
        double[] initial = {0.6, -0.5, 0.0};
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(3))
                .addLayer("if", new IFNeuronLayer.Builder().timesteps(2).theta(1.0).initialPotential(initial).build(),
                        "in")
                .setOutputs("if").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        // rows: (t=0, sample 0), (t=0, sample 1), (t=1, sample 0), (t=1, sample 1); current 0.5 everywhere
        INDArray current = Nd4j.valueArrayOf(new long[] {4, 3}, 0.5f);
        // neuron 0: 1.1 spike, 0.6 no; neuron 1: 0.0, 0.5 no; neuron 2: 0.5, 1.0 spike
        float[][] expected = {{1, 0, 0}, {1, 0, 0}, {0, 0, 1}, {0, 0, 1}};
        assertArrayEquals(expected, g.outputSingle(current).toFloatMatrix());
        // the repeated row is kept between passes: other batch sizes, then the first one again, see the same neurons
        float[][] one = {{1, 0, 0}, {0, 0, 1}};
        assertArrayEquals(one, g.outputSingle(Nd4j.valueArrayOf(new long[] {2, 3}, 0.5f)).toFloatMatrix());
        float[][] three = {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
        assertArrayEquals(three, g.outputSingle(Nd4j.valueArrayOf(new long[] {6, 3}, 0.5f)).toFloatMatrix());
        assertArrayEquals(expected, g.outputSingle(current).toFloatMatrix());
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        IFNeuronLayer layer = (IFNeuronLayer) ((LayerVertex) back.getVertices().get("if")).getLayerConf().getLayer();
        assertArrayEquals(initial, layer.getInitialPotential(), 0);
        IFNeuronLayer copy = layer.clone();
        assertEquals(layer, copy);
        assertNotSame(layer.getInitialPotential(), copy.getInitialPotential());
        assertTrue(layer.toString().contains("initialPotential[3]"), layer.toString());
        assertThrows(IllegalArgumentException.class,
                () -> new IFNeuronLayer.Builder().initialPotential(new double[] {Double.NaN}));
        ComputationGraph restored = new ComputationGraph(back);
        restored.init();
        assertArrayEquals(expected, restored.outputSingle(current).toFloatMatrix());
    }
}
