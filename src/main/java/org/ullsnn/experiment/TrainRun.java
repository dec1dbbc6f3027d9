package org.ullsnn.experiment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarDownloader;
import org.ullsnn.data.CifarLayout;
import org.ullsnn.data.CifarReader;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.Split;
import org.ullsnn.io.AtomicFile;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.Networks;
import org.ullsnn.nn.WeightTransfer;
import org.ullsnn.nn.OneDnnHelpers;
import org.ullsnn.nn.train.Checkpoint;
import org.ullsnn.nn.train.CheckpointStore;
import org.ullsnn.nn.train.EpochMetrics;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.nn.train.Trainer;
import org.ullsnn.progress.ProgressListener;

/**
 * Runs (or resumes) a DNN training run and keeps everything in its folder {@code <runs>/<name>/}:
 * <ul>
 *   <li>{@code config.json}: the {@link TrainRunConfig} and the {@link Provenance} of the start;</li>
 *   <li>{@code metrics.csv}: one row per finished epoch, rewritten after each;</li>
 *   <li>{@code checkpoints/epoch-NNNN.zip|json}: the newest checkpoints (model with updater state);</li>
 *   <li>{@code model.zip}: the final model, once all epochs are done;</li>
 *   <li>{@code resume-N.json}: the provenance of each resumed process.</li>
 * </ul>
 * Missing CIFAR files are downloaded first unless {@code offline}.
 */
public final class TrainRun {

    /** Name of the configuration file in a run folder. */
    public static final String CONFIG_FILE = "config.json";
    /** Name of the final model in a run folder. */
    public static final String MODEL_FILE = "model.zip";
    /** Name of the metrics table in a run folder. */
    public static final String METRICS_FILE = "metrics.csv";

    private static final Logger LOG = LoggerFactory.getLogger(TrainRun.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dataDir;
    private final boolean offline;
    private final ProgressListener progress;
    private final Function<CifarDataset, CifarLayout> layouts;

    /**
     * @param dataDir  the data directory (see {@link org.ullsnn.data.DataLocation})
     * @param offline  never download; fail with a message naming the missing files
     * @param progress receives download, batch and evaluation progress
     */
    public TrainRun(Path dataDir, boolean offline, ProgressListener progress) {
        this(dataDir, offline, progress, CifarLayout::official);
    }

    /** As above, with the expected file layout per dataset ({@link CifarLayout#withRecordsPerFile} in tests). */
    public TrainRun(Path dataDir, boolean offline, ProgressListener progress, Function<CifarDataset, CifarLayout> layouts) {
        this.dataDir = dataDir;
        this.offline = offline;
        this.progress = progress;
        this.layouts = layouts;
    }

    /** What a finished run produced. */
    public record Result(Path runDir, TrainRunConfig config, List<EpochMetrics> history, ComputationGraph net) {
        /** Test accuracy after the last epoch. */
        public double finalAccuracy() {
            return history.get(history.size() - 1).testAccuracy();
        }
    }

    /** Starts a new run in {@code runsRoot/config.name()}; refuses a folder that already holds a run. */
    public Result start(TrainRunConfig config, Path runsRoot) throws IOException {
        Path runDir = runsRoot.resolve(config.name());
        if (Files.exists(runDir.resolve(CONFIG_FILE))) {
            throw new IllegalStateException("run folder " + runDir + " already holds a run; continue it with "
                    + "--resume, or pick another --name");
        }
        Path initialModel = initialModel(config);
        Data data = load(config);
        // built before the folder is made: a starting network that does not fit writes nothing
        ComputationGraph net = newNetwork(config, data, initialModel);
        Files.createDirectories(runDir);
        Map<String, String> hashes = new java.util.TreeMap<>(data.hashes());
        if (initialModel != null) {
            hashes.put(INIT_HASH_KEY, Provenance.sha256(initialModel));
        }
        Provenance provenance = Provenance.capture(config.training().seed(), OneDnnHelpers.backendSupportsOneDnn(),
                hashes, JSON.convertValue(config, Map.class));
        writeJson(runDir.resolve(CONFIG_FILE), Map.of("config", config, "provenance", provenance));
        LOG.info("train run={} start dataset={} arch={} width={} activation={} epochs={} train_images={}",
                config.name(), config.dataset().id(), config.network().architecture().cliName(),
                config.network().width(), config.network().activation().cliName(), config.training().epochs(),
                data.train().size());
        return train(runDir, config, net, List.of(), data);
    }

    /** Key of the starting network's SHA-256 among the provenance's file hashes. */
    static final String INIT_HASH_KEY = "init-from model.zip";

    /**
     * A freshly initialised network for the run, its schedule told how many batches an epoch has, and the parameters
     * of {@code initialModel} ({@link TrainRunConfig#initFrom()} resolved by {@link #initialModel}, or null) copied in
     * ({@link WeightTransfer}).
     */
    private static ComputationGraph newNetwork(TrainRunConfig config, Data data, Path initialModel) {
        TrainConfig t = config.training();
        long batchesPerEpoch = (data.train().size() + t.batchSize() - 1) / t.batchSize();
        ComputationGraph net = Networks.build(config.network(), t.updater(batchesPerEpoch), t.l2(), t.seed());
        if (initialModel != null) {
            WeightTransfer.copy(Graphs.load(initialModel), net);
            LOG.info("train run={} starts from the parameters of {}", config.name(), config.initFrom());
        }
        return net;
    }

    /** The model file {@code config} starts from ({@link #initialModel(String)}), or null for a random start. */
    private static Path initialModel(TrainRunConfig config) {
        return config.initFrom() == null ? null : initialModel(config.initFrom());
    }

    /**
     * The model file a run starts from: {@code model.zip} in the folder {@code initFrom} (a run or a shipped model,
     * which is checked against its SHA-256 first), or {@code initFrom} itself when it is a file.
     *
     * @throws IllegalArgumentException when there is no model there
     */
    static Path initialModel(String initFrom) {
        Path p = Path.of(initFrom);
        if (Files.isRegularFile(p)) {
            return p;
        }
        Path zip = p.resolve(MODEL_FILE);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("--init-from " + initFrom + ": no " + MODEL_FILE + " there (give a "
                    + "finished training run's folder, a shipped model's folder such as models/<name>, or a model "
                    + "file)");
        }
        if (Files.isRegularFile(p.resolve(ModelZoo.CARD_FILE))) {
            ModelZoo.requireIntact(p);
        }
        return zip;
    }

