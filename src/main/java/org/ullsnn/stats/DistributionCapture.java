package org.ullsnn.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

/**
 * Measures the pre-activation {@code z} of every spiking layer ({@link SpikingLayers}) of a DNN over a set
 * of calibration images, in inference mode ({@code feedForward(batch, false)}: no dropout).
 *
 * <p>Two passes over the images, because a histogram over {@code [min z, max z]} needs the range before it
 * can count:
 * <ol>
 *   <li>pass 1: count, min, max, {@code #(z <= 0)}, {@code #(0 < z < mu)}, {@code #(z >= mu)} (all exact), and a
 *       uniform reservoir sample of {@code z} per layer ({@link ReservoirSampler}, capacity and seed from
 *       {@link CaptureConfig});</li>
 *   <li>pass 2: the exact histogram of every layer, with {@link CaptureConfig#histogramBins()} equal bins over
 *       that layer's {@code [min, max]}.</li>
 * </ol>
 * When every layer's reservoir holds all of its values after pass 1, pass 2 is skipped and the histograms
 * are counted from those values: the same numbers, one forward pass fewer. Should the forward pass not be
 * bit-reproducible (it is on the CPU backend), a value of pass 2 outside pass 1's range is counted in the
 * nearest end bin, so the histogram still counts every value. Memory is independent of the
 * number of images: one batch of activations plus {@code reservoirCapacity} doubles per layer.
 *
 * <p>Progress: one event per batch, task {@code "capture pass 1/2"} (and {@code "capture pass 2/2"} when it
 * runs), unit {@code batch}; the last batch of a pass is the finished event.
 * <pre>{@code
 * NetworkDistribution d = DistributionCapture.run(dnn, images, CaptureConfig.defaults(),
 *         ConsoleProgressBar.onStderr());
 * d.toTable();
 * }</pre>
 */
public final class DistributionCapture {

    private DistributionCapture() {
    }

    /** {@link #run(ComputationGraph, INDArray, CaptureConfig, ProgressListener)} without progress reports. */
    public static NetworkDistribution run(ComputationGraph dnn, INDArray images, CaptureConfig config) {
        return run(dnn, images, config, ProgressListener.silent());
    }

    /**
     * The distributions of every spiking layer of {@code dnn} over {@code images}.
     *
     * @param dnn      the network; its parameters are not changed
     * @param images   calibration inputs, {@code [N, C, H, W]} (or any shape the network takes, images along
     *                 dimension 0), {@code N >= 1}, already normalised
     * @param config   batch size, reservoir capacity, bins, seed
     * @param progress receives one event per batch
     * @throws IllegalArgumentException if {@code dnn} has no spiking layer
     * @throws IllegalStateException    if a layer's pre-activation contains NaN or infinity
     */
    public static NetworkDistribution run(ComputationGraph dnn, INDArray images, CaptureConfig config,
            ProgressListener progress) {
        Checks.notNull("dnn", dnn);
        Checks.notNull("images", images);
        Checks.notNull("config", config);
        Checks.notNull("progress", progress);
        if (images.rank() < 2 || images.size(0) < 1) {
            throw new IllegalArgumentException("images must be [N, ...] with N >= 1, got shape "
                    + java.util.Arrays.toString(images.shape()));
        }
        List<SpikingLayer> layers = SpikingLayers.of(dnn);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the network has no spiking layer (a ClipReLU, or an ActivationLayer"
                    + " with ReLU, as its own vertex); nothing to capture");
        }
        SplittableRandom seeds = new SplittableRandom(config.seed());
        List<Accumulator> acc = new ArrayList<>();
        for (SpikingLayer layer : layers) {
            acc.add(new Accumulator(layer, new ReservoirSampler(config.reservoirCapacity(), seeds.nextLong())));
        }
        long n = images.size(0);
        int batches = (int) ((n + config.batchSize() - 1) / config.batchSize());

