package org.ullsnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.experiment.MetricsTable;
import org.ullsnn.experiment.RunLocation;
import org.ullsnn.experiment.TrainRun;
import org.ullsnn.experiment.TrainRunConfig;
import org.ullsnn.nn.ActivationKind;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.DenseInit;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.train.ScheduleKind;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ConsoleProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ullsnn train}: trains a DNN on CIFAR into {@code runs/<name>/} (config.json, metrics.csv, model.zip,
 * checkpoints). Settings start from a preset and each option overrides one value.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a DNN on CIFAR-10/100 with a trainable clip (METHOD.md §1).",
            "Writes <runs>/<name>/ with config.json, metrics.csv, checkpoints/ and model.zip.",
            "Presets: cpu = VGG-16 width 0.25, conv dropout 0.1, 20 epochs; paper = width 1, conv dropout 0.3, "
                    + "200 epochs. Both: ClipReLU (mu0 = 4), no BN, FC dropout 0.5, batch 128, Nesterov SGD "
                    + "lr 0.01 momentum 0.95, L2 5e-4, lr / 5 at 60/80/90 %% of the epochs (the step schedule). "
                    + "cosine = VGG-16 width 0.25 with BN, ClipReLU (mu0 = 4), no conv dropout, FC dropout 0.2, "
                    + "30 epochs, batch 120 (oneDNN is slow at power-of-two batches), Nesterov SGD lr 0.05 "
                    + "momentum 0.9, L2 5e-4, one warm-up epoch, then cosine annealing (the recipe of the shipped "
                    + "models)."})
public final class TrainCommand implements Callable<Integer> {

    /** Named starting points for the settings. */
    enum Preset { cpu, paper, cosine }

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--preset", defaultValue = "cpu", description = "cpu, paper or cosine (default: ${DEFAULT-VALUE}).")
    Preset preset;

    @Option(names = "--dataset", defaultValue = "cifar10", description = "cifar10 or cifar100 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--labels", defaultValue = "fine", description = "CIFAR-100 label level: fine or coarse (default: ${DEFAULT-VALUE}).")
    String labels;

    @Option(names = "--arch", description = "vgg11, vgg16, resnet20 or tiny.")
    String arch;

    @Option(names = "--width", description = "Width multiplier on every conv/FC layer.")
    Double width;

    @Option(names = "--activation", description = "clip-relu (trainable clip) or relu.")
    String activation;

    @Option(names = "--bn", negatable = true,
            description = "Batch norm after every convolution (folded at conversion); --no-bn switches it off.")
    Boolean batchNorm;

    @Option(names = "--conv-dropout", description = "Drop probability after conv activations.")
    Double convDropout;

    @Option(names = "--fc-dropout", description = "Drop probability after hidden FC activations.")
    Double fcDropout;

    @Option(names = "--initial-mu", description = "Starting clip value of every ClipReLU.")
    Double initialMu;

    @Option(names = "--activation-levels", paramLabel = "L", description = "Quantise every ClipReLU's output to L "
            + "steps of mu / L, rounding to the nearest (quantisation-aware training for conversion at T = L, with "
            + "the half-shift thresholds: Bu et al., ICLR 2022); 0, the default, keeps it continuous.")
    Integer activationLevels;

    @Option(names = "--init-from", paramLabel = "DIR", description = "Start from the parameters of this trained "
            + "network (a training run's folder, a shipped model's folder such as models/<name>, or a model file) "
            + "instead of a random initialisation; its layers must match --arch, --width and --bn.")
    String initFrom;

    @Option(names = "--bias", description = "Give conv/dense layers biases (the authors' code has none).")
    boolean bias;

    @Option(names = "--dense-init", description = "normal (N(0, 0.01), the paper's) or kaiming.")
    String denseInit;

    @Option(names = "--epochs", description = "Number of epochs.")
    Integer epochs;

    @Option(names = "--batch", description = "Batch size.")
    Integer batch;

    @Option(names = "--lr", description = "Initial (peak) learning rate.")
    Double lr;

    @Option(names = "--schedule", description = "Learning-rate schedule: step (lr / 5 at 60/80/90 %% of the epochs, "
            + "never before the first epoch ends) or cosine (warm-up, then cosine annealing to 0).")
    String schedule;

    @Option(names = "--warmup-epochs", description = "Cosine schedule: epochs of linear warm-up (default: 1 with "
            + "--schedule cosine).")
    Double warmupEpochs;

    @Option(names = "--momentum", description = "Nesterov momentum.")
    Double momentum;

    @Option(names = "--l2", description = "L2 coefficient (weight decay), applied to mu too.")
    Double l2;

    @Option(names = "--seed", description = "Seed of weights, data order, augmentation and dropout.")
    Long seed;

    @Option(names = "--train-per-class", defaultValue = "0",
            description = "Train on the first N images of each class (0: all; default: ${DEFAULT-VALUE}).")
    int trainPerClass;

