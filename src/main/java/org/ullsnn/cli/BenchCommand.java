package org.ullsnn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarLayout;
import org.ullsnn.data.CifarReader;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.ImageShape;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.data.Split;
import org.ullsnn.data.SyntheticImages;
import org.ullsnn.experiment.BenchRecipe;
import org.ullsnn.experiment.DataLoadingBenchmark;
import org.ullsnn.experiment.ModelZoo;
import org.ullsnn.experiment.TrainBenchmark;
import org.ullsnn.experiment.TrainRun;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ConsoleProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    /** {@code ullsnn bench train}: DNN training img/s and GFLOP/s per recipe and width, and data loading apart. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Training img/s and GFLOP/s of VGG-16 (default: recipes plain and bn, widths 1 and 0.25, "
                    + "batch 128) on one fixed random batch, and, timed apart, how fast the augmented training "
                    + "iterator makes batches (real CIFAR-10 when the data directory has it, else synthetic images).")
    static final class Train implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--arch", defaultValue = "vgg16", description = "Architecture (default: ${DEFAULT-VALUE}).")
        String arch;

        @Option(names = "--recipes", split = ",", defaultValue = "plain,bn",
                description = "Any of plain (ClipReLU + dropout, the CPU preset), bn (the same with BN) and cosine "
                        + "(ClipReLU + BN, FC dropout 0.2: the shipped models', best timed with --batch 120) "
                        + "(default: ${DEFAULT-VALUE}).")
        List<String> recipes;

        @Option(names = "--widths", split = ",", defaultValue = "1,0.25",
                description = "Width multipliers (default: ${DEFAULT-VALUE}).")
        List<Double> widths;

        @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps per case (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iterations", defaultValue = "5", description = "Timed steps per case (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--im2col", description = "Also time each case on DL4J's own paths (no oneDNN helpers).")
        boolean im2col;

        @Option(names = "--data-batches", defaultValue = "40",
                description = "Batches of the data-loading measure; 0 skips it (default: ${DEFAULT-VALUE}).")
        int dataBatches;

        @Mixin
        DataOptions data;

        @Override
        public Integer call() throws Exception {
            TrainBenchmark bench = new TrainBenchmark(Architecture.parse(arch),
                    recipes.stream().map(BenchRecipe::parse).toList(), widths, batch, warmup, iterations, im2col,
                    TrainConfig.DEFAULT_SEED);
            Table table = bench.run(ConsoleProgressBar.onStderr());
            PrintWriter out = spec.commandLine().getOut();
            out.println(table.printAll());
            for (String r : recipes) {
                out.println(BenchRecipe.parse(r).cliName() + " = " + BenchRecipe.parse(r).description());
            }
            out.println("(one fixed random batch per case; GFLOP/s counts 6 x the forward MACs per image; "
                    + Runtime.getRuntime().availableProcessors() + " cores)");
            if (dataBatches > 0) {
                BenchData images = BenchData.load(data.location().directory());
                double rate = new DataLoadingBenchmark(batch, dataBatches).imagesPerSecond(images.images(),
                        CifarDataset.CIFAR10.normalization(), ConsoleProgressBar.onStderr());
                out.printf(Locale.ROOT, "data loading alone: %.0f img/s (%s; shuffle, crop and flip, normalise, "
                        + "batches of %d, prefetched)%n", rate, images.description(), batch);
            }
            out.flush();
            return 0;
        }
    }

    /** The images data loading is timed on: CIFAR-10's training set when present, else synthetic ones. */
    record BenchData(ImageSet images, String description) {
        static BenchData load(Path dataDir) throws java.io.IOException {
            CifarLayout layout = CifarLayout.official(CifarDataset.CIFAR10);
            boolean present = layout.files().stream().allMatch(f -> Files.isRegularFile(layout.folder(dataDir).resolve(f.name())));
            if (present) {
                return new BenchData(new CifarReader(layout).read(dataDir, Split.TRAIN, LabelLevel.FINE),
                        "CIFAR-10 training set");
            }
            return new BenchData(SyntheticImages.generate(10, 1000, ImageShape.CIFAR, 1),
                    "10,000 synthetic 32x32 images: no CIFAR-10 under " + dataDir);
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

        @Option(names = "--recipes", split = ",", defaultValue = "plain,bn",
                description = "Without --run or --model: random VGG-16 width 0.25 nets of these recipes, any of plain "
                        + "(ClipReLU + dropout), bn (the same with BN) and cosine (ClipReLU + BN, FC dropout 0.2: the "
                        + "shipped models') (default: ${DEFAULT-VALUE}).")
        List<String> recipes;

        @Override
        public Integer call() {
            List<BenchModel> nets = run != null || model != null ? List.of(BenchModel.of(run, model, models))
                    : recipes.stream().map(r -> BenchModel.random(BenchRecipe.parse(r))).toList();
            PrintWriter out = spec.commandLine().getOut();
            for (BenchModel net : nets) {
                Table table = new org.ullsnn.experiment.SnnBenchmark(timesteps, batch, warmup, iterations,
                        TrainConfig.DEFAULT_SEED).run(net.dnn(), ConsoleProgressBar.onStderr());
                out.println(net.description());
                out.println(table.printAll());
            }
            out.println("(one fixed random batch of " + batch + "; DNN = output with batch norms folded into the "
                    + "layers before them; SNN = all T steps of the time-folded forward pass; "
                    + "time_vs_T_dnn = SNN time per image / (T x DNN time per image); "
                    + Runtime.getRuntime().availableProcessors() + " cores)");
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

        @Option(names = "--strategy", defaultValue = "trained-clip", description = "Conversion of the SNN that is "
                + "trained, named as in convert, calibrated on the benchmark's batch; e.g. recommended, whose "
                + "per-neuron initial potentials are part of every step (default: ${DEFAULT-VALUE}).")
        String strategy;

        @Override
        public Integer call() {
            ThresholdStrategy converted;
            try {
                converted = ThresholdStrategy.parse(strategy);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--strategy: " + e.getMessage());
            }
            BenchModel model = BenchModel.of(run, this.model, models);
            Table table = new org.ullsnn.experiment.FineTuneBenchmark(timesteps, batch, warmup, iterations,
                    TrainConfig.DEFAULT_SEED, converted).run(model.dnn(), ConsoleProgressBar.onStderr());
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
                run = new ModelZoo(RunOptions.modelsDir(modelsDir)).folder(modelName);
                ModelZoo.requireIntact(run);
            }
            if (run != null) {
                Path model = run.resolve(TrainRun.MODEL_FILE);
                return new BenchModel(Graphs.load(model), model.toString());
            }
            return random(BenchRecipe.PLAIN);
        }

        /** A randomly initialised VGG-16 at width 0.25 of {@code recipe}. */
        static BenchModel random(BenchRecipe recipe) {
            TrainConfig t = TrainConfig.defaults();
            return new BenchModel(Networks.build(recipe.spec(Architecture.VGG16, 10, 0.25), t.updater(), t.l2(),
                    t.seed()), "VGG-16 width 0.25, " + recipe.description() + ", random weights");
        }
    }
}