        forEachBatch(dnn, images, config.batchSize(), "capture pass 1/2", progress, values -> {
            for (Accumulator a : acc) {
                a.firstPass(values.get(a.layer.inputName()));
            }
        }, batches);

        boolean allKept = acc.stream().allMatch(a -> a.reservoir.holdsAll());
        for (Accumulator a : acc) {
            a.startHistogram(config.histogramBins());
            if (allKept) {
                a.histogramFromReservoir();
            }
        }
        if (!allKept) {
            forEachBatch(dnn, images, config.batchSize(), "capture pass 2/2", progress, values -> {
                for (Accumulator a : acc) {
                    a.secondPass(values.get(a.layer.inputName()));
                }
            }, batches);
        }
        dnn.clearLayersStates();
        return new NetworkDistribution(acc.stream().map(Accumulator::result).toList(), n, config);
    }

    private interface BatchConsumer {
        void accept(Map<String, INDArray> activations);
    }

    private static void forEachBatch(ComputationGraph dnn, INDArray images, int batchSize, String task,
            ProgressListener progress, BatchConsumer consumer, int batches) {
        long n = images.size(0);
        INDArrayIndex[] index = new INDArrayIndex[images.rank()];
        for (int d = 1; d < index.length; d++) {
            index[d] = NDArrayIndex.all();
        }
        for (int b = 0; b < batches; b++) {
            long from = (long) b * batchSize;
            long to = Math.min(n, from + batchSize);
            index[0] = NDArrayIndex.interval(from, to);
            consumer.accept(dnn.feedForward(images.get(index), false));
            String detail = to + "/" + n + " img";
            progress.onProgress(b == batches - 1
                    ? ProgressEvent.done(task, b + 1, batches, "batch", detail)
                    : ProgressEvent.of(task, b + 1, batches, "batch", detail));
        }
    }

    /** The running statistics of one layer. */
    private static final class Accumulator {
        final SpikingLayer layer;
        final ReservoirSampler reservoir;
        long count;
        long atOrBelowZero;
        long clipped;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] edges;
        long[] histogram;

        Accumulator(SpikingLayer layer, ReservoirSampler reservoir) {
            this.layer = layer;
            this.reservoir = reservoir;
        }

        void firstPass(INDArray z) {
            double[] v = values(z);
            double mu = layer.mu();
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    throw new IllegalStateException("layer " + layer.name() + ": pre-activation z (output of '"
                            + layer.inputName() + "') must be finite, got " + x);
                }
                if (x <= 0) {
                    atOrBelowZero++;
                } else if (x >= mu) {
                    clipped++;
                }
                if (x < min) {
                    min = x;
                }
                if (x > max) {
                    max = x;
                }
            }
            count += v.length;
            reservoir.offer(v);
        }

        void startHistogram(int bins) {
            edges = Histogram.equalEdges(min, max, bins);
            histogram = new long[bins];
        }

        void histogramFromReservoir() {
            for (double x : reservoir.sample()) {
                histogram[Histogram.bin(edges, x)]++;
            }
        }

        void secondPass(INDArray z) {
            for (double x : values(z)) {
                int bin = Histogram.bin(edges, x);
                if (bin < 0) {
                    // only if the forward pass is not bit-reproducible: count it in the nearest end bin
                    bin = x < edges[0] ? 0 : histogram.length - 1;
                }
                histogram[bin]++;
            }
        }

        private double[] values(INDArray z) {
            if (z == null) {
                throw new IllegalStateException("feedForward gave no output for vertex '" + layer.inputName()
                        + "', the input of spiking layer " + layer.name());
            }
            return Nd4j.toFlattened('c', z).toDoubleVector();
        }

        LayerDistribution result() {
            return new LayerDistribution(layer.name(), layer.mu(), count, atOrBelowZero,
                    count - atOrBelowZero - clipped, clipped, min, max, reservoir.sample(),
                    new Histogram(edges, histogram));
        }
    }
}
