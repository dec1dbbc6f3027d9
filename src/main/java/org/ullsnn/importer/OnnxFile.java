package org.ullsnn.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.shade.protobuf.CodedInputStream;
import org.ullsnn.io.Sha256;

/**
 * An ONNX model read from disk and checked to be whole: parsed with the ONNX protobuf classes compiled into
 * {@code nd4j-api} (protobuf-java 3.21, shaded), then checked for what a protobuf parse lets through on a file cut
 * at a field boundary (an IR version, a graph with nodes, a default-domain opset, nodes in topological order whose
 * inputs all exist, one graph output, initializers holding as many values as their shape says).
 *
 * <p>Protobuf 3.21 predates the fix for stack exhaustion on deeply nested input (CVE-2024-7254); the file is the
 * user's own model, and a {@link StackOverflowError} is reported as a corrupt file.
 *
 * @param path    the file
 * @param model   the parsed model
 * @param sha256  SHA-256 of the file's bytes, lower-case hex
 * @param opset   the version of the default ({@code ai.onnx}) operator set
 */
public record OnnxFile(Path path, Onnx.ModelProto model, String sha256, long opset) {

    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final int MIN_IR_VERSION = 3;

    /**
     * Reads and checks {@code file}.
     *
     * @throws CorruptModelException when the file is empty, truncated, corrupt or not ONNX
     */
    public static OnnxFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        refuseOtherFormats(file, bytes);
        Onnx.ModelProto model = parse(file, bytes);
        long opset = checkWhole(file, model);
        return new OnnxFile(file, model, sha256(bytes), opset);
    }

    private static void refuseOtherFormats(Path file, byte[] bytes) {
        if (bytes.length == 0) {
            throw new CorruptModelException(file, "the file is empty");
        }
        if (startsWith(bytes, HDF5_MAGIC)) {
            throw new CorruptModelException(file, "it is an HDF5 file (a Keras model?); export ONNX instead "
                    + "(tf2onnx for Keras)");
        }
        if (startsWith(bytes, ZIP_MAGIC)) {
            throw new CorruptModelException(file, "it is a zip archive (a PyTorch .pt/.pth or a DL4J model?); export "
                    + "ONNX with torch.onnx.export");
        }
    }

    private static Onnx.ModelProto parse(Path file, byte[] bytes) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.enableAliasing(true); // raw tensor data shares the file's bytes: no second copy of the weights
            return Onnx.ModelProto.parseFrom(in);
        } catch (IOException e) { // InvalidProtocolBufferException: truncated, bad tag, bad length
            throw new CorruptModelException(file, "truncated or corrupt (" + e.getMessage() + ")", e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new CorruptModelException(file, "truncated or corrupt (" + e + ")", e);
        }
    }

    /** The structural checks; returns the default-domain opset. */
    private static long checkWhole(Path file, Onnx.ModelProto model) {
        if (model.getIrVersion() < MIN_IR_VERSION) {
            throw new CorruptModelException(file, "IR version " + model.getIrVersion() + " (need >= " + MIN_IR_VERSION
                    + "): truncated, or not an ONNX model");
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new CorruptModelException(file, "it holds no graph nodes (truncated?)");
        }
        long opset = model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(Onnx.OperatorSetIdProto::getVersion)
                .findFirst()
                .orElseThrow(() -> new CorruptModelException(file, "it names no ai.onnx operator set (truncated?)"));
        Onnx.GraphProto g = model.getGraph();
        if (g.getOutputCount() != 1) {
            throw new CorruptModelException(file, "the graph has " + g.getOutputCount() + " outputs; a classifier "
                    + "has one (truncated?)");
        }
        Set<String> known = new HashSet<>();
        g.getInputList().forEach(v -> known.add(v.getName()));
        for (Onnx.TensorProto t : g.getInitializerList()) {
            known.add(t.getName());
            long expected = OnnxTensors.elementCount(t);
            long stored = OnnxTensors.storedElementCount(t);
            if (stored >= 0 && stored != expected) {
                throw new CorruptModelException(file, "initializer '" + t.getName() + "' holds " + stored
                        + " values but its shape needs " + expected + " (truncated?)");
            }
        }
        for (Onnx.NodeProto n : g.getNodeList()) {
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !known.contains(in)) {
                    throw new CorruptModelException(file, "node '" + n.getName() + "' (" + n.getOpType()
                            + ") reads '" + in + "', which no earlier node, input or initializer makes (truncated, "
                            + "or nodes not in topological order)");
                }
            }
            known.addAll(n.getOutputList());
        }
        String output = g.getOutput(0).getName();
        if (!known.contains(output)) {
            throw new CorruptModelException(file, "no node makes the graph output '" + output + "' (truncated?)");
        }
        return opset;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }

    /** The folder external tensor data is resolved against. */
    Path folder() {
        Path parent = path.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of(".");
    }
}
