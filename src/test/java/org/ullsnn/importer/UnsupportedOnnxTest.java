package org.ullsnn.importer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each operator or attribute the importer cannot map is refused by node name and op type. */
class UnsupportedOnnxTest {

    private static final String FIRST_RELU = "/features/features.2/Relu";
    private static final String FIRST_CONV = "/features/features.0/Conv";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"LeakyRelu", "Sigmoid", "Tanh", "PRelu", "Elu"})
    void anUnsupportedActivationIsRefusedWithTheSupportedList(String op) {
        String m = refusal(g -> edit(g, FIRST_RELU, n -> n.setOpType(op)));
        assertTrue(m.contains("'" + FIRST_RELU + "' (" + op + ")"), m);
        assertTrue(m.contains("supported: Conv, Gemm"), m);
    }

    @Test
    void anAveragePoolIsRefused() {
        String pool = "/features/features.3/MaxPool";
        String m = refusal(g -> edit(g, pool, n -> n.setOpType("AveragePool")));
        assertTrue(m.contains("'" + pool + "' (AveragePool)") && m.contains("supported:"), m);
    }

    @Test
    void aGroupedConvolutionIsRefused() {
        String m = refusal(g -> edit(g, FIRST_CONV, n -> setInt(n, "group", 3)));
        assertTrue(m.contains("'" + FIRST_CONV + "' (Conv)") && m.contains("group 3"), m);
    }

    @Test
    void asymmetricPaddingIsRefused() {
        String m = refusal(g -> edit(g, FIRST_CONV, n -> {
            n.removeAttribute(indexOf(n, "pads"));
            n.addAttribute(Onnx.AttributeProto.newBuilder().setName("pads")
                    .setType(Onnx.AttributeProto.AttributeType.INTS).addInts(1).addInts(1).addInts(0).addInts(0));
        }));
        assertTrue(m.contains("'" + FIRST_CONV + "' (Conv)") && m.contains("symmetric"), m);
    }

    @Test
    void aClipWithANegativeMinIsRefused() {
        String m = refusal(g -> {
            g.addInitializer(scalar("minus_one", -1f)).addInitializer(scalar("four", 4f));
            return edit(g, FIRST_RELU, n -> n.setOpType("Clip").addInput("minus_one").addInput("four"));
        });
        assertTrue(m.contains("'" + FIRST_RELU + "' (Clip)") && m.contains("min is -1.0"), m);
    }

    @Test
    void anOperatorOfAnotherDomainIsRefused() {
        String m = refusal(g -> edit(g, FIRST_RELU, n -> n.setDomain("com.microsoft")));
        assertTrue(m.contains("'" + FIRST_RELU + "' (com.microsoft.Relu)"), m);
    }

    @Test
    void aPreActivationOrderIsRefused() {
        // the second Relu reads the first pool's output: an activation after a pool does not convert
        String m = refusal(g -> edit(g, "/features/features.6/Relu",
                n -> n.setInput(0, "/features/features.3/MaxPool_output_0")));
        assertTrue(m.contains("'/features/features.6/Relu' (Relu)") && m.contains("must follow"), m);
    }

    /** The message of the importer's refusal of vgg_bn.onnx changed by {@code change}. */
    private String refusal(UnaryOperator<Onnx.GraphProto.Builder> change) {
        try {
            Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(OnnxFixture.load("vgg_bn").file()));
            Onnx.ModelProto.Builder b = model.toBuilder();
            b.setGraph(change.apply(model.getGraph().toBuilder()));
            Path file = dir.resolve("changed.onnx");
            Files.write(file, b.build().toByteArray());
            return assertThrows(UnsupportedModelException.class, () -> OnnxImporter.read(file)).getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Onnx.GraphProto.Builder edit(Onnx.GraphProto.Builder g, String node,
            java.util.function.Consumer<Onnx.NodeProto.Builder> change) {
        for (Onnx.NodeProto.Builder n : g.getNodeBuilderList()) {
            if (n.getName().equals(node)) {
                change.accept(n);
                return g;
            }
        }
        throw new IllegalArgumentException("no node " + node);
    }

    private static void setInt(Onnx.NodeProto.Builder n, String name, long value) {
        int i = indexOf(n, name);
        n.setAttribute(i, n.getAttribute(i).toBuilder().setI(value));
    }

    private static int indexOf(Onnx.NodeProto.Builder n, String name) {
        for (int i = 0; i < n.getAttributeCount(); i++) {
            if (n.getAttribute(i).getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no attribute " + name);
    }

    private static Onnx.TensorProto scalar(String name, float v) {
        return Onnx.TensorProto.newBuilder().setName(name).setDataType(OnnxTensors.FLOAT).addFloatData(v).build();
    }
}
