package org.ullsnn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.ullsnn.experiment.TrainBenchmark;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ConsoleProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code ullsnn bench ...}: throughput figures, printed, measured in one process. */
@Command(name = "bench", description = "Measure throughput (figures printed, all cases in one run).",
        mixinStandardHelpOptions = true, subcommands = BenchCommand.Train.class)
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
}
