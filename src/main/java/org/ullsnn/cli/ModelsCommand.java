package org.ullsnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ullsnn.experiment.FineTuneRun;
import org.ullsnn.experiment.FineTunedCard;
import org.ullsnn.experiment.ModelCard;
import org.ullsnn.experiment.ModelZoo;
import org.ullsnn.experiment.ShippedFineTuning;
import org.ullsnn.experiment.TrainRun;
import org.ullsnn.experiment.TrainRunConfig;
import org.ullsnn.progress.ConsoleProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ullsnn models}: lists the shipped models ({@link ModelZoo}) with each {@code model.zip} checked against its
 * SHA-256, and exits with 1 when one fails; {@code ullsnn models add} makes an entry from a finished training run.
 */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false, subcommands = {ModelsCommand.Add.class, ModelsCommand.AddFineTune.class},
        description = {"List the shipped models (<models>/<name>/: model.zip, model.json, metrics.csv, config.json), "
                + "checking every model.zip against the SHA-256 in its model.json, and the fine-tuned SNNs shipped "
                + "beside them (<models>/<name>/finetune/<run>/, checked against their finetune.json).",
            "Exits with 1 when a checksum does not match or a file is missing.",
            "Any command that takes --run takes a model folder, or --model NAME; it never writes into models/: its "
                    + "outputs go to <runs>/<name>/."})
