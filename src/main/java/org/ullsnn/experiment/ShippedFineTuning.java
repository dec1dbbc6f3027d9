package org.ullsnn.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.ImageSetIterator;
import org.ullsnn.data.IteratorOptions;
import org.ullsnn.io.AtomicFile;
import org.ullsnn.io.FileTrees;
import org.ullsnn.nn.Graphs;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.Simulator;
import org.ullsnn.snn.SpikingNetwork;

/**
 * Fine-tuned SNNs shipped beside the DNN they were converted from, in
 * {@code models/<model>/finetune/<name>/}: a finished fine-tuning run ({@link FineTuneRun}) copied with its SNN saved
 * in half precision ({@link Graphs#saveHalfPrecision}: FP16 parameters, half the size) without updater state, its
 * per-epoch {@code metrics.csv}, {@code drift.csv}, {@code accuracy_before.json} and
 * {@code config.json}, and a {@link FineTunedCard} in {@code finetune.json} whose test accuracy is measured on the full
 * test set when the entry is made. A notebook reads such a folder as it reads a fine-tuning run, so fine-tuning that
 * took an hour on a CPU need not be repeated on a fresh clone.
 */
public final class ShippedFineTuning {

    /** The card in a shipped fine-tuning folder. */
    public static final String CARD_FILE = "finetune.json";
    /** The converted SNN's accuracy before fine-tuning, as {@link FineTuneRun} writes it. */
    public static final String BEFORE_FILE = "accuracy_before.json";
    /** Threshold and leak per layer and epoch, as {@link FineTuneRun} writes it. */
    public static final String DRIFT_FILE = "drift.csv";
    /** The files a finished fine-tuning run holds, and every shipped one. */
    public static final List<String> RUN_FILES = List.of(TrainRun.MODEL_FILE, TrainRun.METRICS_FILE, DRIFT_FILE,
            BEFORE_FILE, TrainRun.CONFIG_FILE);
    private static final int EVAL_BATCH = 100;

    private ShippedFineTuning() {
    }

    /**
     * One shipped fine-tuning folder as found on disk.
     *
     * @param folder  the folder
     * @param card    its card, {@code null} when missing or unreadable
     * @param check   the outcome of the check
     * @param problem what is wrong, empty when {@link ModelZoo.Check#OK}
     */
    public record Entry(Path folder, FineTunedCard card, ModelZoo.Check check, String problem) {
        /** Whether the entry passed its check. */
        public boolean ok() {
            return check == ModelZoo.Check.OK;
        }
    }