    @Option(names = "--test-per-class", defaultValue = "0",
            description = "Test on the first N images of each class (0: all; default: ${DEFAULT-VALUE}).")
    int testPerClass;

    @Option(names = "--no-augment", description = "Switch off random crop and flip.")
    boolean noAugment;

    @Option(names = "--keep-checkpoints", description = "Checkpoints kept on disk (default: 2).")
    Integer keepCheckpoints;

    @Option(names = "--name", description = "Run name (default: <dataset>-<arch>-w<width>-<activation>).")
    String name;

    @Option(names = "--runs", paramLabel = "DIR",
            description = "Folder holding the runs (default: $" + RunLocation.RUNS_ENV + ", else ./runs).")
    Path runs;

    @Option(names = "--resume", description = "Continue run --name from its last checkpoint, with its saved settings.")
    boolean resume;

    /** Length of the cosine preset (about two hours at width 0.25 on 2 cores). */
    static final int COSINE_PRESET_EPOCHS = 30;

    /** Options that configure a new run; with --resume, the saved config.json decides them instead. */
    private static final List<String> RUN_SETTINGS = List.of("--preset", "--dataset", "--labels", "--arch",
            "--width", "--activation", "--activation-levels", "--init-from", "--bn", "--conv-dropout", "--fc-dropout",
            "--initial-mu", "--bias",
            "--dense-init", "--epochs", "--batch", "--lr", "--schedule", "--warmup-epochs", "--momentum", "--l2", "--seed", "--train-per-class",
            "--test-per-class", "--no-augment", "--keep-checkpoints");

