package org.ullsnn.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.nn.layers.ClipReLULayer;
import org.ullsnn.nn.Graphs;

/**
 * Other exporters' spellings of the same network import to the same logits: {@code MatMul(x, Transpose(W)) + b}
 * for a Linear (PyTorch's dynamo exporter), {@code Max(x, 0)} for a ReLU, {@code Max(Min(x, mu), 0)} for a clip, and a
 * {@code Softmax} on the output.
 */
class OnnxFormsTest {

    @TempDir
    Path dir;

    @Test
    void aTransposedMatMulPlusBiasIsTheClassifier() {
        assertSameLogits("vgg_bn", g -> replace(g, "/classifier/classifier.3/Gemm", List.of(
                node("Transpose", "/T", List.of("classifier.3.weight"), "wT"),
                node("MatMul", "/MatMul", List.of("/classifier/classifier.1/Relu_output_0", "wT"), "mm"),
                node("Add", "/Add", List.of("mm", "classifier.3.bias"), "logits"))));
    }

    @Test
    void maxWithZeroIsARelu() {
        assertSameLogits("vgg_bn", g -> replace(g, "/features/features.2/Relu", List.of(
                node("Max", "/Max", List.of("/features/features.1/BatchNormalization_output_0", "zero"),
                        "/features/features.2/Relu_output_0"))).addInitializer(scalar("zero", 0)));
    }

    @Test
    void minThenMaxIsAClipRelu() {
        Path file = assertSameLogits("vgg_clip", g -> replace(g, "/Clip", List.of(
                node("Min", "/Min_first", List.of("/conv1/Conv_output_0", "/Cast_1_output_0"), "m"),
                node("Max", "/Max_then", List.of("m", "/Cast_output_0"), "/Clip_output_0"))));
        var net = OnnxImporter.read(file).net();
        assertEquals(4.0, ((ClipReLULayer) net.getLayer("conv1_act").conf().getLayer()).getInitialMu(), 1e-6);
    }

    @Test
    void aSoftmaxOnTheOutputIsLeftToOurOutputLayer() {
        assertSameLogits("vgg_bn", g -> {
            g.addNode(node("Softmax", "/Softmax", List.of("logits"), "probabilities"));
            g.setOutput(0, g.getOutput(0).toBuilder().setName("probabilities"));
            return g;
        });
    }

    /** Imports vgg_bn/vgg_clip changed by {@code change}; asserts PyTorch's logits; returns the changed file. */
    private Path assertSameLogits(String fixture, UnaryOperator<Onnx.GraphProto.Builder> change) {
        try {
            OnnxFixture f = OnnxFixture.load(fixture);
            Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(f.file()));
            Path file = dir.resolve("changed.onnx");
            Files.write(file, model.toBuilder().setGraph(change.apply(model.getGraph().toBuilder())).build()
                    .toByteArray());
            double error = OnnxFixture.relativeError(Graphs.logits(OnnxImporter.read(file).net(), f.input()),
                    f.logits());
            assertTrue(error <= 1e-4, "relative error " + error);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The graph with node {@code name} replaced, in place, by {@code nodes}. */
    private static Onnx.GraphProto.Builder replace(Onnx.GraphProto.Builder g, String name, List<Onnx.NodeProto> nodes) {
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getName().equals(name)) {
                List<Onnx.NodeProto> all = new java.util.ArrayList<>(g.getNodeList());
                all.remove(i);
                all.addAll(i, nodes);
                return g.clearNode().addAllNode(all);
            }
        }
        throw new IllegalArgumentException("no node " + name);
    }

    private static Onnx.NodeProto node(String op, String name, List<String> inputs, String output) {
        return Onnx.NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output).build();
    }

    private static Onnx.TensorProto scalar(String name, float v) {
        return Onnx.TensorProto.newBuilder().setName(name).setDataType(OnnxTensors.FLOAT).addFloatData(v).build();
    }
}
