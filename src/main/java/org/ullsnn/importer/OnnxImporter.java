package org.ullsnn.importer;

import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;

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
        LoweredNetwork lowered = OnnxLowering.lower(onnx);
        String producer = (onnx.model().getProducerName() + " " + onnx.model().getProducerVersion()).trim();
        return ImportAssembly.finish(lowered, new ImportedNetwork.Source(file, onnx.sha256(), "onnx", onnx.opset(),
                onnx.model().getIrVersion(), producer));
    }
}
