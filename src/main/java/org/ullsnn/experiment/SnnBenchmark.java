package org.ullsnn.experiment;

import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.ullsnn.energy.EnergyModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.nn.FoldedInference;
import org.ullsnn.progress.ProgressListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Inference throughput of a DNN and of its spiking versions at several T, in one process: the DNN's
 * {@code output} (batch norms folded, {@link FoldedInference}, as test accuracy runs it) and the SNN's full
 * time-folded forward pass (all T steps, the per-step logits included), each
 * on one fixed batch, {@code warmup} untimed then {@code iterations} timed passes. The SNN is converted with
 * trained-clip thresholds (the strategy does not change the cost of a forward pass). {@code time_vs_T_dnn} is an
 * SNN image's time over T DNN images' (1 when a T-step pass costs exactly T DNN passes); {@code gflop_per_s}
 * counts 2 FLOPs per MAC of the DNN's weight layers, T times for an SNN (its synaptic ops run on every step).
 * The DNN is timed before and after the SNNs and the faster figure is used (timed only first, a cold DNN made
 * SNNs look faster than T DNN passes).
 *
 * @param timesteps  values of T
 * @param batchSize  images per pass
 * @param warmup     untimed passes per case
 * @param iterations timed passes per case
 * @param seed       seed of the random batch
 */
public record SnnBenchmark(List<Integer> timesteps, int batchSize, int warmup, int iterations, long seed) {

    public SnnBenchmark {
        timesteps = List.copyOf(timesteps);
        if (timesteps.isEmpty() || batchSize < 1 || warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("need T values, batch >= 1, warmup >= 0, iterations >= 1; got "
                    + timesteps + ", " + batchSize + ", " + warmup + ", " + iterations);
        }
    }

    /** T = 2 and 4, batch 100, 2 warm-up and 5 timed passes. */
    public static SnnBenchmark defaults() {
        return new SnnBenchmark(List.of(2, 4), 100, 2, 5, 42);
    }

    /** One row for the DNN and one per T: img/s and the ratio to the DNN. */
    public Table run(ComputationGraph dnn, ProgressListener progress) {
        Nd4j.getRandom().setSeed(seed);
        long[] shape = inputShape(dnn);
        INDArray batch = Nd4j.randn(DataType.FLOAT, batchSize, shape[0], shape[1], shape[2]);
        StringColumn model = StringColumn.create("model");
        IntColumn t = IntColumn.create("T");
        DoubleColumn rate = DoubleColumn.create("img_per_s");
        DoubleColumn ratio = DoubleColumn.create("vs_dnn");
        DoubleColumn perImage = DoubleColumn.create("time_vs_T_dnn");
        DoubleColumn gflops = DoubleColumn.create("gflop_per_s");
        double flopsPerImage = 2.0 * EnergyModel.of(dnn.getConfiguration(),
                InputType.convolutional(shape[1], shape[2], shape[0])).totalMacs();
        ComputationGraph inference = FoldedInference.of(dnn); // as every DNN inference here runs (test accuracy)
        Runnable dnnPass = () -> inference.outputSingle(false, batch);
        double dnnRate = measure("DNN", dnnPass, progress);
        model.append("dnn");
        t.append(0);
        rate.append(dnnRate);
        ratio.append(1.0);
        perImage.append(1.0);
        gflops.append(dnnRate * flopsPerImage / 1e9);
        for (int steps : timesteps) {
            ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.trainedClip(), steps,
                    batch), ProgressListener.silent());
            ComputationGraph snn = c.snn().graph();
            String logits = c.snn().logitsVertex();
            double r = measure("SNN T=" + steps, () -> snn.output(List.of(logits), false, new INDArray[] {batch}, null),
                    progress);
            model.append("snn");
            t.append(steps);
            rate.append(r);
            ratio.append(r / dnnRate);
            perImage.append(dnnRate / (steps * r));
            gflops.append(r * steps * flopsPerImage / 1e9);
        }
        // the DNN is timed again after the SNNs, warm; the faster of its two figures is the reference
        double again = measure("DNN again", dnnPass, progress);
        if (again > dnnRate) {
            for (int row = 0; row < rate.size(); row++) {
                int steps = t.getInt(row);
                ratio.set(row, rate.getDouble(row) / again);
                perImage.set(row, steps == 0 ? 1.0 : again / (steps * rate.getDouble(row)));
                gflops.set(row, rate.getDouble(row) * Math.max(1, steps) * flopsPerImage / 1e9);
            }
            rate.set(0, again);
            ratio.set(0, 1.0);
            gflops.set(0, again * flopsPerImage / 1e9);
        }
        rate.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        ratio.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        perImage.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        gflops.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return Table.create("inference throughput", model, t, rate, ratio, perImage, gflops);
    }

    private double measure(String task, Runnable pass, ProgressListener progress) {
        return Throughput.imagesPerSecond(task, warmup, iterations, batchSize, pass, progress);
    }

    /** CIFAR-sized input (channels of the first convolution, 32x32). */
    private static long[] inputShape(ComputationGraph dnn) {
        var first = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) java.util.Arrays.stream(dnn.getLayers())
                .map(l -> l.getConfig()).filter(c -> c instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("the benchmark needs a convolutional DNN"));
        return new long[] {first.getNIn(), 32, 32};
    }
}
