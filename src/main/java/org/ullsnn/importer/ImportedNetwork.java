package org.ullsnn.importer;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A network read from a file trained elsewhere, ready for calibration and conversion.
 *
 * @param net      the DL4J network (named and shaped as {@link org.ullsnn.nn.Networks} would build it)
 * @param source   the file it came from
 * @param channels image channels
 * @param height   image height
 * @param width    image width
 * @param classes  outputs of the classifier
 * @param layers   one row per vertex: vertex name, layer kind, the source node or layer it came from
 */
public record ImportedNetwork(ComputationGraph net, Source source, int channels, int height, int width, int classes,
        List<Row> layers) {

    /**
     * The imported file.
     *
     * @param file      its path
     * @param sha256    SHA-256 of its bytes, lower-case hex
     * @param format    {@code onnx} or {@code keras-h5}
     * @param opset     the ONNX operator set version; null for Keras
     * @param irVersion the ONNX IR version; null for Keras
     * @param producer  the program that wrote it, e.g. {@code pytorch 2.13.0} or {@code keras 2.15.0 (tensorflow)}
     */
    public record Source(Path file, String sha256, String format, Long opset, Long irVersion, String producer) {
    }

    /** A vertex of the imported graph and the source node or layer it came from. */
    public record Row(String vertex, String kind, String sourceNode) {
    }
}
