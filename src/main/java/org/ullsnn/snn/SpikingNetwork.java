package org.ullsnn.snn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ullsnn.io.Sha256;
import org.ullsnn.nn.Graphs;

/**
 * A spiking network as a time-folded DL4J graph: the input (or the first layer's current) is repeated
 * over T steps by a {@link TimeRepeatLayer}, every hidden activation is an {@link IFNeuronLayer}, synaptic
 * layers (conv, dense, max-pool) run once over the {@code [T*N, ...]} batch, and the output layer's
 * per-step logits are summed over time by a {@link TimeSumLayer}.
 *
 * <p>Holds the graph and what simulation needs to read it: T, the spiking layers in topological order with
 * their input vertices, and the vertex of the per-step logits.
 */
public final class SpikingNetwork {

    private final ComputationGraph graph;
    private final int timesteps;
    private final List<SpikingLayer> layers;
    private final String logitsVertex;
    private final List<String> pools;

    /** A spiking layer: the IF vertex and the vertex whose output is its input current. */
    public record SpikingLayer(String name, String inputVertex) {
    }

    private SpikingNetwork(ComputationGraph graph, int timesteps, List<SpikingLayer> layers, String logitsVertex,
            List<String> pools) {
        this.graph = graph;
        this.timesteps = timesteps;
        this.layers = List.copyOf(layers);
        this.logitsVertex = logitsVertex;
        this.pools = List.copyOf(pools);
    }

    /**
     * Reads the structure of a time-folded spiking graph.
     *
     * @throws IllegalArgumentException when the graph has no {@link TimeSumLayer}, or its IF/time layers
     *                                  disagree on T
     */
    public static SpikingNetwork of(ComputationGraph graph) {
        Map<String, GraphVertex> vertices = graph.getConfiguration().getVertices();
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        List<SpikingLayer> layers = new ArrayList<>();
        List<String> pools = new ArrayList<>();
        java.util.Set<String> spiking = new java.util.HashSet<>();
        java.util.Set<String> counts = new java.util.HashSet<>();   // spike counts so far (count-max pools)
        Integer steps = null;
        String logits = null;
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            GraphVertex v = vertices.get(name);
            if (!(v instanceof LayerVertex lv)) {
                continue;
            }
            Object conf = lv.getLayerConf().getLayer();
            Integer t = null;
            if (conf instanceof IFNeuronLayer ifl) {
                layers.add(new SpikingLayer(name, inputs.get(name).get(0)));
                spiking.add(name);
                t = ifl.getTimesteps();
            } else if (conf instanceof org.deeplearning4j.nn.conf.layers.SubsamplingLayer
                    && spiking.contains(inputs.get(name).get(0))) {
                pools.add(name);
                spiking.add(name);
            } else if (conf instanceof org.deeplearning4j.nn.conf.layers.SubsamplingLayer
                    && counts.contains(inputs.get(name).get(0))) {
                counts.add(name);   // the max of counts so far: a count-max pool's middle
            } else if (conf instanceof TimeScanLayer scan) {
                String in = inputs.get(name).get(0);
                if (scan.getDirection() == TimeScanLayer.Direction.ACCUMULATE && spiking.contains(in)) {
                    counts.add(name);
                } else if (scan.getDirection() == TimeScanLayer.Direction.DIFFERENCE && counts.contains(in)) {
                    pools.add(name);   // a count-max pool's output: spikes again
                    spiking.add(name);
                }
                t = scan.getTimesteps();
            } else if (conf instanceof TimeLayerConfig tl) {
                t = tl.getTimesteps();
                if (conf instanceof TimeSumLayer) {
                    logits = inputs.get(name).get(0);
                }
            }
            if (t != null) {
                if (steps != null && !steps.equals(t)) {
                    throw new IllegalArgumentException("layer '" + name + "' runs " + t + " steps but an earlier one "
                            + steps + ": all time layers of a spiking network share T");
                }
                steps = t;
            }
        }
        if (logits == null || steps == null) {
            throw new IllegalArgumentException("not a spiking network: the graph has no TimeSumLayer summing "
                    + "its output over time");
        }
        return new SpikingNetwork(graph, steps, layers, logits, pools);
    }

    /** The DL4J graph (time-folded). */
    public ComputationGraph graph() {
        return graph;
    }

    /** Number of time steps T. */
    public int timesteps() {
        return timesteps;
    }

    /** The spiking (IF) layers in topological order. */
    public List<SpikingLayer> spikingLayers() {
        return layers;
    }

    /**
     * Max-pool vertices over spikes, in topological order: their outputs are spike tensors too (for a count-max pool,
     * the vertex of the step differences, which has the DNN pool's name).
     */
    public List<String> spikingPools() {
        return pools;
    }

    /** The vertex whose output is the per-step logits {@code [T*N, classes]}. */
    public String logitsVertex() {
        return logitsVertex;
    }

    /**
     * A SHA-256 digest of everything that decides this network's outputs: its configuration (as JSON: layers, T,
     * IF settings; without the random seed, which only training draws from) and all its parameters (weights,
     * thresholds, leaks). Two networks with the same fingerprint compute the same spikes on the same input.
     */
    public String fingerprint() {
        MessageDigest sha = Sha256.digest();
        String conf = graph.getConfiguration().toJson().replaceAll("\"seed\" : -?\\d+", "\"seed\" : 0");
        sha.update(conf.getBytes(StandardCharsets.UTF_8));
        INDArray params = graph.params();
        if (params != null) {
            // the buffer's bytes where they lie; data().asBytes() copied them element by element (~50 ms per call)
            sha.update(params.data().asNio().duplicate());
        }
        return Sha256.hex(sha);
    }

    /**
     * This network with every IF layer driven, at each step, by the mean of its input current over the T steps
     * ({@link IFNeuronLayer#isConstantDrive()}): each neuron then fires the spikes of a constant drive by the time-mean
     * current {@code z} it receives ({@code N_T(z)} with reset by subtraction, the count METHOD.md's DNN-mode fit
     * assumes), so the copy keeps the conversion's quantisation
     * of every activation and drops its timing error (the order in which spikes arrive). Simulated beside the
     * network itself, it splits the gap to the DNN into the two. A new network with the same parameters; this one is
     * untouched. At T = 1 it computes what this network computes.
     */
    public SpikingNetwork withConstantDrive() {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof IFNeuronLayer n) {
                n.setConstantDrive(true);
            }
        }
        return of(Graphs.init(conf, graph.params()));
    }

    /** The runtime IF layer called {@code name}. */
    public IFNeuron neuron(String name) {
        if (!(graph.getLayer(name) instanceof IFNeuron n)) {
            throw new IllegalArgumentException("'" + name + "' is not an IF layer of this network; IF layers: "
                    + layers.stream().map(SpikingLayer::name).toList());
        }
        return n;
    }

    /**
     * The dynamics of IF layer {@code name}, as plain numbers.
     *
     * @throws IllegalStateException when the layer has per-neuron initial potentials or offset-spike calibration,
     *                               which one scalar u0 cannot describe
     */
    public NeuronDynamics dynamics(String name) {
        IFNeuron n = neuron(name);
        IFNeuronLayer conf = (IFNeuronLayer) n.getConfig();
        if (conf.getInitialPotential().length > 0 || conf.getOffsetSpikeSteps() > 0) {
            throw new IllegalStateException("IF layer '" + name + "' has per-neuron initial potentials or offset-spike "
                    + "calibration; its dynamics are not one scalar neuron's");
        }
        return new NeuronDynamics(n.theta(), n.lambda(), conf.getU0(), conf.getResetMode());
    }
}
