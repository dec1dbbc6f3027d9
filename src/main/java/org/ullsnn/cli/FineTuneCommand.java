package org.ullsnn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ullsnn.experiment.FineTuneRun;
import org.ullsnn.experiment.FineTuneRunConfig;
import org.ullsnn.experiment.MetricsTable;
import org.ullsnn.experiment.RunLocation;
import org.ullsnn.experiment.Tables;
import org.ullsnn.nn.train.ScheduleKind;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ConsoleProgressBar;
import org.ullsnn.snn.FineTuneSettings;
import org.ullsnn.snn.FineTuning;
import org.ullsnn.snn.Surrogate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ullsnn finetune}: converts a trained run and fine-tunes the SNN with surrogate gradients through time
 * (METHOD.md §5), into {@code <outputs>/finetune/<name>/} ({@link RunLocation}: the run folder, or
 * {@code <runs>/<name>/} for a shipped model).
 */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert a trained DNN and fine-tune the SNN at T steps with surrogate-gradient BPTT.",
            "Defaults (METHOD.md §5): AMSGrad lr 1e-4 / 5 at 60/80/90 %% (--schedule cosine for warm-up and cosine), "
                    + "batch 128, boxcar surrogate, dropout 0.1 shared over time, thresholds and leaks trained (leak <= 1).",
            "Writes <run>/finetune/<name>/: config.json, accuracy_before.json, metrics.csv, drift.csv, checkpoints/, "
                    + "model.zip; for a shipped model (--model NAME) <run> is <runs>/NAME."})
