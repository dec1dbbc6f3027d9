package org.ullsnn.snn;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a simulation measured.
 *
 * @param timesteps  T
 * @param samples    images simulated
 * @param accuracyAt top-1 accuracy of the running output sum after step t, at index {@code t - 1}
 * @param layers     spike counts per IF layer, in topological order
 * @param pooled     spike counts at the outputs of max-pools over spikes (what the next layer reads; energy
 *                   counts its synaptic operations from these), in topological order
 * @param traces     the membrane traces asked for (empty if none)
 */
public record SimulationResult(int timesteps, long samples, double[] accuracyAt, List<LayerSpikes> layers,
        List<LayerSpikes> pooled, List<MembraneTrace> traces) {

    public SimulationResult {
        if (accuracyAt.length != timesteps) {
            throw new IllegalArgumentException("need one accuracy per step: " + accuracyAt.length + " for T = "
                    + timesteps);
        }
        accuracyAt = accuracyAt.clone();
        layers = List.copyOf(layers);
        pooled = List.copyOf(pooled);
        traces = List.copyOf(traces);
    }

    /** Accuracy after step {@code t} (1-based). */
    public double accuracyAt(int t) {
        if (t < 1 || t > timesteps) {
            throw new IllegalArgumentException("t must be in 1.." + timesteps + ", got " + t);
        }
        return accuracyAt[t - 1];
    }

    /** Accuracy after the last step. */
    public double finalAccuracy() {
        return accuracyAt[timesteps - 1];
    }

    /** The same simulation seen after its first {@code t} steps: accuracy and spike counts up to t. */
    public SimulationResult firstSteps(int t) {
        if (t < 1 || t > timesteps) {
            throw new IllegalArgumentException("t must be in 1.." + timesteps + ", got " + t);
        }
        List<MembraneTrace> cut = traces.stream().map(m -> new MembraneTrace(m.request(), new NeuronDynamics.Trace(
                java.util.Arrays.copyOf(m.trace().current(), t), java.util.Arrays.copyOf(m.trace().beforeReset(), t),
                java.util.Arrays.copyOf(m.trace().spikes(), t), java.util.Arrays.copyOf(m.trace().afterReset(), t))))
                .toList();
        return new SimulationResult(t, samples, java.util.Arrays.copyOf(accuracyAt, t),
                layers.stream().map(l -> l.firstSteps(t)).toList(), pooled.stream().map(l -> l.firstSteps(t)).toList(),
                cut);
    }

    /**
     * The spike counts of the spike tensor a vertex outputs: an IF layer or a max-pool over spikes.
     *
     * @throws IllegalArgumentException when the vertex outputs no spike tensor of this network
     */
    public LayerSpikes spikesOf(String vertex) {
        return java.util.stream.Stream.concat(layers.stream(), pooled.stream()).filter(l -> l.layer().equals(vertex))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + vertex + "' outputs no spikes; "
                        + "spike tensors: " + java.util.stream.Stream.concat(layers.stream(), pooled.stream())
                        .map(LayerSpikes::layer).toList()));
    }

    /** Total spikes per image over all IF layers and steps. */
    public double spikesPerSample() {
        return layers.stream().mapToDouble(LayerSpikes::spikesPerSample).sum();
    }

    /** Accuracy after each step: columns {@code t}, {@code accuracy}. */
    public Table toTable() {
        IntColumn t = IntColumn.create("t");
        DoubleColumn acc = DoubleColumn.create("accuracy");
        for (int i = 0; i < timesteps; i++) {
            t.append(i + 1);
            acc.append(accuracyAt[i]);
        }
        return Table.create("accuracy vs t", t, acc);
    }

    /** Spike counts per layer: layer, neurons, spikes per image, firing rate per neuron and step. */
    public Table spikeTable() {
        StringColumn name = StringColumn.create("layer");
        LongColumn neurons = LongColumn.create("neurons");
        DoubleColumn perSample = DoubleColumn.create("spikes_per_image");
        DoubleColumn rate = DoubleColumn.create("firing_rate");
        for (LayerSpikes l : layers) {
            name.append(l.layer());
            neurons.append(l.neuronsPerSample());
            perSample.append(l.spikesPerSample());
            rate.append(l.firingRate());
        }
        return Table.create("spikes per layer (T = " + timesteps + ")", name, neurons, perSample, rate);
    }

    /** The recorded traces in long form: layer, sample, neuron, t, current, potential, spike. */
    public Table traceTable() {
        StringColumn layer = StringColumn.create("layer");
        LongColumn sample = LongColumn.create("sample");
        LongColumn neuron = LongColumn.create("neuron");
        IntColumn t = IntColumn.create("t");
        DoubleColumn current = DoubleColumn.create("current");
        DoubleColumn before = DoubleColumn.create("potential_before_reset");
        IntColumn spike = IntColumn.create("spike");
        DoubleColumn after = DoubleColumn.create("potential_after_reset");
        for (MembraneTrace m : traces) {
            for (int i = 0; i < timesteps; i++) {
                layer.append(m.request().layer());
                sample.append(m.request().sample());
                neuron.append(m.request().neuron());
                t.append(i + 1);
                current.append(m.trace().current()[i]);
                before.append(m.trace().beforeReset()[i]);
                spike.append(m.trace().spikes()[i]);
                after.append(m.trace().afterReset()[i]);
            }
        }
        return Table.create("membrane traces", layer, sample, neuron, t, current, before, spike, after);
    }
}
