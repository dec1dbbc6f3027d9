package org.ullsnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ullsnn.experiment.ModelZoo;
import org.ullsnn.experiment.TrainBenchmark;
import org.ullsnn.experiment.TrainRun;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ConsoleProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code ullsnn bench ...}: throughput figures, printed, measured in one process. */
@Command(name = "bench", description = "Measure throughput (figures printed, all cases in one run).",
        mixinStandardHelpOptions = true, subcommands = {BenchCommand.Train.class, BenchCommand.Snn.class, BenchCommand.FineTune.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ullsnn bench train}: DNN training img/s with and without the oneDNN convolution fix. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Training img/s of VGG-16 (default widths 1 and 0.25, batch 128), with and without "
                    + "the oneDNN convolution fix.")
    static final class Train implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--arch", defaultValue = "vgg16", description = "Architecture (default: ${DEFAULT-VALUE}).")
        String arch;

        @Option(names = "--widths", split = ",", defaultValue = "1,0.25",
                description = "Width multipliers (default: ${DEFAULT-VALUE}).")
        List<Double> widths;

        @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps per case (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iterations", defaultValue = "5", description = "Timed steps per case (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() {
            TrainBenchmark bench = new TrainBenchmark(Architecture.parse(arch), widths, batch, warmup, iterations,
                    TrainConfig.DEFAULT_SEED);
            Table table = bench.run(ConsoleProgressBar.onStderr());
            PrintWriter out = spec.commandLine().getOut();
            out.println(table.printAll());
            out.println("(one fixed random batch per case; data loading not included; "
                    + Runtime.getRuntime().availableProcessors() + " cores)");
            out.flush();
            return 0;
        }
    }

    /** {@code ullsnn bench snn}: SNN simulation img/s at several T next to DNN inference on the same net. */
    @Command(name = "snn", mixinStandardHelpOptions = true,
            description = "Inference img/s of a DNN and of its SNNs at each T (default: a run's model, else a "
                    + "randomly initialised VGG-16 at width 0.25).")
    static final class Snn implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--run", description = "Use this training run's model.")
        Path run;

        @Option(names = "--model", paramLabel = "NAME", description = "Use this shipped model (<models>/NAME).")
        String model;

        @Option(names = "--models", paramLabel = "DIR", description = "The shipped models (default: <repository>/models).")
        Path models;

        @Option(names = "--timesteps", split = ",", defaultValue = "2,4", description = "Values of T (default: ${DEFAULT-VALUE}).")
        List<Integer> timesteps;

        @Option(names = "--batch", defaultValue = "100", description = "Images per pass (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed passes per case (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iterations", defaultValue = "5", description = "Timed passes per case (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() {
            BenchModel model = BenchModel.of(run, this.model, models);
            Table table = new org.ullsnn.experiment.SnnBenchmark(timesteps, batch, warmup, iterations,
                    TrainConfig.DEFAULT_SEED).run(model.dnn(), ConsoleProgressBar.onStderr());
            PrintWriter out = spec.commandLine().getOut();
            out.println(table.printAll());
            out.println("(" + model.description() + "; one fixed random batch of " + batch + "; SNN = all T steps of the time-folded "
                    + "forward pass; " + Runtime.getRuntime().availableProcessors() + " cores)");
            out.flush();
            return 0;
        }
    }

    /** {@code ullsnn bench finetune}: SNN training img/s (BPTT at T) over DNN training img/s, and peak RSS. */
    @Command(name = "finetune", mixinStandardHelpOptions = true,
            description = "SNN training img/s at T (surrogate-gradient BPTT) beside DNN training img/s on the same "
                    + "net (default VGG-16 width 0.25, T = 2, batch 64), with peak RSS.")
    static final class FineTune implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--run", description = "Use this training run's model (default: random VGG-16 width 0.25).")
        Path run;

        @Option(names = "--model", paramLabel = "NAME", description = "Use this shipped model (<models>/NAME).")
        String model;

        @Option(names = "--models", paramLabel = "DIR", description = "The shipped models (default: <repository>/models).")
        Path models;

        @Option(names = "--timesteps", defaultValue = "2", description = "T (default: ${DEFAULT-VALUE}).")
        int timesteps;

        @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps per case (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iterations", defaultValue = "5", description = "Timed steps per case (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() {
            BenchModel model = BenchModel.of(run, this.model, models);
            Table table = new org.ullsnn.experiment.FineTuneBenchmark(timesteps, batch, warmup, iterations,
                    TrainConfig.DEFAULT_SEED).run(model.dnn(), ConsoleProgressBar.onStderr());
            PrintWriter out = spec.commandLine().getOut();
            out.println(table.printAll());
            out.println("(" + model.description() + "; one fixed random batch; SNN first, so its peak RSS is its own; "
                    + Runtime.getRuntime().availableProcessors() + " cores)");
            out.flush();
            return 0;
        }
    }

    /** The net a bench runs on: a training run's or a shipped model's, else a randomly initialised VGG-16 at width 0.25. */
    record BenchModel(ComputationGraph dnn, String description) {
        static BenchModel of(Path run, String modelName, Path modelsDir) {
            if (run != null && modelName != null) {
                throw new IllegalArgumentException("give --run or --model, not both");
            }
            if (modelName != null) {
                run = new ModelZoo(modelsDir != null ? modelsDir : RunOptions.defaultModelsDir()).folder(modelName);
                ModelZoo.requireIntact(run);
            }
            if (run != null) {
                Path model = run.resolve(TrainRun.MODEL_FILE);
                return new BenchModel(Graphs.load(model), model.toString());
            }
            TrainConfig t = TrainConfig.defaults();
            return new BenchModel(Networks.build(NetworkSpec.cpuPreset(10), t.updater(), t.l2(), t.seed()),
                    "VGG-16 width 0.25, random weights");
        }
    }
}
