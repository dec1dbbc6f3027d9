package org.ullsnn.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ullsnn.snn.SpikingNetwork;
import org.ullsnn.snn.TimeFolding;
import org.ullsnn.stats.NetworkDistribution;

/**
 * Test-only reference: SNN-mode conversion as it was before {@link SnnCalibration} cached spikes. For every
 * spiking layer it rebuilds the partly converted SNN, runs the DNN and the SNN from the image on every
 * calibration batch, and copies the whole activation and current tensors into Java arrays to pick samples.
 */
final class ReferenceSnnConversion {

    /** What the reference chose: per layer the threshold and the paired samples it was chosen from. */
    record Result(Map<String, LayerThreshold> thresholds, Map<String, PairedSamples> pairs, SpikingNetwork snn) {
    }

    /**
     * How the reference reads a vertex's activations: {@code ComputationGraph.output(List.of(vertex), ...)} as
     * the former code did, or the vertex's entry of a full {@code feedForward}. The former fails on residual
     * networks: DL4J M2.1's {@code output} of an inner vertex of a ResNet (e.g. {@code s1b1_act1}) leaves an
     * activation workspace open and throws.
     */
    enum Route { OUTPUT, FEED_FORWARD }

    private ReferenceSnnConversion() {
    }

    static Result convert(ComputationGraph dnn, NetworkDistribution distribution, ConvertConfig config, Route route) {
        ConversionPlan plan = ConversionPlan.of(dnn);
        INDArray images = config.calibrationImages();
        InputType inputType = InputType.convolutional(images.size(2), images.size(3), images.size(1));
        int steps = config.timesteps();
        Map<String, LayerThreshold> chosen = new LinkedHashMap<>();
        Map<String, PairedSamples> pairs = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(plan.spikingLayers());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            SpikingNetwork partial = SnnBuilder.build(plan, inputType, steps, chosen, config.reset());
            PairedSamples p = collect(dnn, partial, name, images, config.capture().batchSize(), config.snnPairs(),
                    config.seed(), route);
            pairs.put(name, p);
            chosen.put(name, config.strategy().choose(new LayerStats(name, i, distribution.layer(name), p,
                    config.reset()), steps));
        }
        return new Result(chosen, pairs, SnnBuilder.build(plan, inputType, steps, chosen, config.reset()));
    }

    /**
     * The former {@code SnnCalibration.collect}; with {@link Route#FEED_FORWARD} it reads the activations from
     * full forward passes instead.
     */
    static PairedSamples collect(ComputationGraph dnn, SpikingNetwork snn, String layer, INDArray images,
            int batchSize, int wanted, long seed, Route route) {
        String currentVertex = snn.spikingLayers().stream().filter(l -> l.name().equals(layer)).findFirst()
                .orElseThrow().inputVertex();
        int steps = snn.timesteps();
        long total = images.size(0);
        Random random = new Random(seed * 31 + layer.hashCode());
        double[] activations = new double[wanted];
        double[][] currents = new double[wanted][steps];
        int filled = 0;
        for (long start = 0; start < total && filled < wanted; start += batchSize) {
            long end = Math.min(total, start + batchSize);
            INDArray batch = images.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            int n = (int) (end - start);
            float[] a = flat(route == Route.OUTPUT
                    ? dnn.output(List.of(layer), false, new INDArray[] {batch}, null)[0]
                    : dnn.feedForward(batch, false).get(layer));
            float[] cur = flat(route == Route.OUTPUT
                    ? snn.graph().output(List.of(currentVertex), false, new INDArray[] {batch}, null)[0]
                    : snn.graph().feedForward(batch, false).get(currentVertex));
            int perImage = a.length / n;
            // this batch's share of the samples, so that every image contributes alike
            int take = (int) Math.min(wanted - filled, Math.ceil((double) wanted * end / total) - filled);
            for (int k = 0; k < take; k++, filled++) {
                int img = random.nextInt(n);
                int neuron = random.nextInt(perImage);
                activations[filled] = a[img * perImage + neuron];
                for (int t = 0; t < steps; t++) {
                    currents[filled][t] = cur[(int) TimeFolding.row(t, img, n) * perImage + neuron];
                }
            }
        }
        if (filled < wanted) {
            activations = java.util.Arrays.copyOf(activations, filled);
            currents = java.util.Arrays.copyOf(currents, filled);
        }
        return new PairedSamples(activations, currents);
    }

    private static float[] flat(INDArray x) {
        return x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