    @Override
    public Integer call() throws Exception {
        TrainRun run = new TrainRun(data.location().directory(), data.offline(), ConsoleProgressBar.onStderr(),
                data.layouts());
        Path runs = RunLocation.runsRoot(this.runs, System.getenv());
        TrainRun.Result result;
        if (resume) {
            if (name == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--resume needs --name of the run");
            }
            List<String> given = RUN_SETTINGS.stream()
                    .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o)).toList();
            if (!given.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "with --resume the run's saved "
                        + "config.json fixes " + String.join(", ", given) + "; leave them out");
            }
            result = run.resume(runs.resolve(name));
        } else {
            result = run.start(config(), runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(MetricsTable.of(result.history()).printAll());
        out.printf(Locale.ROOT, "run %s: %d epochs, final test accuracy %.2f %%; model %s%n",
                result.config().name(), result.history().size(), 100 * result.finalAccuracy(),
                result.runDir().resolve(TrainRun.MODEL_FILE));
        out.flush();
        return 0;
    }

    /** The run's settings: the preset, then every option given. */
    TrainRunConfig config() {
        CifarDataset ds = CifarDataset.fromId(dataset);
        LabelLevel level = LabelLevel.valueOf(labels.trim().toUpperCase(Locale.ROOT));
        int classes = ds.classes(level);
        NetworkSpec net = switch (preset) {
            case cpu -> NetworkSpec.cpuPreset(classes);
            case paper -> NetworkSpec.defaults(Architecture.VGG16, classes);
            case cosine -> NetworkSpec.cpuPreset(classes).withBatchNorm(true).withConvDropout(0).withFcDropout(0.2);
        };
        TrainConfig train = switch (preset) {
            case cpu -> TrainConfig.cpuPreset();
            case paper -> TrainConfig.defaults();
            case cosine -> TrainConfig.cosinePreset(COSINE_PRESET_EPOCHS);
        };
        if (arch != null) {
            net = net.withArchitecture(Architecture.parse(arch));
        }
        if (width != null) {
            net = net.withWidth(width);
        }
        if (activation != null) {
            net = net.withActivation(ActivationKind.parse(activation));
        }
        if (batchNorm != null) {
            net = net.withBatchNorm(batchNorm);
        }
        net = net.withBias(bias);
        if (convDropout != null) {
            net = net.withConvDropout(convDropout);
        }
        if (fcDropout != null) {
            net = net.withFcDropout(fcDropout);
        }
        if (initialMu != null) {
            net = net.withInitialMu(initialMu);
        }
        if (activationLevels != null) {
            net = net.withActivationLevels(activationLevels);
        }
        if (denseInit != null) {
            net = net.withDenseInit(switch (denseInit.trim().toLowerCase(Locale.ROOT)) {
                case "normal" -> DenseInit.NORMAL_001;
                case "kaiming" -> DenseInit.KAIMING;
                default -> throw new IllegalArgumentException("unknown --dense-init '" + denseInit
                        + "'; expected normal or kaiming");
            });
        }
        if (epochs != null || schedule != null || warmupEpochs != null) {
            int e = epochs != null ? epochs : train.epochs();
            ScheduleKind kind = schedule != null ? ScheduleKind.parse(schedule) : train.scheduleKind();
            double presetWarmup = schedule != null ? 1 : train.warmupEpochs();
            double warmup = warmupEpochs != null ? warmupEpochs
                    : kind == ScheduleKind.COSINE ? Math.max(0, Math.min(presetWarmup, e - 1)) : 0;
            train = train.withEpochsAndSchedule(e, kind, warmup);
        }
        if (batch != null) {
            train = train.withBatchSize(batch);
        }
        if (lr != null) {
            train = train.withLearningRate(lr);
        }
        if (momentum != null) {
            train = train.withMomentum(momentum);
        }
        if (l2 != null) {
            train = train.withL2(l2);
        }
        if (seed != null) {
            train = train.withSeed(seed);
        }
        if (keepCheckpoints != null) {
            train = train.withCheckpointsToKeep(keepCheckpoints);
        }
        String runName = name != null ? name : TrainRunConfig.defaultName(ds, net);
        return new TrainRunConfig(runName, ds, level, net, train, trainPerClass, testPerClass, !noAugment, initFrom);
    }

    /**
     * The {@code bin/ullsnn train} command line that reproduces {@code config}: {@link #reproducingArguments} after
     * the program's name.
     */
    static String reproducingCommand(TrainRunConfig config) {
        return "bin/ullsnn train " + String.join(" ", reproducingArguments(config));
    }

    /**
     * The arguments of {@code ullsnn train} that give exactly {@code config}: every setting an explicit option, so that
     * no preset or default decides anything; checked by parsing them back.
     *
     * @throws IllegalArgumentException when the options cannot express the config (settings the CLI does not expose,
     *                                  such as the milestones or the input size), naming the settings that differ
     */
    static List<String> reproducingArguments(TrainRunConfig c) {
        NetworkSpec n = c.network();
        TrainConfig t = c.training();
        List<String> a = new ArrayList<>(List.of(
                "--dataset", c.dataset().id(),
                "--labels", c.labelLevel().id(),
                "--arch", n.architecture().cliName(),
                "--width", number(n.width()),
                "--activation", n.activation().cliName(),
                n.batchNorm() ? "--bn" : "--no-bn",
                "--conv-dropout", number(n.convDropout()),
                "--fc-dropout", number(n.fcDropout()),
                "--initial-mu", number(n.initialMu())));
        if (n.activationLevels() > 0) {
            a.addAll(List.of("--activation-levels", String.valueOf(n.activationLevels())));
        }
        if (c.initFrom() != null) {
            a.addAll(List.of("--init-from", c.initFrom()));
        }
        if (n.bias()) {
            a.add("--bias");
        }
        a.addAll(List.of(
                "--dense-init", n.denseInit() == DenseInit.KAIMING ? "kaiming" : "normal",
                "--epochs", String.valueOf(t.epochs()),
                "--batch", String.valueOf(t.batchSize()),
                "--lr", number(t.learningRate()),
                "--schedule", t.scheduleKind().cliName(),
                "--warmup-epochs", number(t.warmupEpochs()),
                "--momentum", number(t.momentum()),
                "--l2", number(t.l2()),
                "--seed", String.valueOf(t.seed()),
                "--train-per-class", String.valueOf(c.trainPerClass()),
                "--test-per-class", String.valueOf(c.testPerClass())));
        if (!c.augment()) {
            a.add("--no-augment");
        }
        a.addAll(List.of("--keep-checkpoints", String.valueOf(t.checkpointsToKeep()), "--name", c.name()));

        TrainCommand parsed = new TrainCommand();
        new CommandLine(parsed).parseArgs(a.toArray(String[]::new));
        TrainRunConfig back = parsed.config();
        if (!back.equals(c)) {
            throw new IllegalArgumentException("the train command cannot reproduce run " + c.name() + ": its options "
                    + "give " + String.join(", ", differences(c, back, "")) + " (settings the CLI does not expose)");
        }
        return a;
    }

    /** A number as it round-trips through {@link Double#parseDouble}, without exponent: 0.0005, 0.25, 4. */
    static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** {@code name: wanted -> got} for every record component that differs, nested records followed. */
    static List<String> differences(Record wanted, Record got, String prefix) {
        List<String> out = new ArrayList<>();
        for (java.lang.reflect.RecordComponent rc : wanted.getClass().getRecordComponents()) {
            try {
                Object w = rc.getAccessor().invoke(wanted);
                Object g = rc.getAccessor().invoke(got);
                if (w instanceof Record wr && g instanceof Record gr && w.getClass() == g.getClass()) {
                    out.addAll(differences(wr, gr, prefix + rc.getName() + "."));
                } else if (!java.util.Objects.equals(w, g)) {
                    out.add(prefix + rc.getName() + " " + g + " instead of " + w);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + rc.getName() + " of " + wanted.getClass(), e);
            }
        }
        return out;
    }
}
