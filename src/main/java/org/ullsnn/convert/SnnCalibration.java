package org.ullsnn.convert;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ullsnn.snn.SpikingNetwork;
import org.ullsnn.snn.TimeFolding;

/**
 * Collects SNN-mode samples of one layer: runs the partly converted SNN and the DNN on the same calibration
 * images and, at uniformly drawn (image, neuron) positions, pairs the DNN activation with the T-step current
 * the SNN delivers to that neuron.
 */
final class SnnCalibration {

    private SnnCalibration() {
    }

    static PairedSamples collect(ComputationGraph dnn, SpikingNetwork snn, String layer, INDArray images,
            int batchSize, int wanted, long seed) {
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
            float[] a = flat(dnn.output(List.of(layer), false, new INDArray[] {batch}, null)[0]);
            float[] cur = flat(snn.graph().output(List.of(currentVertex), false, new INDArray[] {batch}, null)[0]);
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