public final class FineTuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--timesteps", defaultValue = "2", description = "T (default: ${DEFAULT-VALUE}).")
    int timesteps;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--strategy", defaultValue = "fitted-dnn", description = "Conversion strategy, named as in convert, e.g. fitted-dnn:1.3 (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}, METHOD.md's; "
            + "120 trained 1.3-1.5x faster on our 2-core machine).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-4", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--schedule", defaultValue = "step", description = "Learning-rate schedule: step (lr / 5 at "
            + "60/80/90 %% of the epochs, the paper's) or cosine (warm-up, then cosine annealing to 0) (default: "
            + "${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--warmup-epochs", description = "Cosine schedule: epochs of linear warm-up (default: 0).")
    Double warmupEpochs;

    @Option(names = "--l2", defaultValue = "0", description = "L2 coefficient (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--surrogate", defaultValue = "BOXCAR",
            description = "BOXCAR, TRIANGLE or FAST_SIGMOID (default: ${DEFAULT-VALUE}).")
    Surrogate surrogate;

    @Option(names = "--dropout", defaultValue = "0.1", description = "Time-shared dropout on spikes (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--detach-reset", description = "Drop the surrogate terms through the reset.")
    boolean detachReset;

    @Option(names = "--distill", defaultValue = "0", description = "Share w of the source DNN's class probabilities in "
            + "the training labels, y = (1 - w) one-hot + w softmax(DNN): knowledge distillation; 0 is the paper's "
            + "one-hot loss (default: ${DEFAULT-VALUE}).")
    double distill;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--calibration-images", defaultValue = "1024", description = "Images used to convert (default: ${DEFAULT-VALUE}).")
    int calibrationImages;

    @Option(names = "--train-per-class", defaultValue = "0", description = "First N training images per class (0: all).")
    int trainPerClass;

    @Option(names = "--test-per-class", defaultValue = "0", description = "First N test images per class (0: all).")
    int testPerClass;

    @Option(names = "--no-augment", description = "Switch off random crop and flip.")
    boolean noAugment;

    @Option(names = "--count-max-pool", description = "Convert with count-max pools (as convert --count-max-pool) and "
            + "fine-tune through them.")
    boolean countMaxPool;

    @Option(names = "--name", description = "Folder name under <run>/finetune/ (default: <strategy>-T<T>).")
    String name;

    @Option(names = "--resume", description = "Continue --name from its last checkpoint, with its saved settings.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        RunLocation run = runOptions.location();
        PrintWriter out = spec.commandLine().getOut();
        if (run.isModel()) {
            out.println(run.note());
            out.flush();
        }
        FineTuneRun runner = new FineTuneRun(data.location().directory(), data.offline(), data.layouts(),
                ConsoleProgressBar.onStderr());
        String folder = folderName();
        FineTuneRun.Result r;
        if (resume) {
            List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
                    .map(o -> o.longestName())
                    .filter(o -> !List.of("--run", "--model", "--runs", "--models", "--name", "--resume", "--data",
                            "--offline").contains(o)).toList();
            if (!given.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "with --resume the saved config.json fixes "
                        + String.join(", ", given) + "; leave them out");
            }
            r = runner.resume(run, folder);
        } else {
            r = runner.start(run, config());
        }
        out.println(Tables.rounded(MetricsTable.of(r.history()), 4).printAll());
        out.println(Tables.rounded(FineTuning.driftTable(r.drift()), 4).printAll());
        out.printf(Locale.ROOT, "fine-tuning %s: T = %d, test accuracy %.2f %% before this call, %.2f %% after %d epochs; %s%n",
                r.config().name(), r.config().timesteps(), 100 * r.accuracyBefore(),
                100 * r.history().get(r.history().size() - 1).testAccuracy(), r.history().size(), r.dir());
        out.flush();
        return 0;
    }

    private String folderName() {
        return name != null ? name : FineTuneRunConfig.defaultName(strategy, timesteps);
    }

    /** The run these options describe. */
    FineTuneRunConfig config() {
        TrainConfig train = TrainConfig.fineTuning().withEpochs(epochs).withBatchSize(batch).withLearningRate(lr)
                .withL2(l2).withSeed(seed)
                .withSchedule(ScheduleKind.parse(schedule), warmupEpochs == null ? 0 : warmupEpochs);
        return new FineTuneRunConfig(folderName(), strategy, timesteps, calibrationImages,
                new FineTuneSettings(surrogate, dropout, detachReset), train, trainPerClass, testPerClass, !noAugment, distill,
                countMaxPool);
    }

    /**
     * The {@code bin/ullsnn finetune} command line that gives exactly {@code c} from the shipped model {@code model}:
     * every setting an explicit option; checked by parsing it back.
     *
     * @throws IllegalArgumentException when the options cannot express the config, naming the settings that differ
     */
    static String reproducingCommand(FineTuneRunConfig c, String model) {
        TrainConfig t = c.training();
        List<String> a = new ArrayList<>(List.of("--model", model,
                "--strategy", c.strategy(),
                "--timesteps", String.valueOf(c.timesteps()),
                "--epochs", String.valueOf(t.epochs()),
                "--batch", String.valueOf(t.batchSize()),
                "--lr", TrainCommand.number(t.learningRate()),
                "--schedule", t.scheduleKind().cliName()));
        if (t.warmupEpochs() != 0) {
            a.addAll(List.of("--warmup-epochs", TrainCommand.number(t.warmupEpochs())));
        }
        a.addAll(List.of("--l2", TrainCommand.number(t.l2()),
                "--surrogate", c.settings().surrogate().name(),
                "--dropout", TrainCommand.number(c.settings().dropout())));
        if (c.settings().detachReset()) {
            a.add("--detach-reset");
        }
        if (c.distillation() != 0) {
            a.addAll(List.of("--distill", TrainCommand.number(c.distillation())));
        }
        a.addAll(List.of("--seed", String.valueOf(t.seed()),
                "--calibration-images", String.valueOf(c.calibrationImages()),
                "--train-per-class", String.valueOf(c.trainPerClass()),
                "--test-per-class", String.valueOf(c.testPerClass())));
        if (!c.augment()) {
            a.add("--no-augment");
        }
        if (c.countMaxPool()) {
            a.add("--count-max-pool");
        }
        a.addAll(List.of("--name", c.name()));
        FineTuneCommand parsed = new FineTuneCommand();
        new CommandLine(parsed).parseArgs(a.toArray(String[]::new));
        FineTuneRunConfig back = parsed.config();
        if (!back.equals(c)) {
            throw new IllegalArgumentException("the finetune command cannot reproduce run " + c.name() + ": its options "
                    + "give " + String.join(", ", TrainCommand.differences(c, back, "")) + " (settings the CLI does not expose)");
        }
        return "bin/ullsnn finetune " + String.join(" ", a);
    }
}
