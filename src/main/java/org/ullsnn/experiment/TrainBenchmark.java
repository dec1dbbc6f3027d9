package org.ullsnn.experiment;

import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.ullsnn.energy.EnergyModel;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.nn.OneDnnHelpers;
import org.ullsnn.nn.train.ProcessMemory;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ProgressListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Training throughput of an architecture per recipe and width, all in one process so the figures compare on a
 * shared, noisy machine. Each case trains on one fixed random CIFAR-shaped batch (data loading is timed apart,
 * by {@link DataLoadingBenchmark}): {@code warmup} steps, then {@code iterations} timed steps. Beside img/s it
 * reports GFLOP/s, counting a training step as 6 x the forward MACs per image (forward, then the gradients
 * with respect to activations and to weights, 2 FLOPs per MAC each). With {@code im2col} every case is also run
 * on DL4J's own paths (no oneDNN helpers), with the speed-up of oneDNN.
 *
 * @param architecture network family
 * @param recipes      network recipes to time
 * @param widths       width multipliers to measure
 * @param batchSize    images per step
 * @param warmup       untimed steps per case (JIT, allocation, oneDNN primitive caches)
 * @param iterations   timed steps per case
 * @param im2col       also time DL4J's own paths
 * @param seed         seed of weights and data
 */
public record TrainBenchmark(Architecture architecture, List<BenchRecipe> recipes, List<Double> widths,
        int batchSize, int warmup, int iterations, boolean im2col, long seed) {

    /** FLOPs of one training step per forward MAC: 2 (multiply and add) x 3 (forward, two backward products). */
    static final int TRAIN_FLOPS_PER_MAC = 6;

    public TrainBenchmark {
        widths = List.copyOf(widths);
        recipes = List.copyOf(recipes);
        if (widths.isEmpty() || recipes.isEmpty()) {
            throw new IllegalArgumentException("give at least one width and one recipe");
        }
        if (batchSize < 1 || warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("need batch >= 1, warmup >= 0, iterations >= 1; got batch "
                    + batchSize + ", warmup " + warmup + ", iterations " + iterations);
        }
    }

    /** VGG-16, both recipes, widths 1 and 0.25, batch 128, 2 warm-up and 5 timed steps, oneDNN only. */
    public static TrainBenchmark defaults() {
        return new TrainBenchmark(Architecture.VGG16, List.of(BenchRecipe.values()), List.of(1.0, 0.25), 128, 2, 5,
                false, TrainConfig.DEFAULT_SEED);
    }

    /** Runs every case: one row per (recipe, width, path). */
    public Table run(ProgressListener progress) {
        StringColumn arch = StringColumn.create("architecture");
        StringColumn recipe = StringColumn.create("recipe");
        DoubleColumn width = DoubleColumn.create("width");
        IntColumn batch = IntColumn.create("batch");
        StringColumn path = StringColumn.create("path");
        DoubleColumn imgPerSec = DoubleColumn.create("img_per_s");
        DoubleColumn msPerStep = DoubleColumn.create("ms_per_step");
        DoubleColumn gflops = DoubleColumn.create("gflop_per_s");
        DoubleColumn speedup = DoubleColumn.create("oneDNN_speedup");
        IntColumn rss = IntColumn.create("peak_rss_mb");
        for (BenchRecipe r : recipes) {
            for (double w : widths) {
                NetworkSpec spec = r.spec(architecture, 10, w);
                double flopsPerImage = TRAIN_FLOPS_PER_MAC * (double) EnergyModel.of(
                        Networks.configuration(spec, TrainConfig.defaults().updater(), 0, seed),
                        org.deeplearning4j.nn.conf.inputs.InputType.convolutional(32, 32, 3)).totalMacs();
                double plainRate = Double.NaN;
                for (boolean fast : im2col ? new boolean[] {false, true} : new boolean[] {true}) {
                    double rate = measure(r, spec, fast, progress);
                    arch.append(architecture.cliName());
                    recipe.append(r.cliName());
                    width.append(w);
                    batch.append(batchSize);
                    path.append(fast ? "oneDNN" : "im2col");
                    imgPerSec.append(rate);
                    msPerStep.append(1000.0 * batchSize / rate);
                    gflops.append(rate * flopsPerImage / 1e9);
                    speedup.append(fast && im2col ? rate / plainRate : 1.0);
                    rss.append((int) ProcessMemory.peakRssMb());
                    plainRate = fast ? plainRate : rate;
                }
            }
        }
        imgPerSec.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        msPerStep.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
        gflops.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        speedup.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        Table t = Table.create("train throughput", arch, recipe, width, batch, path, imgPerSec, msPerStep, gflops);
        if (im2col) {
            t.addColumns(speedup);
        }
        return t.addColumns(rss);
    }

    private double measure(BenchRecipe recipe, NetworkSpec spec, boolean fast, ProgressListener progress) {
        TrainConfig train = TrainConfig.defaults();
        ComputationGraph net = Networks.build(spec, train.updater(), train.l2(), seed);
        if (!fast) {
            OneDnnHelpers.disable(net);
        }
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, batchSize, 3, 32, 32);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batchSize, 10);
        for (int i = 0; i < batchSize; i++) {
            y.putScalar(i, i % 10, 1);
        }
        DataSet data = new DataSet(x, y);
        String task = String.format(Locale.ROOT, "%s %s width %s %s", architecture.cliName(), recipe.cliName(),
                spec.width(), fast ? "oneDNN" : "im2col");
        return Throughput.imagesPerSecond(task, warmup, iterations, batchSize, () -> net.fit(data), progress);
    }
}
