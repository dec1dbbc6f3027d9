package org.ullsnn.snn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

/**
 * Runs a {@link SpikingNetwork} over a data set in inference mode and measures accuracy after every step
 * {@code t = 1..T} (from the running sum of the per-step logits), spikes per layer, and the membrane traces
 * asked for (replayed with {@link NeuronDynamics} from the layer's recorded input current).
 */
public final class Simulator {

    private Simulator() {
    }

    /** Simulates without traces. */
    public static SimulationResult run(SpikingNetwork snn, DataSetIterator data, ProgressListener progress) {
        return run(snn, data, List.of(), progress);
    }

    /**
     * Simulates every batch of {@code data}.
     *
     * @param traces neurons whose membrane course to record
     * @throws IllegalArgumentException when the data is empty or a trace names an unknown layer or index
     */
    public static SimulationResult run(SpikingNetwork snn, DataSetIterator data, List<TraceRequest> traces,
            ProgressListener progress) {
        int steps = snn.timesteps();
        Map<String, SpikingNetwork.SpikingLayer> byName = new LinkedHashMap<>();
        for (SpikingNetwork.SpikingLayer l : snn.spikingLayers()) {
            byName.put(l.name(), l);
        }
        for (TraceRequest r : traces) {
            if (!byName.containsKey(r.layer())) {
                throw new IllegalArgumentException("cannot trace '" + r.layer() + "': not an IF layer; IF layers: "
                        + byName.keySet());
            }
        }
        if (data.resetSupported()) {
            data.reset();
        }
        long[] correct = new long[steps];
        Map<String, long[]> spikeCounts = new LinkedHashMap<>(); // layer -> spikes per step
        Map<String, Long> neurons = new LinkedHashMap<>();
        Map<String, INDArray> perNeuron = new LinkedHashMap<>(); // layer -> [1, neurons] DOUBLE running counts
        byName.keySet().forEach(k -> spikeCounts.put(k, new long[steps]));
        snn.spikingPools().forEach(k -> spikeCounts.put(k, new long[steps]));
        List<MembraneTrace> recorded = new ArrayList<>();
        List<String> wanted = new ArrayList<>(spikeCounts.keySet());
        wanted.add(snn.logitsVertex());
        traces.forEach(r -> wanted.add(byName.get(r.layer()).inputVertex()));
        long seen = 0;
        long batches = 0;
        String task = "simulate T=" + steps;
        while (data.hasNext()) {
            DataSet batch = data.next();
            long n = batch.numExamples();
            Map<String, INDArray> acts = activations(snn, wanted, batch.getFeatures());
            INDArray logits = acts.get(snn.logitsVertex());
            INDArray expected = batch.getLabels().argMax(1);
            INDArray running = stepRows(logits, 0, n).dup();
            for (int t = 0; t < steps; t++) {
                if (t > 0) {
                    running.addi(stepRows(logits, t, n));
                }
                correct[t] += running.argMax(1).eq(expected).castTo(DataType.INT).sumNumber().longValue();
            }
            for (String name : spikeCounts.keySet()) {
                INDArray spikes = acts.get(name);
                long perSample = spikes.length() / spikes.size(0);
                neurons.put(name, perSample);
                INDArray perStep = spikes.reshape('c', new long[] {steps, n * perSample}).sum(1);
                INDArray counts = columnSums(spikes.reshape('c', new long[] {steps * n, perSample}));
                perNeuron.computeIfAbsent(name, k -> Nd4j.zeros(DataType.DOUBLE, 1, perSample))
                        .addi(counts.castTo(DataType.DOUBLE));
                long[] c = spikeCounts.get(name);
                for (int t = 0; t < steps; t++) {
                    c[t] += perStep.getLong(t);
                }
            }
            for (TraceRequest r : traces) {
                if (r.sample() >= seen && r.sample() < seen + n) {
                    recorded.add(trace(snn, acts.get(byName.get(r.layer()).inputVertex()), r, r.sample() - seen, n));
                }
            }
            seen += n;
            progress.onProgress(ProgressEvent.of(task, ++batches, -1, "batch", String.format(java.util.Locale.ROOT,
                    "acc@T %.2f %%", 100.0 * correct[steps - 1] / seen)));
        }
        if (seen == 0) {
            throw new IllegalArgumentException("simulation needs at least one image: the iterator gave no batch");
        }
        for (TraceRequest r : traces) {
            if (r.sample() >= seen) {
                throw new IllegalArgumentException("trace sample " + r.sample() + " is beyond the " + seen
                        + " images simulated");
            }
        }
        double[] accuracy = new double[steps];
        for (int t = 0; t < steps; t++) {
            accuracy[t] = (double) correct[t] / seen;
        }
        List<LayerSpikes> layers = new ArrayList<>();
        List<LayerSpikes> pooled = new ArrayList<>();
        for (Map.Entry<String, long[]> e : spikeCounts.entrySet()) {
            long[] counts = java.util.Arrays.stream(perNeuron.get(e.getKey()).toDoubleVector()).mapToLong(v -> (long) v)
                    .toArray();
            LayerSpikes ls = new LayerSpikes(e.getKey(), neurons.get(e.getKey()), seen, e.getValue(), counts);
            (byName.containsKey(e.getKey()) ? layers : pooled).add(ls);
        }
        progress.onProgress(ProgressEvent.done(task, batches, batches, "batch",
                String.format(java.util.Locale.ROOT, "acc@T %.2f %%", 100 * accuracy[steps - 1])));
        return new SimulationResult(steps, seen, accuracy, layers, pooled, recorded);
    }

    /**
     * Column sums of a {@code [rows, cols]} spike matrix as {@code [1, cols]}: one matrix-vector product with a
     * row of ones (BLAS), where {@code sum(0)} reduces along strided columns several times slower. Exact for
     * spike counts below 2^24 in FLOAT.
     */
    static INDArray columnSums(INDArray matrix) {
        return Nd4j.ones(matrix.dataType(), 1, matrix.size(0)).mmul(matrix);
    }

    /** Only the vertices asked for (DL4J computes what they need, detached from workspaces). */
    private static Map<String, INDArray> activations(SpikingNetwork snn, List<String> names, INDArray features) {
        List<String> unique = names.stream().distinct().toList();
        INDArray[] out = snn.graph().output(unique, false, new INDArray[] {features}, null);
        Map<String, INDArray> map = new LinkedHashMap<>();
        for (int i = 0; i < unique.size(); i++) {
            map.put(unique.get(i), out[i]);
        }
        return map;
    }

    /** Rows {@code t*N .. t*N + N - 1}: step {@code t} of every sample (a view). */
    private static INDArray stepRows(INDArray folded, int t, long n) {
        return folded.get(NDArrayIndex.interval(TimeFolding.row(t, 0, n), TimeFolding.row(t, 0, n) + n),
                NDArrayIndex.all());
    }

    private static MembraneTrace trace(SpikingNetwork snn, INDArray current, TraceRequest r, long sampleInBatch,
            long batchSize) {
        long perSample = current.length() / current.size(0);
        if (r.neuron() >= perSample) {
            throw new IllegalArgumentException("layer '" + r.layer() + "' has " + perSample
                    + " neurons per image; neuron " + r.neuron() + " does not exist");
        }
        INDArray flat = current.reshape('c', current.size(0), perSample);
        double[] series = new double[snn.timesteps()];
        for (int t = 0; t < series.length; t++) {
            series[t] = flat.getDouble(TimeFolding.row(t, sampleInBatch, batchSize), r.neuron());
        }
        return new MembraneTrace(r, snn.dynamics(r.layer()).run(series));
    }
}
