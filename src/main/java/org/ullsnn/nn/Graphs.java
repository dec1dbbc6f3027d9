package org.ullsnn.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ullsnn.io.AtomicFile;

/**
 * Creating, copying, saving and loading networks. Every way a {@link ComputationGraph} comes into being
 * goes through here, so that each one runs its convolutions on oneDNN ({@link OneDnnHelpers}).
 */
public final class Graphs {

    private Graphs() {
    }

    /**
     * The logits of a classifier graph for {@code x}: its {@code output} layer's pre-activation {@code h W + b}
     * (before the softmax), as DOUBLE {@code [batch, classes]}; {@code h} is the flattened activation of the vertex
     * feeding {@code output}, computed in inference mode. What an exporter's reference outputs are compared with.
     */
    public static INDArray logits(ComputationGraph net, INDArray x) {
        String before = net.getConfiguration().getVertexInputs().get("output").get(0);
        INDArray hidden = net.feedForward(x, false).get(before);
        INDArray z = hidden.reshape('c', hidden.size(0), hidden.length() / hidden.size(0))
                .mmul(net.getLayer("output").getParam("W"));
        INDArray b = net.getLayer("output").getParam("b");
        return (b == null ? z : z.addRowVector(b)).castTo(DataType.DOUBLE);
    }

    /** A freshly initialised network for {@code conf}. */
    public static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return OneDnnHelpers.enable(net);
    }

    /** A network for {@code conf} with a copy of {@code params} (the flat parameter vector of the same layout). */
    public static ComputationGraph init(ComputationGraphConfiguration conf, org.nd4j.linalg.api.ndarray.INDArray params) {
        ComputationGraph net = new ComputationGraph(conf);
        net.init(params, true);
        return OneDnnHelpers.enable(net);
    }

    /** A deep copy: parameters, updater state and configuration; the source is untouched. */
    public static ComputationGraph copy(ComputationGraph net) {
        return OneDnnHelpers.enable(net.clone());
    }

    /**
     * Writes {@code net} (with its updater state, so training can resume) to {@code file} atomically
     * ({@link AtomicFile}), so a crash never leaves a half-written model.
     */
    public static void save(ComputationGraph net, Path file) {
        AtomicFile.write(file, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), true));
    }

    /**
     * Writes {@code net} without its updater state (about half the size for Nesterov SGD, a third for Adam-like
     * updaters) to {@code file} atomically: for shipped models, which are evaluated and converted, not resumed.
     * {@link #load} reads it; training it further starts the optimiser afresh.
     */
    public static void saveWithoutUpdater(ComputationGraph net, Path file) {
        AtomicFile.write(file, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), false));
    }

    /**
     * Writes {@code net} without its updater state and with its parameters rounded to 16-bit floats (IEEE half
     * precision: about 3 significant digits, half the size of {@link #saveWithoutUpdater}) to {@code file}
     * atomically: for shipped fine-tuned SNNs, where the models folder's size budget counts. {@link #load} reads it
     * back as FLOAT; measure what ships on the file read back, not on {@code net}.
     */
    public static void saveHalfPrecision(ComputationGraph net, Path file) {
        saveWithoutUpdater(net.convertDataType(DataType.HALF), file);
    }

    /**
     * Loads a network written by {@link #save} (with its updater state), {@link #saveWithoutUpdater} or
     * {@link #saveHalfPrecision} (whose 16-bit parameters come back widened to FLOAT, the type every layer here
     * computes in).
     */
    public static ComputationGraph load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no model file at " + file.toAbsolutePath());
        }
        try {
            ComputationGraph net = ModelSerializer.restoreComputationGraph(file.toFile(), true);
            if (net.params() != null && net.params().dataType() == DataType.HALF) {
                net = net.convertDataType(DataType.FLOAT);
            }
            return OneDnnHelpers.enable(net);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a readable DL4J ComputationGraph: " + file + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
