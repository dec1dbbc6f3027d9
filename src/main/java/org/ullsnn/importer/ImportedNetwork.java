package org.ullsnn.importer;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A network read from an ONNX file, ready for calibration and conversion.
 *
 * @param net       the DL4J network (named and shaped as {@link org.ullsnn.nn.Networks} would build it)
 * @param source    the file, its hash and opset
 * @param producer  the ONNX {@code producer_name} and {@code producer_version} (e.g. {@code pytorch 2.13.0})
 * @param channels  image channels
 * @param height    image height
 * @param width     image width
 * @param classes   outputs of the classifier
 * @param layers    one row per vertex: vertex name, layer kind, the ONNX node it came from
 */
public record ImportedNetwork(ComputationGraph net, OnnxFile source, String producer, int channels, int height,
        int width, int classes, List<Row> layers) {

    /** A vertex of the imported graph and the ONNX node it came from. */
    public record Row(String vertex, String kind, String onnxNode) {
    }
}
