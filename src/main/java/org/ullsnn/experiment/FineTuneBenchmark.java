package org.ullsnn.experiment;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.nn.train.ProcessMemory;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.FineTuneSettings;
import org.ullsnn.snn.FineTuning;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Training throughput of a spiking network through time (surrogate-gradient BPTT at T steps) beside the
 * DNN it was converted from, on one fixed random CIFAR-shaped batch, in one process. The SNN case runs first,
 * so the peak resident memory printed after it is the SNN's own.
 *
 * @param timesteps  T of the SNN
 * @param batchSize  images per step
 * @param warmup     untimed steps per case
 * @param iterations timed steps per case
 * @param seed       seed of the batch
 * @param strategy   the conversion whose SNN is trained (calibrated on the benchmark's batch); its thresholds hardly
 *                   matter, but what it adds to the IF layers (e.g. {@code recommended}'s per-neuron initial
 *                   potentials) is part of every training step
 */
public record FineTuneBenchmark(int timesteps, int batchSize, int warmup, int iterations, long seed,
        ThresholdStrategy strategy) {

    public FineTuneBenchmark {
        if (timesteps < 1 || batchSize < 1 || warmup < 0 || iterations < 1 || strategy == null) {
            throw new IllegalArgumentException("need T >= 1, batch >= 1, warmup >= 0, iterations >= 1 and a strategy; "
                    + "got " + timesteps + ", " + batchSize + ", " + warmup + ", " + iterations + ", " + strategy);
        }
    }

    /** T = 2, batch 64, 2 warm-up and 5 timed steps, the trained-clip conversion (theta = v = mu, nothing per neuron). */
    public static FineTuneBenchmark defaults() {
        return new FineTuneBenchmark(2, 64, 2, 5, 42, ThresholdStrategy.trainedClip());
    }

    /** Rows: snn (T), dnn; img/s, the SNN/DNN ratio, and peak RSS after each case. */
    public Table run(ComputationGraph dnn, ProgressListener progress) {
        Nd4j.getRandom().setSeed(seed);
        long channels = ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) dnn.getLayers()[0].getConfig()).getNIn();
        INDArray x = Nd4j.randn(DataType.FLOAT, batchSize, channels, 32, 32);
        long classes = dnn.getOutputLayer(0).getParam("W").size(1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batchSize, classes);
        for (int i = 0; i < batchSize; i++) {
            y.putScalar(i, i % classes, 1);
        }
        DataSet batch = new DataSet(x, y);
        TrainConfig train = TrainConfig.fineTuning();
        ComputationGraph snn = FineTuning.trainable(Converter.convert(dnn, ConvertConfig.of(strategy, timesteps, x),
                ProgressListener.silent()).snn(), FineTuneSettings.defaults(), train);
        double snnRate = measure("SNN T=" + timesteps, snn, batch, progress);
        long snnPeak = ProcessMemory.peakRssMb();
        ComputationGraph dnnCopy = org.ullsnn.nn.Graphs.copy(dnn);
        double dnnRate = measure("DNN", dnnCopy, batch, progress);
        long dnnPeak = ProcessMemory.peakRssMb();

        StringColumn model = StringColumn.create("model", "snn", "dnn");
        StringColumn converted = StringColumn.create("strategy", strategy.name(), "");
        IntColumn t = IntColumn.create("T", timesteps, 0);
        IntColumn b = IntColumn.create("batch", batchSize, batchSize);
        DoubleColumn rate = DoubleColumn.create("train_img_per_s", snnRate, dnnRate);
        DoubleColumn ratio = DoubleColumn.create("snn_over_dnn", snnRate / dnnRate, 1.0);
        LongColumn rss = LongColumn.create("peak_rss_mb_after", snnPeak, dnnPeak);
        rate.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        ratio.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        return Table.create("training throughput", model, converted, t, b, rate, ratio, rss);
    }

    private double measure(String task, ComputationGraph net, DataSet batch, ProgressListener progress) {
        return Throughput.imagesPerSecond(task, warmup, iterations, batchSize, () -> {
            net.fit(batch);
            FineTuning.clampNeurons(net);
        }, progress);
    }
}
