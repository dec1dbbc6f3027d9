package org.ullsnn.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ullsnn.nn.layers.ClipReLULayer;
import org.ullsnn.nn.Graphs;

/** Imported ONNX fixtures compute PyTorch's logits, with our layer types and vertex names. */
class OnnxImportTest {

    @ParameterizedTest
    @ValueSource(strings = {"vgg_bn", "vgg_clip", "resnet_block", "tiny_cifar", "vgg_bn_dynamo"})
    void importedLogitsMatchTheReference(String name) {
        OnnxFixture f = OnnxFixture.load(name);
        ImportedNetwork imported = OnnxImporter.read(f.file());
        double error = OnnxFixture.relativeError(Graphs.logits(imported.net(), f.input()), f.logits());
        assertTrue(error <= 1e-4, name + ": relative error " + error);
        assertEquals(10, imported.classes());
        assertEquals(name.endsWith("dynamo") ? 20L : 13L, imported.source().opset());
        assertEquals(64, imported.source().sha256().length());
    }

    @Test
    void aVggWithBatchNormGetsTheNamesAndLayersOfOurOwnNets() {
        ComputationGraph net = OnnxImporter.read(OnnxFixture.load("vgg_bn").file()).net();
        assertEquals(List.of("conv1", "conv1_bn", "conv1_act", "pool1", "conv2", "conv2_bn", "conv2_act", "pool2",
                "fc1", "fc1_act", "output"), layerNames(net));
        assertInstanceOf(ConvolutionLayer.class, conf(net, "conv1"));
        assertInstanceOf(BatchNormalization.class, conf(net, "conv1_bn"));
        assertInstanceOf(ActivationLayer.class, conf(net, "conv1_act"));
        assertInstanceOf(SubsamplingLayer.class, conf(net, "pool1"));
        assertInstanceOf(DenseLayer.class, conf(net, "fc1"));
        assertInstanceOf(OutputLayer.class, conf(net, "output"));
    }

    @Test
    void everyClipFormBecomesAClipReluWithItsMu() {
        ComputationGraph net = OnnxImporter.read(OnnxFixture.load("vgg_clip").file()).net();
        assertEquals(4.0, ((ClipReLULayer) conf(net, "conv1_act")).getInitialMu(), 1e-6);   // Clip(x, 0, 4)
        assertEquals(2.5, ((ClipReLULayer) conf(net, "conv2_act")).getInitialMu(), 1e-6);   // Min(Relu(x), mu)
        assertEquals(3.0, ((ClipReLULayer) conf(net, "fc1_act")).getInitialMu(), 1e-6);     // Clip after Gemm
        assertEquals(2.5, net.getLayer("conv2_act").getParam("mu").getDouble(0), 1e-6);
    }

    @Test
    void aResidualBlockIsNamedAsOurResNetBlocks() {
        ComputationGraph net = OnnxImporter.read(OnnxFixture.load("resnet_block").file()).net();
        assertEquals(java.util.Set.of("conv1", "conv1_bn", "conv1_act", "s1b1_conv1", "s1b1_bn1", "s1b1_act1",
                "s1b1_conv2", "s1b1_bn2", "s1b1_short", "s1b1_short_bn", "s1b1_add", "s1b1_act2", "pool1", "output"),
                java.util.Set.copyOf(layerNames(net)));
        assertEquals(List.of("s1b1_bn2", "s1b1_short_bn"), net.getConfiguration().getVertexInputs().get("s1b1_add"));
    }

    private static List<String> layerNames(ComputationGraph net) {
        int[] order = net.topologicalSortOrder();
        return java.util.Arrays.stream(order).mapToObj(i -> net.getVertices()[i].getVertexName())
                .filter(n -> !n.equals("input")).toList();
    }

    private static org.deeplearning4j.nn.conf.layers.Layer conf(ComputationGraph net, String name) {
        return net.getLayer(name).conf().getLayer();
    }
}