    /** Whether {@code dir} holds every file of a finished fine-tuning run (shipped or not). */
    public static boolean isComplete(Path dir) {
        return dir != null && RUN_FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /** Every shipped fine-tuning folder of the model folder {@code modelFolder}, by name, each checked. */
    public static List<Entry> list(Path modelFolder) throws IOException {
        return ModelZoo.visibleFolders(modelFolder.resolve(FineTuneRun.FINETUNE_DIR)).stream()
                .map(ShippedFineTuning::check).toList();
    }

    /** Checks one shipped fine-tuning folder: its files are there and {@code model.zip} matches its card's SHA-256. */
    public static Entry check(Path folder) {
        List<String> missing = Stream.concat(RUN_FILES.stream(), Stream.of(CARD_FILE))
                .filter(f -> !Files.isRegularFile(folder.resolve(f))).toList();
        FineTunedCard card = null;
        String unreadable = null;
        if (!missing.contains(CARD_FILE)) {
            try {
                card = readCard(folder);
            } catch (UncheckedIOException e) {
                unreadable = e.getMessage();
            }
        }
        if (!missing.isEmpty() || unreadable != null) {
            return new Entry(folder, card, ModelZoo.Check.MISSING, ModelZoo.missingProblem(missing, unreadable));
        }
        String actual = Provenance.sha256(folder.resolve(TrainRun.MODEL_FILE));
        if (card.snnSha256() == null || !card.snnSha256().equalsIgnoreCase(actual)) {
            return new Entry(folder, card, ModelZoo.Check.MISMATCH, "model.zip has SHA-256 " + actual + ", "
                    + CARD_FILE + " says " + card.snnSha256());
        }
        return new Entry(folder, card, ModelZoo.Check.OK, "");
    }

    /** Reads {@code folder/finetune.json}. */
    public static FineTunedCard readCard(Path folder) {
        Path file = folder.resolve(CARD_FILE);
        try {
            return TrainRun.JSON.readValue(file.toFile(), FineTunedCard.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not a readable fine-tuning card: " + e.getMessage(), e);
        }
    }

    /**
     * Ships the finished fine-tuning run {@code runDir} beside the shipped model {@code model}, as
     * {@code <models>/<model>/finetune/<run's name>/}: the SNN saved in half precision without updater state and
     * simulated, as read back, at its T on the full test set, the run's metrics, drift, accuracy before and config
     * copied, and the card written; then the models README is regenerated. The entry appears at once and whole.
     *
     * @param command the {@code bin/ullsnn finetune} command line that reproduces the run
     * @param force   replace an existing entry of that name
     * @throws IllegalArgumentException for an unfinished run, a run converted from another model than {@code model}
     *                                  (by the SHA-256 its config records), or an existing entry without {@code force}
     */
    public static Added add(ModelZoo zoo, String model, Path runDir, String command, boolean force,
            ModelZoo.DataSource data, ProgressListener progress) throws IOException {
        Path modelFolder = zoo.folder(model);
        ModelCard modelCard = ModelZoo.requireIntact(modelFolder);
        FineTuneRunConfig config = FineTuneRun.readConfig(runDir);
        List<String> missing = RUN_FILES.stream().filter(f -> !Files.isRegularFile(runDir.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("fine-tuning run " + runDir + " has not finished (" + String.join(", ",
                    missing) + " missing); continue it with: ullsnn finetune --resume --name " + config.name());
        }
        String source = sourceModelSha256(runDir);
        if (!modelCard.modelSha256().equalsIgnoreCase(source)) {
            throw new IllegalArgumentException("fine-tuning run " + runDir + " was converted from a model with SHA-256 "
                    + source + ", not from shipped model " + model + " (" + modelCard.modelSha256() + ")");
        }
        double seconds = ModelZoo.trainingSeconds(runDir.resolve(TrainRun.METRICS_FILE), config.training().epochs());
        Path root = modelFolder.resolve(FineTuneRun.FINETUNE_DIR);
        Path target = root.resolve(config.name());
        if (Files.exists(target) && !force) {
            throw new IllegalArgumentException("model " + model + " already ships fine-tuning " + config.name()
                    + " (" + target + "); replace it with --force");
        }
        Files.createDirectories(root);
        Path tmp = root.resolve("." + config.name() + ".tmp-" + System.nanoTime());
        try {
            Graphs.saveHalfPrecision(Graphs.load(runDir.resolve(TrainRun.MODEL_FILE)), tmp.resolve(TrainRun.MODEL_FILE));
            for (String f : List.of(TrainRun.METRICS_FILE, DRIFT_FILE, BEFORE_FILE, TrainRun.CONFIG_FILE)) {
                AtomicFile.write(tmp.resolve(f), t -> Files.copy(runDir.resolve(f), t, StandardCopyOption.REPLACE_EXISTING));
            }
            // measure what ships: the file just written, simulated at T on the whole test set
            ComputationGraph snn = Graphs.load(tmp.resolve(TrainRun.MODEL_FILE));
            TrainRunConfig dnnConfig = TrainRun.readConfig(modelFolder);
            ImageSet test = data.testSet(dnnConfig, progress);
            SimulationResult simulated = Simulator.run(SpikingNetwork.of(snn), new ImageSetIterator(test,
                    dnnConfig.dataset().normalization(), IteratorOptions.evaluation(EVAL_BATCH)), progress);
            Path zip = tmp.resolve(TrainRun.MODEL_FILE);
            int runTestImages = config.testPerClass() > 0 ? config.testPerClass() * modelCard.classes() : test.size();
            FineTunedCard card = new FineTunedCard(config.name(), model, config.strategy(), config.timesteps(),
                    config.training().epochs(), FineTuneRun.read(runDir).accuracyBefore(), runTestImages, simulated.finalAccuracy(),
                    test.size(), seconds / 3600, command, Provenance.sha256(zip), Files.size(zip), Instant.now());
            AtomicFile.write(tmp.resolve(CARD_FILE), f -> TrainRun.JSON.writeValue(f.toFile(), card));
            if (Files.exists(target)) {
                Path old = root.resolve("." + config.name() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                FileTrees.delete(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            zoo.writeReadme();
            return new Added(card, target, zoo.totalBytes());
        } finally {
            FileTrees.delete(tmp);
        }
    }

    /**
     * What {@link #add} made.
     *
     * @param card       the new card
     * @param folder     the shipped fine-tuning folder
     * @param totalBytes the size of the whole models folder afterwards
     */
    public record Added(FineTunedCard card, Path folder, long totalBytes) {
    }

    /** The SHA-256 of the DNN the run converted, as its {@code config.json} records it. */
    static String sourceModelSha256(Path runDir) throws IOException {
        JsonNode sha = TrainRun.JSON.readTree(runDir.resolve(TrainRun.CONFIG_FILE).toFile())
                .path("provenance").path("data").path("model");
        if (!sha.isTextual()) {
            throw new IllegalArgumentException(runDir.resolve(TrainRun.CONFIG_FILE) + " records no SHA-256 of the model "
                    + "it converted (provenance.data.model)");
        }
        return sha.asText();
    }
}