public final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--models", paramLabel = "DIR", description = "The models folder (default: <repository>/models).")
    Path models;

    @Override
    public Integer call() throws Exception {
        ModelZoo zoo = new ModelZoo(RunOptions.modelsDir(models));
        List<ModelZoo.Entry> entries = zoo.list();
        PrintWriter out = spec.commandLine().getOut();
        if (entries.isEmpty()) {
            out.println("no models in " + zoo.dir() + "; make one from a finished training run with: "
                    + "ullsnn models add --run DIR --name NAME");
            out.flush();
            return 0;
        }
        out.print(table(entries));
        List<ShippedFineTuning.Entry> tuned = new ArrayList<>();
        for (ModelZoo.Entry e : entries) {
            tuned.addAll(ShippedFineTuning.list(e.folder()));
        }
        if (!tuned.isEmpty()) {
            out.println();
            out.print(fineTunedTable(tuned));
        }
        out.printf(Locale.ROOT, "%d model(s), %d fine-tuned SNN(s), %.1f MB in %s (budget %.0f MB)%n", entries.size(),
                tuned.size(), zoo.totalBytes() / ModelZoo.MB, zoo.dir(), ModelZoo.BUDGET_BYTES / ModelZoo.MB);
        out.flush();
        List<String> failed = new ArrayList<>();
        entries.stream().filter(e -> !e.ok()).forEach(e -> failed.add(e.name() + ": " + e.check() + ": " + e.problem()));
        tuned.stream().filter(e -> !e.ok()).forEach(e -> failed.add(zoo.dir().relativize(e.folder()) + ": " + e.check()
                + ": " + e.problem()));
        if (failed.isEmpty()) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        failed.forEach(f -> err.println("ullsnn models: " + f));
        err.println("ullsnn models: " + failed.size() + " of " + (entries.size() + tuned.size()) + " entries failed the "
                + "check; restore them (git checkout -- " + zoo.dir() + ") or re-add them with: ullsnn models add "
                + "--force (or add-finetune --force)");
        err.flush();
        return 1;
    }

    /** One row per shipped fine-tuned SNN: model, run, strategy, T, accuracy before and after, size, checksum. */
    static String fineTunedTable(List<ShippedFineTuning.Entry> entries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "finetune", "strategy", "T", "converted", "fine-tuned", "size_MB", "checksum"});
        for (ShippedFineTuning.Entry e : entries) {
            FineTunedCard c = e.card();
            rows.add(new String[] {c == null ? "?" : c.model(), e.folder().getFileName().toString(),
                c == null ? "?" : c.strategy(), c == null ? "?" : String.valueOf(c.timesteps()),
                c == null ? "?" : String.format(Locale.ROOT, "%.2f %%", 100 * c.accuracyBefore()),
                c == null ? "?" : String.format(Locale.ROOT, "%.2f %%", 100 * c.testAccuracy()),
                c == null ? "-" : String.format(Locale.ROOT, "%.2f", c.snnBytes() / ModelZoo.MB), e.check().name()});
        }
        return padded(rows, java.util.Set.of(3, 4, 5, 6));
    }

    /** One row per model: name, data set, network, accuracy, size, checksum; columns padded to their widths. */
    static String table(List<ModelZoo.Entry> entries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "dataset", "arch", "accuracy", "size_MB", "checksum"});
        for (ModelZoo.Entry e : entries) {
            ModelCard c = e.card();
            rows.add(new String[] {e.name(),
                c == null ? "?" : c.datasetName() + ("coarse".equals(c.labels()) ? " (coarse)" : ""),
                c == null ? "?" : c.network(),
                c == null ? "?" : String.format(Locale.ROOT, "%.2f %%", 100 * c.testAccuracy()),
                e.bytes() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", e.bytes() / ModelZoo.MB),
                e.check().name()});
        }
        return padded(rows, java.util.Set.of(3, 4));
    }

    /** The rows as columns padded to their widths, the {@code numeric} ones right-aligned. */
    private static String padded(List<String[]> rows, java.util.Set<Integer> numeric) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                boolean number = numeric.contains(i);
                String cell = number ? " ".repeat(width[i] - r[i].length()) + r[i]
                        : r[i] + " ".repeat(width[i] - r[i].length());
                sb.append(cell).append(i < r.length - 1 ? "  " : "");
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString().replaceAll(" +" + System.lineSeparator(), System.lineSeparator());
    }

    /** Prints what the models folder holds against its budget, and a warning on stderr when it is over. */
    private static void printBudget(CommandSpec spec, String command, ModelZoo zoo, long totalBytes) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s holds %.1f MB (budget %.0f MB)%n", zoo.dir(), totalBytes / ModelZoo.MB,
                ModelZoo.BUDGET_BYTES / ModelZoo.MB);
        out.flush();
        if (ModelZoo.overBudget(totalBytes)) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "ullsnn %s: warning: %s now holds %.1f MB, over the %.0f MB budget; every clone of "
                    + "the repository carries it%n", command, zoo.dir(), totalBytes / ModelZoo.MB,
                    ModelZoo.BUDGET_BYTES / ModelZoo.MB);
            err.flush();
        }
    }

    /** What the commands that write into the models folder share: where it is, --force, and the test data they measure on. */
    static final class ZooWrite {

        @Mixin
        DataOptions data;

        @Option(names = "--models", paramLabel = "DIR", description = "The models folder (default: <repository>/models).")
        Path models;

        @Option(names = "--force", description = "Replace what is already shipped under that name.")
        boolean force;

        ModelZoo zoo() {
            return new ModelZoo(RunOptions.modelsDir(models));
        }

        ModelZoo.DataSource dataSource() {
            return new ModelZoo.DataSource(data.location().directory(), data.offline(), data.layouts());
        }
    }

    /** {@code ullsnn models add}: a zoo entry from a finished training run. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Make the shipped model <models>/NAME/ from a finished training run: model.zip without "
                    + "updater state, its test accuracy measured here on the FULL test set, metrics.csv and config.json "
                    + "copied, model.json (data set, network, accuracy, epochs, training hours, the train command that "
                    + "reproduces the run, SHA-256 of model.zip); then the table in <models>/README.md.",
                "Refuses a run without model.zip, or whose metrics.csv does not cover all its epochs, and an existing "
                        + "NAME unless --force. --force on an entry made from the same run (e.g. to store it again "
                        + "with --half-precision) keeps its fine-tuned SNNs. Warns when <models>/ holds more than 40 MB."})
    static final class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ZooWrite zooWrite;

        @Option(names = "--run", required = true, paramLabel = "DIR", description = "The finished training run.")
        Path run;

        @Option(names = "--name", required = true, description = "The model's name, its folder under <models>/.")
        String name;

        @Option(names = "--half-precision", description = "Store the parameters in half precision: half the size, "
                + "read back as FLOAT; the test accuracy is measured on them.")
        boolean halfPrecision;

        @Override
        public Integer call() throws Exception {
            TrainRunConfig config = TrainRun.readConfig(run);
            String command = TrainCommand.reproducingCommand(config);
            ModelZoo zoo = zooWrite.zoo();
            ModelZoo.Added a = zoo.add(run, name, command, zooWrite.force, halfPrecision, zooWrite.dataSource(),
                    ConsoleProgressBar.onStderr());
            ModelCard c = a.card();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "model %s: %s, %s, test accuracy %.2f %% on %,d test images (the full test set), "
                    + "%d epoch%s, %.2f training hours%n", c.name(), c.datasetName(), c.network(),
                    100 * c.testAccuracy(), c.testImages(), c.epochs(), c.epochs() == 1 ? "" : "s", c.trainingHours());
            out.printf(Locale.ROOT, "wrote %s: model.zip %.2f MB (no updater state%s, SHA-256 %s), model.json, "
                    + "metrics.csv, config.json; table in %s%n", a.folder(), a.bytes() / ModelZoo.MB,
                    c.halfPrecision() ? ", half precision" : "", c.modelSha256(),
                    zoo.dir().resolve(ModelZoo.README_FILE));
            if (!a.keptFineTunings().isEmpty()) {
                out.println("kept the replaced entry's fine-tuned SNNs (converted from the same run, " + c.run()
                        + "): " + String.join(", ", a.keptFineTunings()));
            }
            out.println("reproduce: " + c.trainCommand());
            printBudget(spec, "models add", zoo, a.totalBytes());
            return 0;
        }
    }

    /** {@code ullsnn models add-finetune}: ships a finished fine-tuning run beside the model it was converted from. */
    @Command(name = "add-finetune", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Ship the finished fine-tuning run DIR (<runs>/<model>/finetune/<name>/, made by ullsnn "
                    + "finetune --model MODEL) as <models>/MODEL/finetune/<name>/: the SNN in half precision without "
                    + "updater state, "
                    + "simulated here at its T on the FULL test set, metrics.csv, drift.csv, accuracy_before.json and "
                    + "config.json copied, finetune.json (strategy, T, epochs, accuracy as converted and fine-tuned, "
                    + "hours, the finetune command that reproduces it, SHA-256); then the table in <models>/README.md.",
                "Refuses an unfinished run, one converted from another model than MODEL (by the model SHA-256 its "
                        + "config.json records), and an existing entry unless --force. Warns above 40 MB in all."})
    static final class AddFineTune implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ZooWrite zooWrite;

        @Option(names = "--run", required = true, paramLabel = "DIR", description = "The finished fine-tuning run.")
        Path run;

        @Option(names = "--model", required = true, description = "The shipped model it was converted from.")
        String model;

        @Override
        public Integer call() throws Exception {
            String command = FineTuneCommand.reproducingCommand(FineTuneRun.readConfig(run), model);
            ModelZoo zoo = zooWrite.zoo();
            ShippedFineTuning.Added a = ShippedFineTuning.add(zoo, model, run, command, zooWrite.force,
                    zooWrite.dataSource(), ConsoleProgressBar.onStderr());
            FineTunedCard c = a.card();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "fine-tuned SNN %s/%s: %s at T = %d, %d epochs: %.2f %% as converted (%,d images), "
                    + "%.2f %% fine-tuned on %,d test images (the full test set), %.2f training hours%n", c.model(),
                    c.name(), c.strategy(), c.timesteps(), c.epochs(), 100 * c.accuracyBefore(), c.runTestImages(),
                    100 * c.testAccuracy(), c.testImages(), c.trainingHours());
            out.printf(Locale.ROOT, "wrote %s: model.zip %.2f MB (FP16 parameters, no updater state, SHA-256 %s); "
                    + "table in %s%n",
                    a.folder(), c.snnBytes() / ModelZoo.MB, c.snnSha256(), zoo.dir().resolve(ModelZoo.README_FILE));
            out.println("reproduce: " + c.finetuneCommand());
            printBudget(spec, "models add-finetune", zoo, a.totalBytes());
            return 0;
        }
    }
}
