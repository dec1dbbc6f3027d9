package org.ullsnn.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.LayerConversion;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How well each spiking layer of a converted network follows its DNN, on the same images: per layer, over every
 * (image, neuron) pair, the DNN activation {@code a} beside the SNN output {@code y = v N / T} ({@code N} the
 * neuron's spike count over the T steps, {@code v} the layer's chosen output value).
 * <ul>
 *   <li>{@code correlation}: Pearson's r between {@code a} and {@code y}; NaN when either is constant over all
 *       pairs (a silent layer, or one whose every neuron fires at every step, carries no signal to correlate).</li>
 *   <li>{@code firingRate}: spikes per neuron per step, in [0, 1].</li>
 *   <li>{@code alwaysFiring}: the fraction of pairs whose neuron fires at every one of the T steps.</li>
 *   <li>{@code meanDnn}, {@code meanSnn}: the means of {@code a} and {@code y}.</li>
 * </ul>
 * Moments are merged batch by batch with the pairwise update of Chan et al., so the result does not depend on
 * the batch size beyond rounding.
 *
 * @param strategy  the conversion's strategy name
 * @param timesteps T
 * @param layers    one entry per spiking layer, in the conversion's order
 */
public record LayerAgreement(String strategy, int timesteps, List<Layer> layers) {

    public LayerAgreement {
        layers = List.copyOf(layers);
    }

    /**
     * One spiking layer's agreement.
     *
     * @param layer        the activation (IF) layer's name
     * @param pairs        (image, neuron) pairs measured
     * @param correlation  Pearson's r of DNN activation and SNN output; NaN when either does not vary
     * @param firingRate   spikes per neuron per step
     * @param alwaysFiring fraction of pairs that fire at all T steps
     * @param meanDnn      mean DNN activation
     * @param meanSnn      mean SNN output {@code v N / T}
     */
    public record Layer(String layer, long pairs, double correlation, double firingRate, double alwaysFiring,
            double meanDnn, double meanSnn) {
    }

