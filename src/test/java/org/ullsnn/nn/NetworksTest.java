package org.ullsnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.ullsnn.nn.layers.ClipReLU;

class NetworksTest {

    private static ComputationGraph build(NetworkSpec spec) {
        return Networks.build(spec, new NoOp(), 0, 42);
    }

    private static long[] paramShape(ComputationGraph net, String layer) {
        return net.getLayer(layer).getParam("W").shape();
    }

    @Test
    void vgg16HasThirteenConvolutionsFourPoolsAndA2048FeatureHead() {
        ComputationGraph net = build(NetworkSpec.defaults(Architecture.VGG16, 100));
        List<String> weights = Networks.weightLayerNames(net);
        assertEquals(13 + 3, weights.size(), weights.toString());
        assertArrayEquals(new long[] {64, 3, 3, 3}, paramShape(net, "conv1"));
        assertArrayEquals(new long[] {512, 512, 3, 3}, paramShape(net, "conv13"));
        assertArrayEquals(new long[] {2048, 4096}, paramShape(net, "fc1"));
        assertArrayEquals(new long[] {4096, 4096}, paramShape(net, "fc2"));
        assertArrayEquals(new long[] {4096, 100}, paramShape(net, "output"));
        for (int p = 1; p <= 4; p++) {
            assertTrue(net.getConfiguration().getVertices().containsKey("pool" + p));
        }
        assertFalse(net.getConfiguration().getVertices().containsKey("pool5"));
    }

