package org.ullsnn.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarLayout;
import org.ullsnn.data.CifarReader;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.Split;
import org.ullsnn.io.AtomicFile;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.OneDnnHelpers;
import org.ullsnn.nn.train.Checkpoint;
import org.ullsnn.nn.train.CheckpointStore;
import org.ullsnn.nn.train.DistilledEpochData;
import org.ullsnn.nn.train.EpochData;
import org.ullsnn.nn.train.EpochMetrics;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.FineTuning;

/**
 * Converts a training run's DNN and fine-tunes the SNN, keeping everything in
 * {@code <outputs>/finetune/<name>/} (the run folder, or {@code <runs>/<model>/} for a shipped model: {@link RunLocation}): {@code config.json} (settings and provenance), {@code accuracy_before.json}
 * (the converted SNN's test accuracy before fine-tuning), {@code metrics.csv} (per epoch), {@code drift.csv}
 * (theta and lambda per layer, epoch 0 = as converted), {@code checkpoints/} and {@code model.zip}.
 * {@link #resume} continues from the newest checkpoint.
 */
public final class FineTuneRun {

    /** The folder under a run's outputs that holds its fine-tuning runs. */
    public static final String FINETUNE_DIR = "finetune";

    private final Path dataDir;
    private final boolean offline;
    private final Function<CifarDataset, CifarLayout> layouts;
    private final ProgressListener progress;

    public FineTuneRun(Path dataDir, boolean offline, ProgressListener progress) {
        this(dataDir, offline, CifarLayout::official, progress);
    }

    /** As above, with the CIFAR file layout per data set ({@link CifarLayout#withRecordsPerFile} in tests). */
    public FineTuneRun(Path dataDir, boolean offline, Function<CifarDataset, CifarLayout> layouts,
            ProgressListener progress) {
        this.dataDir = dataDir;
        this.offline = offline;
        this.layouts = layouts;
        this.progress = progress;
    }

    /** What a fine-tuning run produced. */
    public record Result(Path dir, FineTuneRunConfig config, double accuracyBefore, List<EpochMetrics> history,
            List<FineTuning.NeuronState> drift) {
    }

    /**
     * Converts the DNN of {@code run}'s source with the configured strategy and T, then fine-tunes from epoch 0 in
     * {@code <outputs>/finetune/<name>/}.
     */
    public Result start(RunLocation run, FineTuneRunConfig config) throws IOException {
        Path dir = run.output(FINETUNE_DIR, config.name());
        if (Files.exists(dir.resolve(TrainRun.CONFIG_FILE))) {
            throw new IllegalStateException("fine-tuning folder " + dir + " already holds a run; continue it with "
                    + "--resume, or pick another --name");
        }
        RunInputs inputs = RunInputs.load(run.source(), dataDir, offline, config.calibrationImages(),
                config.testPerClass(), layouts, progress);
        Files.createDirectories(dir);
        Provenance provenance = Provenance.capture(config.training().seed(), OneDnnHelpers.backendSupportsOneDnn(),
                Map.of("model", Provenance.sha256(List.of(inputs.modelFile())).values().iterator().next()),
                TrainRun.JSON.convertValue(config, Map.class));
        AtomicFile.write(dir.resolve(TrainRun.CONFIG_FILE),
                tmp -> TrainRun.JSON.writeValue(tmp.toFile(), Map.of("config", config, "provenance", provenance)));
        ConversionResult converted = Converter.convert(inputs.dnn(), ConvertConfig.of(
                ThresholdStrategy.parse(config.strategy()), config.timesteps(), inputs.calibration())
                .withCountMaxPool(config.countMaxPool()), progress);
        ComputationGraph net = FineTuning.trainable(converted.snn(), config.settings(), config.training());
        return train(dir, config, inputs, net, List.of(), List.of());
    }

    /** Continues the fine-tuning run in {@code <outputs>/finetune/<name>} from its newest checkpoint. */
    public Result resume(RunLocation run, String name) throws IOException {
        Path dir = run.output(FINETUNE_DIR, name);
        FineTuneRunConfig config = readConfig(dir);
        RunInputs inputs = RunInputs.load(run.source(), dataDir, offline, config.calibrationImages(),
                config.testPerClass(), layouts, progress);
        Optional<Checkpoint> latest = checkpoints(dir, config).latest();
        if (latest.isEmpty()) {
            Files.delete(dir.resolve(TrainRun.CONFIG_FILE));
            return start(run, config);
        }
        List<FineTuning.NeuronState> drift = DriftCsv.read(dir.resolve(ShippedFineTuning.DRIFT_FILE));
        return train(dir, config, inputs, Graphs.load(latest.get().model()), latest.get().history(), drift);
    }