    /**
     * Runs the DNN and the converted SNN over every batch of {@code images} and measures each spiking layer.
     *
     * @param dnn       the DNN that was converted (its activation vertices share the IF layers' names)
     * @param converted the conversion, whose per-layer {@code v} scales the spike counts
     * @param images    the images (labels are not read)
     * @throws IllegalArgumentException when the iterator holds no images, or a layer's DNN and SNN shapes differ
     */
    public static LayerAgreement measure(ComputationGraph dnn, ConversionResult converted, DataSetIterator images) {
        int steps = converted.snn().timesteps();
        List<LayerConversion> layers = converted.layers();
        Map<String, Accumulator> sums = new LinkedHashMap<>();
        layers.forEach(l -> sums.put(l.layer(), new Accumulator(steps)));
        List<String> names = new ArrayList<>(sums.keySet());
        if (images.resetSupported()) {
            images.reset();
        }
        while (images.hasNext()) {
            DataSet batch = images.next();
            INDArray x = batch.getFeatures();
            long n = x.size(0);
            Map<String, INDArray> dnnActs = dnn.feedForward(x, false);
            INDArray[] spikes = converted.snn().graph().output(names, false, new INDArray[] {x}, null);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                INDArray a = dnnActs.get(name);
                if (a == null) {
                    throw new IllegalArgumentException("the DNN has no vertex '" + name + "' for the SNN's IF layer");
                }
                long perImage = a.length() / n;
                if (spikes[i].length() != steps * n * perImage) {
                    throw new IllegalArgumentException("layer '" + name + "': the DNN gives " + perImage
                            + " values per image, the SNN " + spikes[i].length() / (steps * n) + " per step");
                }
                float[] activations = a.castTo(DataType.FLOAT).reshape('c', new long[] {n * perImage})
                        .toFloatVector();
                // time-major rows t*N + n: summing the T blocks gives each (image, neuron)'s count, C-order like a
                float[] counts = spikes[i].castTo(DataType.FLOAT).reshape('c', new long[] {steps, n * perImage})
                        .sum(0).toFloatVector();
                sums.get(name).add(activations, counts, layers.get(i).threshold().v());
            }
        }
        List<Layer> out = new ArrayList<>();
        sums.forEach((name, acc) -> out.add(acc.result(name)));
        if (out.stream().allMatch(l -> l.pairs() == 0)) {
            throw new IllegalArgumentException("no images to measure: the iterator was empty");
        }
        return new LayerAgreement(converted.strategy(), steps, out);
    }

    /**
     * One row per layer: strategy, T, index (1-based), layer, pairs, correlation, firing_rate, always_firing,
     * mean_dnn, mean_snn.
     */
    public Table table() {
        StringColumn strategyCol = StringColumn.create("strategy");
        IntColumn t = IntColumn.create("T");
        IntColumn index = IntColumn.create("index");
        StringColumn layer = StringColumn.create("layer");
        LongColumn pairs = LongColumn.create("pairs");
        DoubleColumn corr = DoubleColumn.create("correlation");
        DoubleColumn rate = DoubleColumn.create("firing_rate");
        DoubleColumn always = DoubleColumn.create("always_firing");
        DoubleColumn dnnMean = DoubleColumn.create("mean_dnn");
        DoubleColumn snnMean = DoubleColumn.create("mean_snn");
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            strategyCol.append(strategy);
            t.append(timesteps);
            index.append(i + 1);
            layer.append(l.layer());
            pairs.append(l.pairs());
            corr.append(l.correlation());
            rate.append(l.firingRate());
            always.append(l.alwaysFiring());
            dnnMean.append(l.meanDnn());
            snnMean.append(l.meanSnn());
        }
        return Table.create("per-layer agreement: " + strategy + " at T = " + timesteps, strategyCol, t, index, layer,
                pairs, corr, rate, always, dnnMean, snnMean);
    }

    /**
     * Streaming moments of one layer's (a, y) pairs. Public for tests and for callers with their own arrays.
     */
    public static final class Accumulator {

        private final int steps;
        private long n;
        private double meanA;
        private double meanY;
        private double m2A;   // sum of squared deviations of a
        private double m2Y;
        private double coMoment; // sum of (a - meanA)(y - meanY)
        private double spikes;
        private long always;

        /** An empty accumulator for a layer simulated over {@code steps} steps. */
        public Accumulator(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("T must be >= 1, got " + steps);
            }
            this.steps = steps;
        }

        /**
         * Adds pairs: {@code activations[k]} beside spike count {@code counts[k]} (0..T), whose SNN output is
         * {@code v counts[k] / T}.
         */
        public void add(float[] activations, float[] counts, double v) {
            if (activations.length != counts.length) {
                throw new IllegalArgumentException(activations.length + " activations but " + counts.length
                        + " spike counts");
            }
            int m = activations.length;
            if (m == 0) {
                return;
            }
            double sumA = 0;
            double sumY = 0;
            double sumCounts = 0;
            long full = 0;
            for (int k = 0; k < m; k++) {
                sumA += activations[k];
                sumY += v * counts[k] / steps;
                sumCounts += counts[k];
                if (counts[k] >= steps) {
                    full++;
                }
            }
            double batchMeanA = sumA / m;
            double batchMeanY = sumY / m;
            double batchM2A = 0;
            double batchM2Y = 0;
            double batchCo = 0;
            for (int k = 0; k < m; k++) {
                double da = activations[k] - batchMeanA;
                double dy = v * counts[k] / steps - batchMeanY;
                batchM2A += da * da;
                batchM2Y += dy * dy;
                batchCo += da * dy;
            }
            long total = n + m;
            double deltaA = batchMeanA - meanA;
            double deltaY = batchMeanY - meanY;
            double weight = (double) n * m / total;
            m2A += batchM2A + deltaA * deltaA * weight;
            m2Y += batchM2Y + deltaY * deltaY * weight;
            coMoment += batchCo + deltaA * deltaY * weight;
            meanA += deltaA * m / total;
            meanY += deltaY * m / total;
            n = total;
            spikes += sumCounts;
            always += full;
        }

        /** The layer's agreement so far; every statistic is NaN before the first pair. */
        public Layer result(String layer) {
            if (n == 0) {
                return new Layer(layer, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            // a variance that is zero (or rounding noise on a constant) has no direction to correlate with
            boolean flatA = m2A <= 1e-12 * n * Math.max(1, meanA * meanA);
            boolean flatY = m2Y <= 1e-12 * n * Math.max(1, meanY * meanY);
            double r = flatA || flatY ? Double.NaN : coMoment / Math.sqrt(m2A * m2Y);
            return new Layer(layer, n, r, spikes / ((double) n * steps), (double) always / n, meanA, meanY);
        }
    }
}