    @Test
    void widthMultiplierScalesEveryLayer() {
        ComputationGraph net = build(NetworkSpec.cpuPreset(10));
        assertArrayEquals(new long[] {16, 3, 3, 3}, paramShape(net, "conv1"));
        assertArrayEquals(new long[] {128, 128, 3, 3}, paramShape(net, "conv13"));
        assertArrayEquals(new long[] {512, 1024}, paramShape(net, "fc1"));
        assertArrayEquals(new long[] {1024, 10}, paramShape(net, "output"));
        INDArray out = net.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32));
        assertArrayEquals(new long[] {2, 10}, out.shape());
        assertEquals(2.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
    }

    @Test
    void vgg11FollowsItsConfiguration() {
        ComputationGraph net = build(NetworkSpec.defaults(Architecture.VGG11, 10));
        assertEquals(8 + 3, Networks.weightLayerNames(net).size());
        assertArrayEquals(new long[] {512, 512, 3, 3}, paramShape(net, "conv8"));
        assertArrayEquals(new long[] {2048, 4096}, paramShape(net, "fc1"));
    }

    @Test
    void resnet20HasShortcutConvolutionsOnlyWhereTheShapeChanges() {
        ComputationGraph net = build(NetworkSpec.defaults(Architecture.RESNET20, 10));
        Map<String, ?> vertices = net.getConfiguration().getVertices();
        assertFalse(vertices.containsKey("s1b1_short"), "64 -> 64 at stride 1 is an identity shortcut");
        for (String s : List.of("s2b1_short", "s3b1_short", "s4b1_short")) {
            assertTrue(vertices.containsKey(s), s);
        }
        assertFalse(vertices.containsKey("s2b2_short"));
        assertArrayEquals(new long[] {128, 64, 1, 1}, paramShape(net, "s2b1_short"));
        // 3 stem convs + 8 blocks x 2 convs + 3 shortcuts + FC = 23 weight layers, no global pooling
        assertEquals(3 + 16 + 3 + 1, Networks.weightLayerNames(net).size());
        assertArrayEquals(new long[] {2048, 10}, paramShape(net, "output"));
        assertArrayEquals(new long[] {2, 10}, net.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32)).shape());
    }

    @Test
    void batchNormIsAnOptionAfterEveryConvolution() {
        ComputationGraph net = build(NetworkSpec.defaults(Architecture.RESNET20, 10).withWidth(0.125)
                .withBatchNorm(true));
        Map<String, ?> vertices = net.getConfiguration().getVertices();
        for (String bn : List.of("conv1_bn", "s1b1_bn1", "s1b1_bn2", "s2b1_short_bn")) {
            assertTrue(vertices.containsKey(bn), bn);
        }
        assertFalse(build(NetworkSpec.defaults(Architecture.VGG16, 10).withWidth(0.125))
                .getConfiguration().getVertices().containsKey("conv1_bn"), "no BN by default");
    }

    @Test
    void dropoutFollowsActivationsExceptBeforePoolsAndUsesDropProbabilities() {
        ComputationGraphConfiguration conf = Networks.configuration(
                NetworkSpec.defaults(Architecture.VGG16, 10).withConvDropout(0.3), new NoOp(), 0, 1);
        Map<String, ?> v = conf.getVertices();
        assertTrue(v.containsKey("conv1_drop"));
        assertFalse(v.containsKey("conv2_drop"), "conv2 is followed by pool1");
        assertTrue(v.containsKey("conv13_drop"), "the last conv has no pool after it");
        assertTrue(v.containsKey("fc1_drop") && v.containsKey("fc2_drop"));
        DropoutLayer conv = (DropoutLayer) ((LayerVertex) v.get("conv1_drop")).getLayerConf().getLayer();
        DropoutLayer fc = (DropoutLayer) ((LayerVertex) v.get("fc1_drop")).getLayerConf().getLayer();
        // DL4J's Dropout(x) keeps with probability x
        assertEquals(0.7, ((org.deeplearning4j.nn.conf.dropout.Dropout) conv.getIDropout()).getP(), 1e-12);
        assertEquals(0.5, ((org.deeplearning4j.nn.conf.dropout.Dropout) fc.getIDropout()).getP(), 1e-12);
        assertFalse(Networks.configuration(NetworkSpec.defaults(Architecture.VGG16, 10).withConvDropout(0),
                new NoOp(), 0, 1).getVertices().containsKey("conv1_drop"), "rate 0 adds no layer");
    }

    @Test
    void clipReluLayersStartAtTheInitialMu() {
        ComputationGraph net = build(NetworkSpec.defaults(Architecture.TINY, 10).withInitialMu(2.5));
        long clipLayers = java.util.Arrays.stream(net.getLayers()).filter(l -> l instanceof ClipReLU)
                .peek(l -> assertEquals(2.5, ((ClipReLU) l).mu(), 0)).count();
        assertEquals(3, clipLayers, "2 conv + 1 hidden FC activations");
        assertFalse(java.util.Arrays.stream(build(NetworkSpec.defaults(Architecture.TINY, 10)
                .withActivation(ActivationKind.RELU)).getLayers()).anyMatch(l -> l instanceof ClipReLU));
    }

    @Test
    void activationLevelsQuantiseEveryClipReluAndNeedOne() {
        ComputationGraph net = build(NetworkSpec.defaults(Architecture.TINY, 10).withActivationLevels(4));
        assertEquals(3, java.util.Arrays.stream(net.getLayers()).filter(l -> l instanceof ClipReLU)
                .peek(l -> assertEquals(4, ((ClipReLU) l).levels())).count());
        NetworkSpec relu = NetworkSpec.defaults(Architecture.TINY, 10).withActivation(ActivationKind.RELU);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> relu.withActivationLevels(2)).getMessage()
                .contains("need clip-relu"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworkSpec.defaults(Architecture.TINY, 10)
                .withActivationLevels(-1)).getMessage().contains("got -1"));
    }

    @Test
    void initialisationFollowsMethodStandardDeviations() {
        ComputationGraph net = build(NetworkSpec.defaults(Architecture.VGG16, 10));
        // conv: N(0, sqrt(2 / (k*k*C_out))); conv11 has 512*512*9 weights, so the sample std is tight
        double convStd = net.getLayer("conv11").getParam("W").stdNumber().doubleValue();
        assertEquals(Math.sqrt(2.0 / (9 * 512)), convStd, 1e-3 * convStd * 10);
        double denseStd = net.getLayer("fc2").getParam("W").stdNumber().doubleValue();
        assertEquals(0.01, denseStd, 1e-4);
        ComputationGraph kaiming = build(NetworkSpec.defaults(Architecture.VGG16, 10).withWidth(0.25)
                .withDenseInit(DenseInit.KAIMING));
        assertEquals(Math.sqrt(2.0 / 1024), kaiming.getLayer("fc2").getParam("W").stdNumber().doubleValue(), 1e-3);
        assertEquals(0.0, kaiming.getLayer("conv1").numParams() - 16 * 3 * 9, "no biases by default");
    }

    @Test
    void specRejectsBadValuesNamingRuleAndValue() {
        NetworkSpec base = NetworkSpec.defaults(Architecture.VGG16, 10);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.withWidth(0)).getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.withConvDropout(1)).getMessage()
                .contains("drop probability"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.withInput(3, 24)).getMessage()
                .contains("multiple of 16"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Architecture.parse("vgg19")).getMessage()
                .contains("vgg16"));
    }
}