    /** Continues the run in {@code runDir} from its newest checkpoint, with its saved configuration. */
    public Result resume(Path runDir) throws IOException {
        TrainRunConfig config = readConfig(runDir);
        Data data = load(config);
        int n = 1;
        while (Files.exists(runDir.resolve("resume-" + n + ".json"))) {
            n++;
        }
        writeJson(runDir.resolve("resume-" + n + ".json"), Provenance.capture(config.training().seed(),
                OneDnnHelpers.backendSupportsOneDnn(), data.hashes(), JSON.convertValue(config, Map.class)));
        Optional<Checkpoint> latest = checkpoints(runDir, config).latest();
        ComputationGraph net;
        List<EpochMetrics> history;
        if (latest.isPresent()) {
            net = Graphs.load(latest.get().model());
            history = latest.get().history();
            LOG.info("train run={} resume from epoch {} ({})", config.name(), latest.get().epoch(),
                    runDir.relativize(latest.get().model()));   // relative to the run: no machine paths in logs
        } else {
            net = newNetwork(config, data, initialModel(config));
            history = List.of();
            LOG.info("train run={} has no checkpoint yet: starting from epoch 1", config.name());
        }
        return train(runDir, config, net, history, data);
    }

    /**
     * Reads the configuration saved in a training run's folder.
     *
     * @throws IllegalArgumentException for a folder without a run, or one holding an imported network (which was not
     *                                  trained here: it cannot be resumed or shipped with its training command)
     */
    public static TrainRunConfig readConfig(Path runDir) {
        Path file = runDir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no training run in " + runDir + ": " + CONFIG_FILE + " is missing");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root.has("kind") && ImportRunConfig.KIND.equals(root.get("kind").asText())) {
                throw new IllegalArgumentException(runDir + " holds an imported network (ullsnn import), not a "
                        + "training run: it cannot be trained further here");
            }
            return JSON.treeToValue(root.get("config"), TrainRunConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not a readable run configuration: " + e.getMessage(), e);
        }
    }

    private Result train(Path runDir, TrainRunConfig config, ComputationGraph net, List<EpochMetrics> history,
            Data data) {
        List<EpochMetrics> done = new ArrayList<>(history);
        Trainer trainer = new Trainer(config.training(), checkpoints(runDir, config), progress, m -> {
            done.add(m);
            MetricsTable.writeCsv(done, runDir.resolve(METRICS_FILE));
        });
        CifarEpochData epochs = new CifarEpochData(data.train(), data.test(), config.dataset().normalization(),
                config.training().batchSize(), config.training().seed(), config.augment());
        List<EpochMetrics> all = trainer.train(net, epochs, history);
        MetricsTable.writeCsv(all, runDir.resolve(METRICS_FILE));
        Graphs.save(net, runDir.resolve(MODEL_FILE));
        LOG.info("train run={} done epochs={} test_acc={} model={}", config.name(), all.size(),
                all.get(all.size() - 1).testAccuracy(), runDir.resolve(MODEL_FILE));
        return new Result(runDir, config, all, net);
    }

    private static CheckpointStore checkpoints(Path runDir, TrainRunConfig config) {
        return new CheckpointStore(runDir.resolve("checkpoints"), config.training().checkpointsToKeep());
    }

    /** The images a run trains and tests on, and the hashes of the files they came from. */
    private record Data(ImageSet train, ImageSet test, Map<String, String> hashes) {
    }

    private Data load(TrainRunConfig config) throws IOException {
        CifarDownloader.builder().offline(offline).listener(progress).build()
                .fetchIfMissing(config.dataset(), dataDir);
        CifarLayout layout = layouts.apply(config.dataset());
        CifarReader reader = new CifarReader(layout);
        ImageSet train = reader.read(dataDir, Split.TRAIN, config.labelLevel());
        ImageSet test = reader.read(dataDir, Split.TEST, config.labelLevel());
        if (config.trainPerClass() > 0) {
            train = train.firstPerClass(config.trainPerClass());
        }
        if (config.testPerClass() > 0) {
            test = test.firstPerClass(config.testPerClass());
        }
        List<Path> files = layout.files().stream().map(f -> layout.folder(dataDir).resolve(f.name())).toList();
        return new Data(train, test, Provenance.sha256(files));
    }

    private static void writeJson(Path file, Object value) {
        AtomicFile.write(file, tmp -> JSON.writeValue(tmp.toFile(), value));
    }
}
