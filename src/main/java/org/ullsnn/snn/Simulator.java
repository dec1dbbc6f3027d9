package org.ullsnn.snn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ullsnn.nn.GraphForward;
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
        Map<String, SpikeTally> tallies = new LinkedHashMap<>(); // IF layers, then max-pools over spikes
        byName.keySet().forEach(k -> tallies.put(k, new SpikeTally(k, steps)));
        snn.spikingPools().forEach(k -> tallies.put(k, new SpikeTally(k, steps)));
        List<MembraneTrace> recorded = new ArrayList<>();
        Map<String, List<Integer>> tracedCurrents = new LinkedHashMap<>(); // input vertex -> indices into traces
        for (int i = 0; i < traces.size(); i++) {
            tracedCurrents.computeIfAbsent(byName.get(traces.get(i).layer()).inputVertex(), k -> new ArrayList<>())
                    .add(i);
        }
        List<String> networkInputs = snn.graph().getConfiguration().getNetworkInputs();
        for (String current : tracedCurrents.keySet()) {
            if (networkInputs.contains(current)) { // a pass shows computed vertices only
                throw new IllegalArgumentException("cannot trace an IF layer that reads the network input '"
                        + current + "' directly");
            }
        }
        long seen = 0;
        long batches = 0;
        String task = "simulate T=" + steps;
        while (data.hasNext()) {
            DataSet batch = data.next();
            long n = batch.numExamples();
            long first = seen;
            INDArray expected = batch.getLabels().argMax(1);
            MembraneTrace[] batchTraces = new MembraneTrace[traces.size()]; // kept in the order asked for
            // every vertex's output is read where the pass leaves it, in its workspace
            GraphForward.SHARED.run(snn.graph(), batch.getFeatures(), new GraphForward.Visitor() {
                @Override
                public void onVertex(String vertex, INDArray output) {
                    SpikeTally tally = tallies.get(vertex);
                    if (tally != null) {
                        tally.add(output);
                    }
                    if (vertex.equals(snn.logitsVertex())) {
                        INDArray running = stepRows(output, 0, n).dup();
                        for (int t = 0; t < steps; t++) {
                            if (t > 0) {
                                running.addi(stepRows(output, t, n));
                            }
                            correct[t] += running.argMax(1).eq(expected).castTo(DataType.INT).sumNumber().longValue();
                        }
                    }
                    for (int i : tracedCurrents.getOrDefault(vertex, List.of())) {
                        TraceRequest r = traces.get(i);
                        if (r.sample() >= first && r.sample() < first + n) {
                            batchTraces[i] = trace(snn, output, r, r.sample() - first, n);
                        }
                    }
                }
            });
            for (MembraneTrace t : batchTraces) {
                if (t != null) {
                    recorded.add(t);
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
        for (Map.Entry<String, SpikeTally> e : tallies.entrySet()) {
            (byName.containsKey(e.getKey()) ? layers : pooled).add(e.getValue().result());
        }
        progress.onProgress(ProgressEvent.done(task, batches, batches, "batch",
                String.format(java.util.Locale.ROOT, "acc@T %.2f %%", 100 * accuracy[steps - 1])));
        return new SimulationResult(steps, seen, accuracy, layers, pooled, recorded);
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
