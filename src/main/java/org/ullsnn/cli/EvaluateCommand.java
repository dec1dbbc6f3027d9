package org.ullsnn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ullsnn.experiment.RunInputs;
import org.ullsnn.experiment.RunLocation;
import org.ullsnn.experiment.Tables;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.train.Accuracy;
import org.ullsnn.progress.ConsoleProgressBar;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.LayerSpikes;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.Simulator;
import org.ullsnn.snn.SpikingNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code ullsnn evaluate}: the DNN's test accuracy (the full test set unless {@code --test-per-class}) and, when the
 * run has saved SNNs ({@code ullsnn convert --save}), each SNN's accuracy after every step t; the SNN tables go to
 * {@code <outputs>/<out>/} ({@link RunLocation}: the run folder, or {@code <runs>/<name>/} for a shipped model).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a run's or a shipped model's DNN on the test set (all of it by default), and its saved "
                + "SNNs (default: every <run>/snn/*.zip, made by convert --save) after every step t.",
            "Prints the DNN's accuracy and strategy x t -> accuracy; writes <run>/<out>/accuracy.csv and "
                    + "spike_rates.csv when there are SNNs. For a shipped model (--model NAME) <run> is <runs>/NAME."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    RunOptions runOptions;

    @Option(names = "--snn", split = ",", description = "SNN files to evaluate (default: every <run>/snn/*.zip).")
    List<Path> snnFiles;

    @Option(names = "--test-per-class", defaultValue = "0",
            description = "Test on the first N images of each class (0: all; default: ${DEFAULT-VALUE}).")
    int testPerClass;

    @Option(names = "--batch", defaultValue = "100", description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--out", defaultValue = "evaluation", description = "Output folder inside the run (default: ${DEFAULT-VALUE}).")
    String out;

    @Override
    public Integer call() throws Exception {
        ProgressListener progress = ConsoleProgressBar.onStderr();
        RunLocation run = runOptions.location();
        PrintWriter o = spec.commandLine().getOut();
        if (run.isModel()) {
            o.println(run.note());
            o.flush();
        }
        Path snnDir = run.output(ConvertCommand.SNN_DIR);
        List<Path> files = snnFiles != null ? snnFiles : savedSnns(snnDir);
        RunInputs inputs = RunInputs.load(run.source(), data.location().directory(), data.offline(), 1, testPerClass,
                data.layouts(), progress);
        double dnnAccuracy = Accuracy.of(inputs.dnn(), inputs.testBatches(batch).get(), "DNN test accuracy", progress);
        String dnnLine = String.format(Locale.ROOT, "DNN (%s) test accuracy %.2f %% on %,d %s test images%s",
                run.isModel() ? "model " + run.modelName() : inputs.modelFile(), 100 * dnnAccuracy,
                inputs.test().size(), inputs.config().dataset().displayName(),
                testPerClass > 0 ? " (the first " + testPerClass + " per class)" : " (the full test set)");
        if (files.isEmpty()) {
            o.println(dnnLine);
            o.println("no saved SNN in " + snnDir + " (make them with: ullsnn convert "
                    + (run.isModel() ? "--model " + run.modelName() : "--run " + run.source()) + " --save); nothing written");
            o.flush();
            return 0;
        }

        StringColumn name = StringColumn.create("snn");
        IntColumn t = IntColumn.create("t");
        DoubleColumn acc = DoubleColumn.create("accuracy");
        DoubleColumn dnn = DoubleColumn.create("dnn_accuracy");
        StringColumn sName = StringColumn.create("snn");
        StringColumn layer = StringColumn.create("layer");
        DoubleColumn perImage = DoubleColumn.create("spikes_per_image");
        DoubleColumn rate = DoubleColumn.create("firing_rate");
        for (Path f : files) {
            String label = f.getFileName().toString().replaceFirst("\\.zip$", "");
            SpikingNetwork snn = SpikingNetwork.of(Graphs.load(f));
            SimulationResult r = Simulator.run(snn, inputs.testBatches(batch).get(), progress);
            for (int step = 1; step <= r.timesteps(); step++) {
                name.append(label);
                t.append(step);
                acc.append(r.accuracyAt(step));
                dnn.append(dnnAccuracy);
            }
            for (LayerSpikes l : r.layers()) {
                sName.append(label);
                layer.append(l.layer());
                perImage.append(l.spikesPerSample());
                rate.append(l.firingRate());
            }
        }
        Table accuracy = Table.create("accuracy after each step", name, t, acc, dnn);
        Table spikes = Table.create("spike rates", sName, layer, perImage, rate);
        Path dir = run.output(out);
        Tables.writeCsv(accuracy, dir.resolve("accuracy.csv"));
        Tables.writeCsv(spikes, dir.resolve("spike_rates.csv"));
        o.println(Tables.rounded(accuracy.pivot("snn", "t", "accuracy", tech.tablesaw.aggregate.AggregateFunctions.mean), 4).printAll());
        o.println(dnnLine);
        o.println("tables in " + dir);
        o.flush();
        return 0;
    }

    private static List<Path> savedSnns(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.toString().endsWith(".zip")).sorted().toList());
        }
    }
}
