package org.ullsnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ullsnn.experiment.ModelCard;
import org.ullsnn.experiment.ModelZoo;
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
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false, subcommands = ModelsCommand.Add.class,
        description = {"List the shipped models (<models>/<name>/: model.zip, model.json, metrics.csv, config.json), "
                + "checking every model.zip against the SHA-256 in its model.json.",
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
        ModelZoo zoo = new ModelZoo(models != null ? models : RunOptions.defaultModelsDir());
        List<ModelZoo.Entry> entries = zoo.list();
        PrintWriter out = spec.commandLine().getOut();
        if (entries.isEmpty()) {
            out.println("no models in " + zoo.dir() + "; make one from a finished training run with: "
                    + "ullsnn models add --run DIR --name NAME");
            out.flush();
            return 0;
        }
        out.print(table(entries));
        out.printf(Locale.ROOT, "%d model(s), %.1f MB in %s (budget %.0f MB)%n", entries.size(),
                zoo.totalBytes() / ModelZoo.MB, zoo.dir(), ModelZoo.BUDGET_BYTES / ModelZoo.MB);
        out.flush();
        List<ModelZoo.Entry> failed = entries.stream().filter(e -> !e.ok()).toList();
        if (failed.isEmpty()) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (ModelZoo.Entry e : failed) {
            err.println("ullsnn models: " + e.name() + ": " + e.check() + ": " + e.problem());
        }
        err.println("ullsnn models: " + failed.size() + " of " + entries.size() + " model(s) failed the check; restore "
                + "them (git checkout -- " + zoo.dir() + ") or re-add them with: ullsnn models add --force");
        err.flush();
        return 1;
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
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                boolean number = i == 3 || i == 4;
                String cell = number ? " ".repeat(width[i] - r[i].length()) + r[i]
                        : r[i] + " ".repeat(width[i] - r[i].length());
                sb.append(cell).append(i < r.length - 1 ? "  " : "");
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString().replaceAll(" +" + System.lineSeparator(), System.lineSeparator());
    }

    /** {@code ullsnn models add}: a zoo entry from a finished training run. */
    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Make the shipped model <models>/NAME/ from a finished training run: model.zip without "
                    + "updater state, its test accuracy measured here on the FULL test set, metrics.csv and config.json "
                    + "copied, model.json (data set, network, accuracy, epochs, training hours, the train command that "
                    + "reproduces the run, SHA-256 of model.zip); then the table in <models>/README.md.",
                "Refuses a run without model.zip, or whose metrics.csv does not cover all its epochs, and an existing "
                        + "NAME unless --force. Warns when <models>/ holds more than 40 MB."})
    static final class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Option(names = "--run", required = true, paramLabel = "DIR", description = "The finished training run.")
        Path run;

        @Option(names = "--name", required = true, description = "The model's name, its folder under <models>/.")
        String name;

        @Option(names = "--models", paramLabel = "DIR", description = "The models folder (default: <repository>/models).")
        Path models;

        @Option(names = "--force", description = "Replace an existing model of that name.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            TrainRunConfig config = TrainRun.readConfig(run);
            String command = TrainCommand.reproducingCommand(config);
            ModelZoo zoo = new ModelZoo(models != null ? models : RunOptions.defaultModelsDir());
            ModelZoo.Added a = zoo.add(run, name, command, force, new ModelZoo.DataSource(data.location().directory(),
                    data.offline(), data.layouts()), ConsoleProgressBar.onStderr());
            ModelCard c = a.card();
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "model %s: %s, %s, test accuracy %.2f %% on %,d test images (the full test set), "
                    + "%d epoch%s, %.2f training hours%n", c.name(), c.datasetName(), c.network(),
                    100 * c.testAccuracy(), c.testImages(), c.epochs(), c.epochs() == 1 ? "" : "s", c.trainingHours());
            out.printf(Locale.ROOT, "wrote %s: model.zip %.2f MB (no updater state, SHA-256 %s), model.json, "
                    + "metrics.csv, config.json; table in %s%n", a.folder(), a.bytes() / ModelZoo.MB, c.modelSha256(),
                    zoo.dir().resolve(ModelZoo.README_FILE));
            out.println("reproduce: " + c.trainCommand());
            out.printf(Locale.ROOT, "%s holds %.1f MB (budget %.0f MB)%n", zoo.dir(), a.totalBytes() / ModelZoo.MB,
                    ModelZoo.BUDGET_BYTES / ModelZoo.MB);
            out.flush();
            if (a.overBudget()) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf(Locale.ROOT, "ullsnn models add: warning: %s now holds %.1f MB, over the %.0f MB budget; every "
                        + "clone of the repository carries it%n", zoo.dir(), a.totalBytes() / ModelZoo.MB,
                        ModelZoo.BUDGET_BYTES / ModelZoo.MB);
                err.flush();
            }
            return 0;
        }
    }
}
