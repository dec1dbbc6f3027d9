package org.ullsnn.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Creating, copying, saving and loading networks. Every way a {@link ComputationGraph} comes into being
 * goes through here, so that each one runs its convolutions on oneDNN ({@link OneDnnConvolution}).
 */
public final class Graphs {

    private Graphs() {
    }

    /** A freshly initialised network for {@code conf}. */
    public static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return OneDnnConvolution.enable(net);
    }

    /** A deep copy: parameters, updater state and configuration; the source is untouched. */
    public static ComputationGraph copy(ComputationGraph net) {
        return OneDnnConvolution.enable(net.clone());
    }

    /**
     * Writes {@code net} (with its updater state, so training can resume) to {@code file}: first to a
     * temporary sibling, then moved into place, so a crash never leaves a half-written model.
     */
    public static void save(ComputationGraph net, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try {
                ModelSerializer.writeModel(net, tmp.toFile(), true);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a network written by {@link #save}, with its updater state. */
    public static ComputationGraph load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no model file at " + file.toAbsolutePath());
        }
        try {
            return OneDnnConvolution.enable(ModelSerializer.restoreComputationGraph(file.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a readable DL4J ComputationGraph: " + file + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
