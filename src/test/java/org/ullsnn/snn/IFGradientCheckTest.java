package org.ullsnn.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The IF layer's backward pass, judged by DL4J's numerical gradient check: the forward pass runs in smooth
 * mode (the surrogate's antiderivative in place of the step), which shares the backward code, so the analytic
 * gradients of weights, theta and lambda must match finite differences.
 */
class IFGradientCheckTest {

    private static final int STEPS = 3;
    private static final double EPS = 1e-6;
    private static final double MAX_REL_ERROR = 1e-5;
    private static final double MIN_ABS_ERROR = 1e-9;
    /** Entries checked per parameter array (theta and lambda have one each, so they are always checked). */
    private static final int PER_PARAM = 8;

    private static DataType previous;

    @BeforeAll
    static void doublePrecision() {
        previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(previous, previous);
    }

    private static IFNeuronLayer neuron(Surrogate s, ResetMode reset, boolean detach) {
        return new IFNeuronLayer.Builder().timesteps(STEPS).theta(0.8).lambda(0.9).u0(0.1).reset(reset).surrogate(s)
                .detachReset(detach).smoothForward(true).build();
    }

    private static GraphBuilder base(InputType in) {
        return new NeuralNetConfiguration.Builder().seed(12).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.8)).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("in").setInputTypes(in)
                .addLayer("repeat", new TimeRepeatLayer(STEPS), "in");
    }

    private static ComputationGraph finish(GraphBuilder g, String last) {
        ComputationGraphConfiguration conf = g
                .addLayer("out", new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build(), last)
                .addLayer("sum", new TimeSumLayer(STEPS), "out")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3L).nOut(3L)
                        .activation(Activation.SOFTMAX).build(), "sum")
                .setOutputs("loss").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static void check(ComputationGraph net, INDArray input) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, input.size(0), 3);
        for (int i = 0; i < input.size(0); i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {input}).labels(new INDArray[] {labels}).epsilon(EPS)
                .maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR).exitOnFirstError(true)
                .subset(true).maxPerParam(PER_PARAM)));
        assertEquals(2, net.getLayer("if1").numParams(), "theta and lambda were among the checked parameters");
    }

    @ParameterizedTest(name = "{0}, {1}, detach={2}")
    @CsvSource({"FAST_SIGMOID, SUBTRACT, false", "TRIANGLE, SUBTRACT, false", "FAST_SIGMOID, ZERO, false"})
    void denseWithIfPassesTheGradientCheck(Surrogate s, ResetMode reset, boolean detach) {
        GraphBuilder g = base(InputType.feedForward(4))
                .addLayer("fc", new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build(), "repeat")
                .addLayer("if1", neuron(s, reset, detach), "fc");
        Nd4j.getRandom().setSeed(3);
        check(finish(g, "if1"), Nd4j.randn(DataType.DOUBLE, 4, 4));
    }

    /** Per-neuron initial potentials (issue 15) enter dL/dlambda through R_{-1} = u0 + the neuron's potential. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SUBTRACT", "ZERO"})
    void perNeuronInitialPotentialsPassTheGradientCheck(ResetMode reset) {
        IFNeuronLayer neuron = new IFNeuronLayer.Builder().timesteps(STEPS).theta(0.8).lambda(0.9).u0(0.1)
                .initialPotential(new double[] {0.5, -0.3, 0.0, 0.9, -0.7}).reset(reset)
                .surrogate(Surrogate.FAST_SIGMOID).smoothForward(true).build();
        GraphBuilder g = base(InputType.feedForward(4))
                .addLayer("fc", new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build(), "repeat")
                .addLayer("if1", neuron, "fc");
        Nd4j.getRandom().setSeed(5);
        check(finish(g, "if1"), Nd4j.randn(DataType.DOUBLE, 4, 4));
    }

    /**
     * Constant drive: the second IF layer integrates the time-mean of a current that varies over the steps (the first
     * IF layer's output), so every step's input receives the mean of the steps' gradients.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SUBTRACT", "ZERO"})
    void constantDrivePassesTheGradientCheck(ResetMode reset) {
        IFNeuronLayer constant = new IFNeuronLayer.Builder().timesteps(STEPS).theta(0.8).lambda(0.9).u0(0.1)
                .reset(reset).surrogate(Surrogate.FAST_SIGMOID).smoothForward(true).constantDrive(true).build();
        GraphBuilder g = base(InputType.feedForward(4))
                .addLayer("fc", new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build(), "repeat")
                .addLayer("if1", neuron(Surrogate.FAST_SIGMOID, reset, false), "fc")
                .addLayer("fc2", new DenseLayer.Builder().nOut(4).activation(Activation.IDENTITY).build(), "if1")
                .addLayer("if2", constant, "fc2");
        Nd4j.getRandom().setSeed(6);
        check(finish(g, "if2"), Nd4j.randn(DataType.DOUBLE, 4, 4));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"TRIANGLE, ZERO"})
    void convolutionWithIfPassesTheGradientCheck(Surrogate s, ResetMode reset) {
        GraphBuilder g = base(InputType.convolutional(4, 4, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build(),
                        "repeat")
                .addLayer("if1", neuron(s, reset, false), "conv");
        Nd4j.getRandom().setSeed(4);
        check(finish(g, "if1"), Nd4j.randn(DataType.DOUBLE, 2, 2, 4, 4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FAST_SIGMOID"})
    void residualBlockWithIfPassesTheGradientCheck(Surrogate s) {
        GraphBuilder g = base(InputType.convolutional(3, 3, 2))
                .addLayer("conv_a", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build(),
                        "repeat")
                .addLayer("if1", neuron(s, ResetMode.SUBTRACT, false), "conv_a")
                .addLayer("conv_b", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build(),
                        "if1")
                .addLayer("if2", neuron(s, ResetMode.SUBTRACT, false), "conv_b")
                .addLayer("conv_c", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build(),
                        "if2")
                .addVertex("shortcut", new ScaleVertex(0.7), "if1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv_c", "shortcut")
                .addLayer("if3", neuron(s, ResetMode.SUBTRACT, false), "add");
        Nd4j.getRandom().setSeed(5);
        check(finish(g, "if3"), Nd4j.randn(DataType.DOUBLE, 2, 2, 3, 3));
    }

    @Test
    void timeScansPassTheGradientCheck() {
        GraphBuilder g = base(InputType.feedForward(4))
                .addLayer("fc", new DenseLayer.Builder().nOut(5).activation(Activation.IDENTITY).build(), "repeat")
                .addLayer("if1", neuron(Surrogate.FAST_SIGMOID, ResetMode.SUBTRACT, false), "fc")
                .addLayer("counts", new TimeScanLayer(STEPS, TimeScanLayer.Direction.ACCUMULATE), "if1")
                .addLayer("fc2", new DenseLayer.Builder().nOut(4).activation(Activation.IDENTITY).build(), "counts")
                .addLayer("steps", new TimeScanLayer(STEPS, TimeScanLayer.Direction.DIFFERENCE), "fc2");
        Nd4j.getRandom().setSeed(6);
        check(finish(g, "steps"), Nd4j.randn(DataType.DOUBLE, 4, 4));
    }

    @Test
    void countMaxPoolPassesTheGradientCheck() {
        GraphBuilder g = base(InputType.convolutional(4, 4, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.IDENTITY).build(),
                        "repeat")
                .addLayer("if1", neuron(Surrogate.FAST_SIGMOID, ResetMode.SUBTRACT, false), "conv")
                .addLayer("pool_counts", new TimeScanLayer(STEPS, TimeScanLayer.Direction.ACCUMULATE), "if1")
                .addLayer("pool_max", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "pool_counts")
                .addLayer("pool", new TimeScanLayer(STEPS, TimeScanLayer.Direction.DIFFERENCE), "pool_max");
        Nd4j.getRandom().setSeed(7);
        check(finish(g, "pool"), Nd4j.randn(DataType.DOUBLE, 2, 2, 4, 4));
    }
}