    /**
     * A finished fine-tuning run as saved in {@code dir} (the user's, or one shipped with a model:
     * {@link ShippedFineTuning}): its settings, the converted SNN's accuracy before fine-tuning, the per-epoch metrics
     * and theta and lambda per layer and epoch. The SNN itself is {@code dir/model.zip} ({@link Graphs#load}).
     *
     * @throws IllegalArgumentException when a file of a finished run is missing, naming them
     */
    public static Result read(Path dir) throws IOException {
        List<String> missing = ShippedFineTuning.RUN_FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f)))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no finished fine-tuning run in " + dir + ": " + String.join(", ", missing)
                    + " missing");
        }
        double before = TrainRun.JSON.readTree(dir.resolve(ShippedFineTuning.BEFORE_FILE).toFile()).path("testAccuracy")
                .asDouble(Double.NaN);
        return new Result(dir, readConfig(dir), before, MetricsTable.readCsv(dir.resolve(TrainRun.METRICS_FILE)),
                DriftCsv.read(dir.resolve(ShippedFineTuning.DRIFT_FILE)));
    }

    /** The settings saved in the fine-tuning run {@code dir}'s {@code config.json}. */
    public static FineTuneRunConfig readConfig(Path dir) {
        Path file = dir.resolve(TrainRun.CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no fine-tuning run in " + dir + ": " + TrainRun.CONFIG_FILE + " is missing");
        }
        try {
            JsonNode root = TrainRun.JSON.readTree(file.toFile());
            return TrainRun.JSON.treeToValue(root.get("config"), FineTuneRunConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not a readable fine-tuning configuration: " + e.getMessage(), e);
        }
    }

    private Result train(Path dir, FineTuneRunConfig config, RunInputs inputs, ComputationGraph net,
            List<EpochMetrics> history, List<FineTuning.NeuronState> earlierDrift) throws IOException {
        ImageSet train = new CifarReader(layouts.apply(inputs.config().dataset())).read(dataDir, Split.TRAIN,
                inputs.config().labelLevel());
        if (config.trainPerClass() > 0) {
            train = train.firstPerClass(config.trainPerClass());
        }
        EpochData cifar = new CifarEpochData(train, inputs.test(), inputs.config().normalization(),
                config.training().batchSize(), config.training().seed(), config.augment());
        EpochData data = config.distillation() > 0
                ? new DistilledEpochData(cifar, inputs.dnn(), config.distillation()) : cifar;
        List<EpochMetrics> done = new ArrayList<>(history);
        // theta and lambda per layer: before the first epoch (or as saved by the interrupted run), then per epoch
        List<FineTuning.NeuronState> drift = new ArrayList<>(earlierDrift.isEmpty()
                ? FineTuning.neuronStates(net, history.size()) : earlierDrift);
        DriftCsv.write(drift, dir.resolve(ShippedFineTuning.DRIFT_FILE));
        FineTuning.Result r = FineTuning.continueTraining(net, history, data, config.training(),
                checkpoints(dir, config), progress, before -> {
                    if (history.isEmpty()) {
                        AtomicFile.write(dir.resolve(ShippedFineTuning.BEFORE_FILE), tmp -> TrainRun.JSON.writeValue(
                                tmp.toFile(), Map.of("epoch", 0, "testAccuracy", before)));
                    }
                }, m -> {
                    done.add(m);
                    MetricsTable.writeCsv(done, dir.resolve(TrainRun.METRICS_FILE));
                    drift.addAll(FineTuning.neuronStates(net, m.epoch()));
                    DriftCsv.write(drift, dir.resolve(ShippedFineTuning.DRIFT_FILE));
                });
        Graphs.save(r.net(), dir.resolve(TrainRun.MODEL_FILE));
        return new Result(dir, config, r.accuracyBefore(), r.history(), drift);
    }

    private static CheckpointStore checkpoints(Path dir, FineTuneRunConfig config) {
        return new CheckpointStore(dir.resolve("checkpoints"), config.training().checkpointsToKeep());
    }
}
