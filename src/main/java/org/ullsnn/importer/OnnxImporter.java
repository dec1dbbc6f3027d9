package org.ullsnn.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ullsnn.convert.Converter;

/**
 * Reads an ONNX model (e.g. from {@code torch.onnx.export}) into our {@link ComputationGraph}: the operators of
 * {@link UnsupportedModelException#SUPPORTED}, mapped to the layer types and vertex names of
 * {@link org.ullsnn.nn.Networks}, then checked with the converter's own rules, so anything the converter could not
 * take is refused here, before a run folder is written.
 *
 * <pre>{@code
 * ImportedNetwork imported = OnnxImporter.read(Path.of("vgg16.onnx"));
 * ConversionResult r = Converter.convert(imported.net(), config, progress);
 * }</pre>
 */
public final class OnnxImporter {

    private OnnxImporter() {
    }

    /**
     * Reads and maps {@code file}.
     *
     * @throws CorruptModelException      when the file is empty, truncated, corrupt or not ONNX
     * @throws UnsupportedModelException  naming the ONNX node and op type the importer or converter cannot take
     */
    public static ImportedNetwork read(Path file) {
        OnnxFile onnx = OnnxFile.read(file);
        OnnxLowering.Lowered lowered = OnnxLowering.lower(onnx);
        Map<LayerNode, String> names = VertexNaming.of(lowered.layers(), lowered.output());
        ComputationGraph net = GraphAssembler.assemble(lowered, names);
        try {
            Converter.requireConvertible(net);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedModelException("the imported network cannot be converted to an SNN: "
                    + e.getMessage());
        }
        List<ImportedNetwork.Row> rows = lowered.layers().stream().map(l -> new ImportedNetwork.Row(names.get(l),
                kind(l.spec()), l.onnxNode())).toList();
        String producer = (onnx.model().getProducerName() + " " + onnx.model().getProducerVersion()).trim();
        int classes = ((LayerSpec.Dense) lowered.output().spec()).outputs();
        return new ImportedNetwork(net, onnx, producer, lowered.channels(), lowered.height(), lowered.width(),
                classes, rows);
    }

    private static String kind(LayerSpec spec) {
        if (spec instanceof LayerSpec.Activation a) {
            return a.isClip() ? "ClipReLU(" + a.mu() + ")" : "ReLU";
        }
        return spec.getClass().getSimpleName();
    }
}
