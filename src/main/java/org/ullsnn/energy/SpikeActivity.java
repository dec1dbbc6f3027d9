package org.ullsnn.energy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ullsnn.snn.LayerSpikes;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.SpikingNetwork;

/**
 * What an SNN's weight layers read, measured by a simulation or given by hand: for every weight layer except
 * those reading the image, the spikes in the tensor it reads; plus T and the IF neurons per image (for the
 * neuron-update cost).
 *
 * @param timesteps       T, {@code >= 1}
 * @param samples         images the counts come from ({@code 0}: rates given by hand)
 * @param neuronsPerImage IF neurons per image, summed over all spiking layers, {@code >= 0}
 * @param inputs          one entry per weight layer that reads spikes, unique layer names
 */
public record SpikeActivity(int timesteps, long samples, long neuronsPerImage, List<InputSpikes> inputs) {

    public SpikeActivity {
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps T must be >= 1, got " + timesteps);
        }
        if (samples < 0 || neuronsPerImage < 0) {
            throw new IllegalArgumentException("samples and neurons per image must be >= 0, got " + samples + ", "
                    + neuronsPerImage);
        }
        inputs = List.copyOf(inputs);
        Set<String> names = new HashSet<>();
        for (InputSpikes in : inputs) {
            if (!names.add(in.layer())) {
                throw new IllegalArgumentException("one input entry per layer; '" + in.layer() + "' repeats");
            }
            if (in.rate() > timesteps) {
                throw new IllegalArgumentException("layer '" + in.layer() + "' reads " + in.rate() + " spikes per "
                        + "element per image, more than T = " + timesteps + " (an IF neuron spikes at most once a step)");
            }
        }
    }

    /**
     * Reads from a simulation the spikes each weight layer of {@code model} reads in {@code snn}: the layer's input
     * vertex in the SNN graph (an IF layer, a max-pool over spikes, or for a 1x1 shortcut the block input), and
     * the exact-fan-out SOPs where the simulation kept per-neuron counts.
     *
     * @throws IllegalArgumentException when the SNN lacks a layer or a shortcut scale of the model, a layer reads
     *                                  something that is not a spike tensor, or the sizes disagree (the SNN was not converted from the
     *                                  model's network, or for another input size)
     */
    public static SpikeActivity measure(EnergyModel model, SpikingNetwork snn, SimulationResult simulation) {
        var conf = snn.graph().getConfiguration();
        Map<String, List<String>> vertexInputs = conf.getVertexInputs();
        List<String> networkInputs = conf.getNetworkInputs();
        List<InputSpikes> inputs = new ArrayList<>();
        for (WeightLayer l : model.layers()) {
            List<String> ins = vertexInputs.get(l.name());
            if (ins == null || !conf.getVertices().containsKey(l.name())) {
                throw new IllegalArgumentException("the SNN has no layer '" + l.name() + "': was it converted from the "
                        + "network this energy model counts?");
            }
            String source = ins.get(0);
            boolean readsImage = networkInputs.contains(source);
            if (readsImage != l.readsInput()) {
                throw new IllegalArgumentException("layer '" + l.name() + "' reads " + (l.readsInput() ? "the image"
                        : "'" + l.source() + "'") + " in the counted network but '" + source + "' in the SNN");
            }
            if (readsImage) {
                continue;
            }
            LayerSpikes spikes;
            try {
                spikes = simulation.spikesOf(source);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer '" + l.name() + "' reads '" + source + "', which the simulation "
                        + "recorded no spikes for: " + e.getMessage(), e);
            }
            if (spikes.neuronsPerSample() != l.inputElements()) {
                throw new IllegalArgumentException("layer '" + l.name() + "' reads " + l.inputElements()
                        + " elements per image in the energy model but '" + source + "' has "
                        + spikes.neuronsPerSample() + " neurons: count the model for the input the SNN was run on");
            }
            double exact = spikes.hasPerNeuron() ? l.exactSops(spikes.perNeuron(), spikes.samples()) : Double.NaN;
            inputs.add(new InputSpikes(l.name(), source, l.inputElements(), spikes.spikesPerSample(), exact));
        }
        for (ShortcutScale s : model.scales()) {
            if (!(conf.getVertices().get(s.name()) instanceof org.deeplearning4j.nn.conf.graph.ScaleVertex)) {
                throw new IllegalArgumentException("the energy model counts a shortcut scale '" + s.name() + "' that "
                        + "the SNN does not have (or not as a ScaleVertex): was it converted from the network this "
                        + "energy model counts?");
            }
        }
        long neurons = simulation.layers().stream().mapToLong(LayerSpikes::neuronsPerSample).sum();
        return new SpikeActivity(simulation.timesteps(), simulation.samples(), neurons, inputs);
    }

    /**
     * Activity given by hand (a made-up rate table, or rates from elsewhere): {@code rates} maps every weight layer
     * that reads spikes to its input rate {@code r_in} (spikes per element per image over T). Exact fan-out is not
     * available for such activity.
     *
     * @throws IllegalArgumentException when a layer reading spikes has no rate, or a rate names an unknown layer or
     *                                  one that reads the image
     */
    public static SpikeActivity ofRates(EnergyModel model, int timesteps, long neuronsPerImage,
            Map<String, Double> rates) {
        Set<String> unused = new HashSet<>(rates.keySet());
        List<InputSpikes> inputs = new ArrayList<>();
        for (WeightLayer l : model.layers()) {
            unused.remove(l.name());
            if (l.readsInput()) {
                if (rates.containsKey(l.name())) {
                    throw new IllegalArgumentException("layer '" + l.name() + "' reads the image (MACs, no spikes); "
                            + "give rates only for the layers reading spikes");
                }
                continue;
            }
            Double r = rates.get(l.name());
            if (r == null) {
                throw new IllegalArgumentException("no input rate for layer '" + l.name() + "'");
            }
            if (!(r >= 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("layer '" + l.name() + "': input rate must be finite and >= 0, got "
                        + r);
            }
            inputs.add(new InputSpikes(l.name(), l.source(), l.inputElements(), r * l.inputElements(), Double.NaN));
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("rates name layers the model does not have: " + unused
                    + "; weight layers: " + model.layers().stream().map(WeightLayer::name).toList());
        }
        return new SpikeActivity(timesteps, 0, neuronsPerImage, inputs);
    }

    /** The spikes layer {@code layer} reads. */
    public InputSpikes input(String layer) {
        return inputs.stream().filter(i -> i.layer().equals(layer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no input spikes for layer '" + layer + "'; known: "
                        + inputs.stream().map(InputSpikes::layer).toList()));
    }

    /** Neuron updates per image: {@code neuronsPerImage * T}. */
    public long neuronUpdates() {
        return neuronsPerImage * timesteps;
    }
}
