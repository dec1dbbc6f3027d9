package org.ullsnn.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.nn.Graphs;

/**
 * A Keras 2 HDF5 model (channels last, fused activations, BN epsilon 1e-3) imports through DL4J's Keras import into
 * our layout, computes the reference logits and converts; layers we cannot convert are refused by Keras name.
 */
class KerasImportTest {

    @TempDir
    Path dir;

    @Test
    void importedLogitsMatchTheReferenceAndTheGraphIsOurs() {
        OnnxFixture f = OnnxFixture.load("keras_vgg_bn", ".h5");
        ImportedNetwork imported = KerasImporter.read(f.file());
        double error = OnnxFixture.relativeError(Graphs.logits(imported.net(), f.input()), f.logits());
        assertTrue(error <= 1e-4, "relative error " + error);
        ComputationGraph net = imported.net();
        assertEquals(List.of("conv1", "conv1_bn", "conv1_act", "pool1", "conv2", "conv2_act", "pool2", "fc1",
                "fc1_act", "output"), imported.layers().stream().map(ImportedNetwork.Row::vertex).toList());
        assertEquals(List.of("conv2d", "batch_normalization", "activation", "max_pooling2d", "conv2d_1", "conv2d_1",
                "max_pooling2d_1", "dense", "dense", "dense_1"),
                imported.layers().stream().map(ImportedNetwork.Row::sourceNode).toList());
        assertEquals("keras-h5", imported.source().format());
        assertNull(imported.source().opset());
        assertTrue(imported.source().producer().startsWith("keras 2.15.0"), imported.source().producer());
        ConversionResult c = Converter.convert(net, ConvertConfig.of(ThresholdStrategy.halfShift(), 2, f.input()),
                ProgressListener.silent());
        assertEquals(3, c.layers().size());
    }

    @Test
    void anOnnxFileGivenAsKerasIsTold() throws IOException {
        String m = assertThrows(CorruptModelException.class,
                () -> KerasImporter.read(OnnxFixture.load("vgg_bn").file())).getMessage();
        assertTrue(m.contains("not a readable Keras HDF5 model") && m.contains("use --onnx"), m);
    }

    @Test
    void aTruncatedKerasFileIsCorrupt() throws IOException {
        byte[] whole = Files.readAllBytes(OnnxFixture.load("keras_vgg_bn", ".h5").file());
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        String m = assertThrows(CorruptModelException.class, () -> KerasImporter.read(cut)).getMessage();
        assertTrue(m.startsWith(cut + " is not a readable Keras HDF5 model"), m);
    }

    @Test
    void anUnsupportedKerasLayerIsNamed() {
        String config = """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 8, 8, 3]}},
                  {"class_name": "LSTM", "config": {"name": "lstm_1"}}]}}""";
        String m = assertThrows(UnsupportedModelException.class, () -> KerasConfig.parse(config)).getMessage();
        assertTrue(m.contains("Keras layer 'lstm_1' (LSTM)") && m.contains("supported: InputLayer"), m);
        String sigmoid = config.replace("\"LSTM\", \"config\": {\"name\": \"lstm_1\"}",
                "\"Dense\", \"config\": {\"name\": \"d\", \"units\": 4, \"activation\": \"sigmoid\"}");
        m = assertThrows(UnsupportedModelException.class, () -> KerasConfig.parse(sigmoid)).getMessage();
        assertTrue(m.contains("Keras layer 'd' (Dense)") && m.contains("sigmoid"), m);
    }
}
