package org.ullsnn.importer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import onnx.Onnx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.nn.Graphs;

/**
 * Weights in a file beside the model (PyTorch's {@code dynamo=True} export writes {@code model.onnx.data}) are read
 * from there; a missing, short or escaping data file is a {@link CorruptModelException}.
 */
class ExternalDataTest {

    @TempDir
    Path dir;
    private Path model;
    private byte[] weights;

    /** vgg_bn.onnx with every initializer moved, one after the other, into {@code model.onnx.data}. */
    @BeforeEach
    void externalise() throws IOException {
        Onnx.ModelProto m = Onnx.ModelProto.parseFrom(Files.readAllBytes(OnnxFixture.load("vgg_bn").file()));
        Onnx.GraphProto.Builder g = m.getGraph().toBuilder();
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (Onnx.TensorProto.Builder t : g.getInitializerBuilderList()) {
            byte[] raw = t.getRawData().toByteArray();
            int offset = data.size();
            data.write(raw);
            t.clearRawData().setDataLocation(Onnx.TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", "model.onnx.data"))
                    .addExternalData(entry("offset", String.valueOf(offset)))
                    .addExternalData(entry("length", String.valueOf(raw.length)));
        }
        model = dir.resolve("model.onnx");
        Files.write(model, m.toBuilder().setGraph(g).build().toByteArray());
        weights = data.toByteArray();
        Files.write(dir.resolve("model.onnx.data"), weights);
    }

    @Test
    void weightsBesideTheModelAreReadAndGiveTheReferenceLogits() {
        OnnxFixture f = OnnxFixture.load("vgg_bn");
        double error = OnnxFixture.relativeError(Graphs.logits(OnnxImporter.read(model).net(), f.input()),
                f.logits());
        assertTrue(error <= 1e-4, "relative error " + error);
    }

    @Test
    void aMissingDataFileIsNamed() throws IOException {
        Files.delete(dir.resolve("model.onnx.data"));
        String m = assertThrows(CorruptModelException.class, () -> OnnxImporter.read(model)).getMessage();
        assertTrue(m.contains("model.onnx.data") && m.contains("missing"), m);
    }

    @Test
    void aShortDataFileIsCorrupt() throws IOException {
        Files.write(dir.resolve("model.onnx.data"), Arrays.copyOf(weights, weights.length - 4));
        String m = assertThrows(CorruptModelException.class, () -> OnnxImporter.read(model)).getMessage();
        assertTrue(m.contains("truncated"), m);
    }

    @Test
    void aDataFileOutsideTheModelsFolderIsRefused() throws IOException {
        Onnx.ModelProto m = Onnx.ModelProto.parseFrom(Files.readAllBytes(model));
        Onnx.GraphProto.Builder g = m.getGraph().toBuilder();
        g.getInitializerBuilder(0).setExternalData(0, entry("location", "../elsewhere.data"));
        Files.write(model, m.toBuilder().setGraph(g).build().toByteArray());
        String msg = assertThrows(CorruptModelException.class, () -> OnnxImporter.read(model)).getMessage();
        assertTrue(msg.contains("outside the model's folder"), msg);
    }

    private static Onnx.StringStringEntryProto entry(String key, String value) {
        return Onnx.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
