package org.ullsnn.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A test fixture of {@code src/test/resources/onnx} (written by {@code make_fixtures.py}): the model file (ONNX, or
 * Keras HDF5),
 * the reference input and PyTorch's logits for it.
 *
 * @param name   the fixture's name, e.g. {@code vgg_bn}
 * @param file   the {@code .onnx} file
 * @param input  the reference input {@code [N, C, H, W]}
 * @param logits PyTorch's output {@code [N, classes]} (float64)
 */
record OnnxFixture(String name, Path file, INDArray input, INDArray logits) {

    /** The ONNX fixture {@code name}. */
    static OnnxFixture load(String name) {
        return load(name, ".onnx");
    }

    /** The fixture {@code name} whose model file ends in {@code extension} ({@code .h5} for Keras). */
    static OnnxFixture load(String name, String extension) {
        try {
            Path dir = Path.of(OnnxFixture.class.getResource("/onnx/" + name + extension).toURI()).getParent();
            JsonNode json = new ObjectMapper().readTree(dir.resolve(name + ".expected.json").toFile());
            long[] shape = new ObjectMapper().convertValue(json.get("input_shape"), long[].class);
            float[] in = new ObjectMapper().convertValue(json.get("input"), float[].class);
            double[][] out = new ObjectMapper().convertValue(json.get("logits"), double[][].class);
            return new OnnxFixture(name, dir.resolve(name + extension), Nd4j.create(in, shape, 'c'),
                    Nd4j.create(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code max |a - b| / max |b|}. */
    static double relativeError(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / b.amaxNumber().doubleValue();
    }
}
