package org.ullsnn.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.ullsnn.io.Sha256;

/**
 * Reads a Keras 2 HDF5 model ({@code model.save("m.h5")} in tf.keras 2.x) into our {@link ComputationGraph}: its
 * configuration is checked first ({@link KerasConfig}: unsupported layers are refused by Keras name and class),
 * DL4J's own {@code deeplearning4j-modelimport} reads it, and {@link KerasLowering} rebuilds the result in our layout
 * (NCHW, split activations, the vertex names of {@link org.ullsnn.nn.Networks}). Keras 3 files are refused: DL4J
 * 1.0.0-M2.1 reads Keras 1/2 configurations only; export those to ONNX.
 */
public final class KerasImporter {

    private static final String FORMAT = "Keras HDF5";
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private KerasImporter() {
    }

    /**
     * Reads and maps {@code file}.
     *
     * @throws CorruptModelException     when the file is not a readable HDF5 model
     * @throws UnsupportedModelException naming the Keras layer and class that cannot be converted
     */
    public static ImportedNetwork read(Path file) {
        requireHdf5(file);
        String json;
        String version;
        String backend;
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try (Hdf5Archive archive = new Hdf5Archive(file.toString())) {
                if (!archive.hasAttribute("model_config")) {
                    throw new CorruptModelException(file, FORMAT, "it holds no model_config (weights only? save "
                            + "the whole model with model.save)", null);
                }
                json = archive.readAttributeAsJson("model_config");
                version = archive.hasAttribute("keras_version") ? archive.readAttributeAsString("keras_version") : "";
                backend = archive.hasAttribute("backend") ? archive.readAttributeAsString("backend") : "";
            } catch (UnsupportedKerasConfigurationException | RuntimeException e) {
                if (e instanceof CorruptModelException c) {
                    throw c;
                }
                throw new CorruptModelException(file, FORMAT, "truncated or corrupt (" + e.getMessage() + ")", e);
            }
        }
        if (version.startsWith("3")) {
            throw new UnsupportedModelException("Keras " + version + " files are not supported (DL4J reads Keras 1/2); "
                    + "save with tf.keras 2.x, or export ONNX (tf2onnx)");
        }
        KerasConfig config = KerasConfig.parse(json);
        ComputationGraph dl4j = importWithDl4j(file, config);
        Map<String, String> names = new HashMap<>();
        if (config.sequential()) {
            List<String> keras = config.dl4jLayerNames();
            for (int i = 0; i < keras.size(); i++) {
                names.put(String.valueOf(i), keras.get(i));
            }
        }
        LoweredNetwork lowered = KerasLowering.lower(dl4j, names, config);
        String producer = ("keras " + version + (backend.isEmpty() ? "" : " (" + backend + ")")).trim();
        return ImportAssembly.finish(lowered, new ImportedNetwork.Source(file, sha256(file), "keras-h5", null, null,
                producer));
    }

    private static ComputationGraph importWithDl4j(Path file, KerasConfig config) {
        try {
            return config.sequential()
                    ? KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false).toComputationGraph()
                    : KerasModelImport.importKerasModelAndWeights(file.toString(), false);
        } catch (UnsupportedKerasConfigurationException | InvalidKerasConfigurationException e) {
            throw new UnsupportedModelException("DL4J's Keras import refused the model: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CorruptModelException(file, FORMAT, "DL4J could not read its weights (" + e.getMessage() + ")",
                    e);
        }
    }

    private static void requireHdf5(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HDF5_MAGIC.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(head, HDF5_MAGIC)) {
            throw new CorruptModelException(file, FORMAT, head.length == 0 ? "the file is empty"
                    : "it is not an HDF5 file (an ONNX model? use --onnx)", null);
        }
    }

    private static String sha256(Path file) {
        return Sha256.ofFile(file);
    }
}
