package org.ullsnn.experiment;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.nn.OneDnnHelpers;
import org.ullsnn.nn.train.ProcessMemory;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ProgressListener;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Training throughput of an architecture at several widths, with and without the oneDNN convolution fix,
 * all in one process so the figures compare on a shared, noisy machine. Each case trains on one fixed
 * random CIFAR-shaped batch (data loading is not measured): {@code warmup} steps, then {@code iterations}
 * timed steps.
 *
 * @param architecture network family (the issue asks for VGG-16)
 * @param widths       width multipliers to measure
 * @param batchSize    images per step
 * @param warmup       untimed steps per case (JIT, allocation, oneDNN primitive caches)
 * @param iterations   timed steps per case
 * @param seed         seed of weights and data
 */
public record TrainBenchmark(Architecture architecture, List<Double> widths, int batchSize, int warmup,
        int iterations, long seed) {

    public TrainBenchmark {
        widths = List.copyOf(widths);
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("give at least one width");
        }
        if (batchSize < 1 || warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("need batch >= 1, warmup >= 0, iterations >= 1; got batch "
                    + batchSize + ", warmup " + warmup + ", iterations " + iterations);
        }
    }

    /** VGG-16 at width 1 and 0.25, batch 128, 2 warm-up and 5 timed steps. */
    public static TrainBenchmark defaults() {
        return new TrainBenchmark(Architecture.VGG16, List.of(1.0, 0.25), 128, 2, 5, TrainConfig.DEFAULT_SEED);
    }

    /** Runs every case; one row per (width, oneDNN on/off), with the speed-up of oneDNN per width. */
    public Table run(ProgressListener progress) {
        StringColumn arch = StringColumn.create("architecture");
        DoubleColumn width = DoubleColumn.create("width");
        IntColumn batch = IntColumn.create("batch");
        BooleanColumn oneDnn = BooleanColumn.create("oneDNN");
        DoubleColumn imgPerSec = DoubleColumn.create("img_per_s");
        DoubleColumn msPerStep = DoubleColumn.create("ms_per_step");
        DoubleColumn speedup = DoubleColumn.create("oneDNN_speedup");
        IntColumn rss = IntColumn.create("peak_rss_mb");
        for (double w : widths) {
            double plainRate = Double.NaN;
            for (boolean fast : new boolean[] {false, true}) {
                double rate = measure(w, fast, progress);
                arch.append(architecture.cliName());
                width.append(w);
                batch.append(batchSize);
                oneDnn.append(fast);
                imgPerSec.append(rate);
                msPerStep.append(1000.0 * batchSize / rate);
                speedup.append(fast ? rate / plainRate : 1.0);
                rss.append((int) ProcessMemory.peakRssMb());
                plainRate = fast ? plainRate : rate;
            }
        }
        imgPerSec.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        msPerStep.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
        speedup.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        return Table.create("train throughput", arch, width, batch, oneDnn, imgPerSec, msPerStep, speedup, rss);
    }

    private double measure(double width, boolean fast, ProgressListener progress) {
        NetworkSpec spec = NetworkSpec.defaults(architecture, 10).withWidth(width);
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
        String task = String.format(java.util.Locale.ROOT, "%s width %s %s", architecture.cliName(), width,
                fast ? "oneDNN" : "im2col");
        return Throughput.imagesPerSecond(task, warmup, iterations, batchSize, () -> net.fit(data), progress);
    }
}
