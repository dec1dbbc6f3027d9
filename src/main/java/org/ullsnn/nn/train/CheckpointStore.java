package org.ullsnn.nn.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ullsnn.io.AtomicFile;
import org.ullsnn.nn.Graphs;

/**
 * Epoch checkpoints in one folder: {@code epoch-0003.zip} (model and updater state) and
 * {@code epoch-0003.json} (the metrics of epochs 1..3). Each file is written to a temporary name and moved
 * into place, the JSON last, so a checkpoint counts only when both files are complete: a process killed
 * mid-write leaves the previous checkpoint as the latest. Only the newest {@code keep} checkpoints stay.
 */
public final class CheckpointStore {

    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int keep;

    public CheckpointStore(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("must keep at least 1 checkpoint, got " + keep);
        }
        this.dir = dir;
        this.keep = keep;
    }

    /** The folder holding the checkpoints. */
    public Path dir() {
        return dir;
    }

    /** Saves {@code net} after {@code history.size()} epochs, then removes checkpoints beyond {@code keep}. */
    public Checkpoint save(ComputationGraph net, List<EpochMetrics> history) {
        int epoch = history.size();
        Path model = modelPath(epoch);
        Graphs.save(net, model);
        Path json = dir.resolve(String.format("epoch-%04d.json", epoch));
        AtomicFile.write(json, tmp -> JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), history));
        prune();
        return new Checkpoint(epoch, model, history);
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Checkpoint> latest() {
        List<Integer> epochs = completeEpochs();
        if (epochs.isEmpty()) {
            return Optional.empty();
        }
        int epoch = epochs.get(epochs.size() - 1);
        Path json = dir.resolve(String.format("epoch-%04d.json", epoch));
        try {
            List<EpochMetrics> history = JSON.readValue(json.toFile(), new TypeReference<List<EpochMetrics>>() { });
            return Optional.of(new Checkpoint(epoch, modelPath(epoch), history));
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint metrics " + json + " are unreadable: " + e.getMessage(), e);
        }
    }

    private Path modelPath(int epoch) {
        return dir.resolve(String.format("epoch-%04d.zip", epoch));
    }

    /** Epochs with both files present, ascending. */
    private List<Integer> completeEpochs() {
        List<Integer> epochs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return epochs;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "epoch-*.json")) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    int epoch = Integer.parseInt(m.group(1));
                    if (Files.isRegularFile(modelPath(epoch))) {
                        epochs.add(epoch);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(epochs);
        return epochs;
    }

    private void prune() {
        List<Integer> epochs = completeEpochs();
        for (int i = 0; i < epochs.size() - keep; i++) {
            int epoch = epochs.get(i);
            try {
                Files.deleteIfExists(dir.resolve(String.format("epoch-%04d.json", epoch)));
                Files.deleteIfExists(modelPath(epoch));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove old checkpoint of epoch " + epoch + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
