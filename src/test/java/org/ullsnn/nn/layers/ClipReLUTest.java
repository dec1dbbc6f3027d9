package org.ullsnn.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ClipReLUTest {

    private static final double GRADIENT_EPS = 1e-6;
    private static final double MAX_REL_ERROR = 1e-5;
    private static final double MIN_ABS_ERROR = 1e-9;

    private static DataType previousDefault;

    @BeforeAll
    static void doublePrecision() {
        previousDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousDefault);
    }

    /** dense(identity) -> ClipReLU(mu) -> softmax output, in DOUBLE. */
    private static ComputationGraphConfiguration denseNet(double mu, double l2, org.nd4j.linalg.learning.config.IUpdater u) {
        return new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).updater(u).l2(l2)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(5))
                .addLayer("fc", new DenseLayer.Builder().nOut(6).activation(Activation.IDENTITY)
                        .weightInit(new NormalDistribution(0, 1)).build(), "in")
                .addLayer("act", new ClipReLULayer.Builder().initialMu(mu).build(), "fc")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).weightInit(new NormalDistribution(0, 1)).build(), "act")
                .setOutputs("out").build();
    }

    private static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static INDArray oneHot(int n, int classes, long seed) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, n, classes);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, r.nextInt(classes), 1.0);
        }
        return labels;
    }

    @Test
    void forwardClipsToZeroAndMu() {
        ComputationGraph net = init(denseNet(1.5, 0, new NoOp()));
        ClipReLU act = (ClipReLU) net.getLayer("act");
        INDArray z = Nd4j.createFromArray(new double[][] {{-2, -0.0, 0.3, 1.5, 1.49, 7}});
        act.setInput(z, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        INDArray a = act.activate(false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new double[] {0, 0, 0.3, 1.5, 1.49, 1.5}, a.toDoubleVector(), 1e-12);
        assertEquals(1.5, act.mu(), 0);
    }

    @Test
    void backwardFollowsTheIndicatorFormulas() {
        ComputationGraph net = init(denseNet(1.0, 0, new NoOp()));
        net.initGradientsView(); // gradient views are created lazily by DL4J
        ClipReLU act = (ClipReLU) net.getLayer("act");
        var mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        // z:   below 0, inside, exactly mu, above mu
        INDArray z = Nd4j.createFromArray(new double[][] {{-1, 0.5, 1.0, 3.0}});
        INDArray eps = Nd4j.createFromArray(new double[][] {{10, 20, 30, 40}});
        act.setInput(z, mgr);
        act.activate(true, mgr);
        var result = act.backpropGradient(eps, mgr);
        // dL/dz = eps * 1[0 < z < mu]
        assertArrayEquals(new double[] {0, 20, 0, 0}, result.getSecond().toDoubleVector(), 1e-12);
        // dL/dmu = sum eps * 1[z >= mu] = 30 + 40
        assertEquals(70, result.getFirst().getGradientFor(ClipReLUParamInitializer.MU_KEY).getDouble(0), 1e-12);
    }

    /** The ClipReLU layer of a FLOAT net {@code n inputs -> ClipReLU(mu) -> 1 output}, gradient views ready. */
    private static ClipReLU floatLayer(int n, double mu) {
        return layer(n, mu, 0, DataType.FLOAT);
    }

    /** The ClipReLU layer of a net {@code n inputs -> ClipReLU(mu, levels) -> 1 output} in {@code type}. */
    static ClipReLU layer(int n, double mu, int levels, DataType type) {
        ComputationGraph net = init(new NeuralNetConfiguration.Builder()
                .seed(7).dataType(type).updater(new NoOp())
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(n))
                .addLayer("act", new ClipReLULayer.Builder().initialMu(mu).levels(levels).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
                        .activation(Activation.IDENTITY).build(), "act")
                .setOutputs("out").build());
        net.initGradientsView();
        return (ClipReLU) net.getLayer("act");
    }

    @Test
    void floatBackwardIsExactAtZeroMinusZeroMuAndTheirNeighbours() {
        float mu = 1.5f;
        float[] z = {-0f, 0f, Float.MIN_VALUE, Math.nextDown(mu), mu, Math.nextUp(mu), -1f, 7f, -Float.MAX_VALUE,
            Float.MAX_VALUE};
        float[] eps = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
        ClipReLU act = floatLayer(z.length, mu);
        var mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        act.setInput(Nd4j.createFromArray(new float[][] {z}), mgr);
        var result = act.backpropGradient(Nd4j.createFromArray(new float[][] {eps}), mgr);
        // dL/dz = eps where 0 < z < mu: MIN_VALUE and nextDown(mu) only
        assertArrayEquals(new float[] {0, 0, 4, 8, 0, 0, 0, 0, 0, 0}, result.getSecond().toFloatVector(), 0f);
        // dL/dmu = eps where z >= mu: mu, nextUp(mu), 7, MAX_VALUE
        assertEquals(16 + 32 + 128 + 512, result.getFirst().getGradientFor(ClipReLUParamInitializer.MU_KEY).getDouble(0),
                0);
    }

    @Test
    void backwardOfALargeFloatInputSplitOverCoresMatchesTheFormulas() {
        int n = 3 * 65_536 + 17; // several chunks, one of them ragged
        ClipReLU act = floatLayer(n, 1.0);
        var mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        INDArray z = Nd4j.rand(DataType.FLOAT, 1, n).muli(3).subi(1); // in [-1, 2): below, inside, above mu
        INDArray eps = Nd4j.rand(DataType.FLOAT, 1, n);
        act.setInput(z, mgr);
        var result = act.backpropGradient(eps, mgr);

        float[] zs = z.toFloatVector();
        float[] es = eps.toFloatVector();
        float[] dz = result.getSecond().toFloatVector();
        double dMu = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(zs[i] > 0 && zs[i] < 1 ? es[i] : 0f, dz[i], 0f, "dL/dz at " + i);
            dMu += zs[i] >= 1 ? es[i] : 0;
        }
        assertEquals(dMu, result.getFirst().getGradientFor(ClipReLUParamInitializer.MU_KEY).getDouble(0), 1e-6 * n);
    }

    @Test
    void denseNetworkPassesGradientCheckIncludingMu() {
        ComputationGraph net = init(denseNet(0.8, 0, new NoOp()));
        INDArray input = Nd4j.rand(DataType.DOUBLE, 8, 5).muli(2).subi(1);
        INDArray labels = oneHot(8, 3, 1);
        assertClippingHappens(net, input);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {input}).labels(new INDArray[] {labels})
                .epsilon(GRADIENT_EPS).maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .exitOnFirstError(true)));
    }

    @Test
    void convolutionalNetworkPassesGradientCheckIncludingMu() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.DOUBLE).updater(new NoOp())
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(5, 5, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(3)
                        .activation(Activation.IDENTITY).weightInit(new NormalDistribution(0, 1)).build(), "in")
                .addLayer("act", new ClipReLULayer.Builder().initialMu(0.9).build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).weightInit(new NormalDistribution(0, 0.3)).build(), "act")
                .setOutputs("out").build();
        ComputationGraph net = init(conf);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 3, 2, 5, 5).subi(0.5);
        assertClippingHappens(net, input);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {input}).labels(new INDArray[] {oneHot(3, 3, 2)})
                .epsilon(GRADIENT_EPS).maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .exitOnFirstError(true)));
    }

    /** A gradient check of mu only means something when some pre-activations reach mu. */
    private static void assertClippingHappens(ComputationGraph net, INDArray input) {
        ClipReLU act = (ClipReLU) net.getLayers()[1];
        INDArray z = net.feedForward(input, false).get(net.getConfiguration().getNetworkInputs().size() == 1
                ? (net.getConfiguration().getVertices().containsKey("fc") ? "fc" : "conv") : "");
        long clipped = z.gte(act.mu()).castTo(DataType.INT).sumNumber().longValue();
        long inside = z.gt(0).castTo(DataType.INT).sumNumber().longValue() - clipped;
        assertTrue(clipped > 0 && inside > 0, "need both clipped and inside values: clipped=" + clipped
                + " inside=" + inside);
    }

    @Test
    void l2AppliesToMuLikeAnyWeight() {
        double l2 = 0.1;
        ComputationGraph net = init(denseNet(4.0, l2, new Sgd(1.0)));
        INDArray input = Nd4j.rand(DataType.DOUBLE, 4, 5).muli(0.1); // far below mu: dL/dmu from data = 0
        net.setInputs(input);
        net.setLabels(oneHot(4, 3, 3));
        net.computeGradientAndScore();
        net.getUpdater().update(net.gradient(), 0, 0, 4, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        // the L2 term adds l2 * mu to the gradient (PyTorch-style weight decay)
        double muGrad = net.gradient().getGradientFor("act_" + ClipReLUParamInitializer.MU_KEY).getDouble(0);
        assertEquals(l2 * 4.0, muGrad, 1e-12);
    }

    @Test
    void configurationSurvivesJsonRoundTrip() {
        ComputationGraphConfiguration conf = denseNet(2.5, 0, new NoOp());
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        ClipReLULayer layer = (ClipReLULayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex)
                back.getVertices().get("act")).getLayerConf().getLayer();
        assertEquals(2.5, layer.getInitialMu(), 0);
    }

    @Test
    void trainedMuSurvivesCloneAndSaveLoad(@TempDir Path dir) throws Exception {
        ComputationGraph net = init(denseNet(2.0, 0, new NoOp()));
        net.getLayer("act").getParam(ClipReLUParamInitializer.MU_KEY).assign(1.234);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 4, 5).muli(3);
        INDArray expected = net.outputSingle(input);

        ComputationGraph copy = net.clone();
        assertEquals(1.234, ((ClipReLU) copy.getLayer("act")).mu(), 0);
        assertEquals(expected, copy.outputSingle(input));

        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(1.234, ((ClipReLU) loaded.getLayer("act")).mu(), 0);
        assertEquals(expected, loaded.outputSingle(input));
    }

    @Test
    void builderRejectsNonPositiveMuWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClipReLULayer.Builder().initialMu(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }
}
