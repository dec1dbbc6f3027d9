package org.ullsnn.convert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.ullsnn.nn.GraphForward;
import org.ullsnn.snn.SpikingNetwork;
import org.ullsnn.snn.TimeFolding;

/**
 * SNN-mode calibration (METHOD.md §4, source 2) of all spiking layers of one conversion: at uniformly drawn
 * (image, neuron) positions, pairs the DNN activation (with its pre-activation and channel) with the T-step current
 * the already-converted layers deliver to that neuron; for strategies that correct the output bias, also compares
 * the DNN's and the SNN's mean logits ({@link #meanLogitShift}).
 * <ul>
 *   <li>{@link #start} runs the DNN once over the calibration images and draws every layer's positions with
 *       the layer's own seeded RNG ({@code seed * 31 + layer.hashCode()}), batch by batch, reading the DNN
 *       activation at each position.</li>
 *   <li>{@link #collect} runs only the segment of the SNN that ends in layer l's input current and starts at
 *       cached spike tensors: the outputs of the spiking layers or max-pools it reads (the previous layer or
 *       pool in a VGG; in a ResNet also the earlier one an identity or 1x1 shortcut reads), or the image for
 *       the first layer. A converted layer's spikes are computed when a later segment first reads them (its
 *       threshold is chosen by then), kept as bytes, and freed once no later segment needs them.</li>
 * </ul>
 * Each weight layer therefore runs twice over the calibration images (once for its own samples, once for its
 * spikes) and each IF layer and max-pool once: two T-step SNN passes for the whole conversion, where
 * rebuilding and rerunning the network from the image for every layer costs one partial pass per layer.
 *
 * <p>The segment's vertices are the partly converted network's own DL4J vertices, fed and run as
 * {@code ComputationGraph.output} runs them, on the same batches: the samples are the ones a full run of
 * that network gives.
 */
final class SnnCalibration implements AutoCloseable {

    /** Segment runs, in a workspace of their own that {@link #close()} frees (simulations keep theirs). */
    private static final GraphForward PASS = new GraphForward("ULLSNN_SNN_CALIBRATION");

    private final INDArray images;
    private final int batchSize;
    private final Map<String, LayerSamples> samples;
    private final boolean[] neededBatch;
    private final Map<String, List<INDArray>> spikes = new HashMap<>(); // IF layer -> per batch (BYTE), or null
    private final Set<String> sampled = new HashSet<>();
    private final Map<String, Integer> evaluations = new LinkedHashMap<>(); // SNN vertex -> batches it ran on
    private Map<String, Segment> segments; // per spiking layer, from the first network seen (all share a structure)
    private final double[] dnnMeanLogits; // per class, over the images of the batches that hold samples
    private final Map<String, double[]> dnnMeanActivations; // per spiking layer and neuron of one sample, likewise
    private Set<String> pendingLogitSources = Set.of(); // what the output layer's segment reads, until it has run

    /** Where one layer's samples sit, and their DNN activations. */
    private record LayerSamples(int perImage, int[] perBatch, int[] image, int[] neuron, double[] activations,
            double[] preActivations, int[] channels, int channelCount) {
    }

    /**
     * The vertices between cached tensors and a target vertex.
     *
     * @param vertices the vertices to run, in topological order, the target last
     * @param sources  the spiking layers, max-pools over spikes, or the network input, whose outputs it reads
     */
    private record Segment(List<String> vertices, Set<String> sources) {
    }

    private SnnCalibration(INDArray images, int batchSize, Map<String, LayerSamples> samples, boolean[] neededBatch,
            double[] dnnMeanLogits, Map<String, double[]> dnnMeanActivations) {
        this.images = images;
        this.dnnMeanLogits = dnnMeanLogits;
        this.dnnMeanActivations = dnnMeanActivations;
        this.batchSize = batchSize;
        this.samples = samples;
        this.neededBatch = neededBatch;
    }

    /**
     * Runs the DNN once over the calibration images and draws {@code wanted} positions per spiking layer:
     * batch by batch, a share of the samples proportional to the images seen so far, each at a uniform
     * (image of the batch, neuron of the layer).
     *
     * @param layers the spiking (activation) layers, in topological order
     */
    static SnnCalibration start(ComputationGraph dnn, List<String> layers, INDArray images, int batchSize,
            int wanted, long seed) {
        long total = images.size(0);
        int batches = (int) ((total + batchSize - 1) / batchSize);
        Map<String, Draw> draws = new LinkedHashMap<>();
        layers.forEach(l -> draws.put(l, new Draw(new Random(seed * 31 + l.hashCode()), wanted, batches)));
        boolean[] needed = new boolean[batches];
        String input = dnn.getConfiguration().getNetworkInputs().get(0);
        ConversionPlan plan = ConversionPlan.of(dnn);
        String output = plan.order().stream().filter(n -> n.kind() == ConversionPlan.Kind.OUTPUT).findFirst()
                .orElseThrow().name();
        String outputInput = plan.node(output).inputs().get(0);
        List<String> targets = new ArrayList<>(layers);
        targets.add(outputInput);
        List<String> dnnVertices = upstream(dnn, targets, Set.of(input));
        INDArray outW = dnn.getLayer(output).getParam("W").castTo(DataType.FLOAT);
        INDArray outB = dnn.getLayer(output).paramTable().containsKey("b")
                ? dnn.getLayer(output).getParam("b").castTo(DataType.FLOAT) : null;
        double[] logitSums = new double[(int) outW.size(1)];
        Map<String, double[]> activationSums = new HashMap<>();
        long[] logitImages = {0};
        for (int b = 0; b < batches; b++) {
            long start = (long) b * batchSize;
            long end = Math.min(total, start + batchSize);
            if (draws.values().stream().allMatch(d -> d.filled == wanted)) {
                break;
            }
            INDArray batch = images.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            int n = (int) (end - start);
            int index = b;
            // the DNN's vertices run one by one, as for the SNN segments: DL4J M2.1's output(layers) of inner
            // vertices fails on residual graphs (an activation workspace left open, or a null workspace manager)
            forward(dnn, dnnVertices, batch, () -> Map.of(input, batch), out -> {
                for (Map.Entry<String, Draw> e : draws.entrySet()) {
                    Draw d = e.getValue();
                    if (d.filled == wanted) {
                        continue;
                    }
                    INDArray a = flat(out.get(e.getKey()));
                    INDArray preActivation = out.get(plan.preActivationOf(e.getKey()));
                    INDArray z = flat(preActivation);
                    d.perImage = (int) (a.length() / n);
                    d.channelCount = (int) preActivation.size(1);
                    int perChannel = d.perImage / d.channelCount; // C-order [n, C, H, W] or [n, C]
                    // this batch's share of the samples, so that every image contributes alike
                    int take = (int) Math.min(wanted - d.filled, Math.ceil((double) wanted * end / total) - d.filled);
                    long[] at = new long[Math.max(take, 0)];
                    for (int k = 0; k < take; k++) {
                        d.image[d.filled + k] = d.random.nextInt(n);
                        d.neuron[d.filled + k] = d.random.nextInt(d.perImage);
                        at[k] = (long) d.image[d.filled + k] * d.perImage + d.neuron[d.filled + k];
                        d.channels[d.filled + k] = d.neuron[d.filled + k] / perChannel;
                    }
                    float[] activations = gather(a, at);
                    float[] preActivations = gather(z, at);
                    for (int k = 0; k < take; k++, d.filled++) {
                        d.activations[d.filled] = activations[k];
                        d.preActivations[d.filled] = preActivations[k];
                    }
                    d.perBatch[index] = Math.max(take, 0);
                    needed[index] |= take > 0;
                }
                if (needed[index]) {
                    for (String layer : layers) {
                        INDArray a = out.get(layer);
                        double[] sums = a.reshape('c', n, a.length() / n).castTo(DataType.DOUBLE).sum(0)
                                .toDoubleVector();
                        double[] into = activationSums.computeIfAbsent(layer, k -> new double[sums.length]);
                        for (int j = 0; j < sums.length; j++) {
                            into[j] += sums[j];
                        }
                    }
                    INDArray x = out.get(outputInput).reshape('c', n, outW.size(0)).castTo(DataType.FLOAT);
                    INDArray logits = x.mmul(outW);
                    if (outB != null) {
                        logits.addiRowVector(outB.reshape(1, outW.size(1)));
                    }
                    double[] sums = logits.sum(0).toDoubleVector();
                    for (int k = 0; k < sums.length; k++) {
                        logitSums[k] += sums[k];
                    }
                    logitImages[0] += n;
                }
            });
        }
        Map<String, LayerSamples> samples = new HashMap<>();
        draws.forEach((layer, d) -> samples.put(layer, new LayerSamples(d.perImage, d.perBatch,
                Arrays.copyOf(d.image, d.filled), Arrays.copyOf(d.neuron, d.filled),
                Arrays.copyOf(d.activations, d.filled), Arrays.copyOf(d.preActivations, d.filled),
                Arrays.copyOf(d.channels, d.filled), d.channelCount)));
        for (int k = 0; k < logitSums.length; k++) {
            logitSums[k] /= Math.max(logitImages[0], 1);
        }
        for (double[] sums : activationSums.values()) {
            for (int j = 0; j < sums.length; j++) {
                sums[j] /= Math.max(logitImages[0], 1);
            }
        }
        return new SnnCalibration(images, batchSize, samples, needed, logitSums, activationSums);
    }

    /** One layer's positions while they are drawn, batch by batch, from the layer's own RNG. */
    private static final class Draw {
        final Random random;
        final int[] perBatch;
        final int[] image;
        final int[] neuron;
        final double[] activations;
        final double[] preActivations;
        final int[] channels;
        int filled;
        int perImage;
        int channelCount;

        Draw(Random random, int wanted, int batches) {
            this.random = random;
            this.perBatch = new int[batches];
            this.image = new int[wanted];
            this.neuron = new int[wanted];
            this.activations = new double[wanted];
            this.preActivations = new double[wanted];
            this.channels = new int[wanted];
        }
    }

    /**
     * The paired samples of spiking layer {@code layer} from {@code snn}, the network converted up to the
     * layer before it (thresholds of all earlier layers chosen). Layers are collected in topological order.
     */
    PairedSamples collect(SpikingNetwork snn, String layer) {
        if (segments == null) {
            segments = segments(snn);
        }
        ComputationGraph graph = snn.graph();
        LayerSamples s = samples.get(layer);
        String currentVertex = snn.spikingLayers().stream().filter(l -> l.name().equals(layer)).findFirst()
                .orElseThrow().inputVertex();
        Segment toCurrent = segment(snn, currentVertex);
        try {
            for (String source : toCurrent.sources()) {
                ensureSpikes(graph, source);
            }
            int steps = snn.timesteps();
            double[][] currents = new double[s.activations().length][steps];
            int[] filled = {0};
            for (int b = 0; b < s.perBatch().length; b++) {
                if (s.perBatch()[b] == 0) {
                    continue;
                }
                long n = rows(b);
                int take = s.perBatch()[b];
                run(graph, toCurrent, b, out -> {
                    long[] at = new long[take * steps];
                    for (int k = 0; k < take; k++) {
                        int img = s.image()[filled[0] + k];
                        long cell = s.neuron()[filled[0] + k];
                        for (int t = 0; t < steps; t++) {
                            at[k * steps + t] = TimeFolding.row(t, img, n) * s.perImage() + cell;
                        }
                    }
                    float[] values = gather(flat(out), at);
                    for (int k = 0; k < take; k++, filled[0]++) {
                        for (int t = 0; t < steps; t++) {
                            currents[filled[0]][t] = values[k * steps + t];
                        }
                    }
                });
            }
            sampled.add(layer);
            release();
            return new PairedSamples(s.activations().clone(), s.preActivations().clone(), s.channels().clone(),
                    s.channelCount(), currents);
        } finally {
            graph.clearLayersStates();
        }
    }

    /**
     * Announces that {@link #meanLogitShift} will be asked for after the last layer is collected, so that the spikes
     * the output layer's segment reads are kept until then. Call before the first {@link #collect}.
     */
    void expectOutputCorrection(SpikingNetwork snn) {
        pendingLogitSources = segment(snn, snn.logitsVertex()).sources();
    }

    /**
     * The output layer's correction from {@code snn}, the network with every spiking layer converted: per class,
     * the DNN's mean logit minus the SNN's mean per-step logit, both over the images of the batches that hold
     * samples. Runs only the segment from the last cached spikes to the logits (the last spiking layer's IF and
     * the output layer, in a VGG).
     */
    double[] meanLogitShift(SpikingNetwork snn) {
        if (segments == null) {
            segments = segments(snn);
        }
        ComputationGraph graph = snn.graph();
        Segment toLogits = segment(snn, snn.logitsVertex());
        double[] snnSums = new double[dnnMeanLogits.length];
        long rows = 0;
        try {
            for (String source : toLogits.sources()) {
                ensureSpikes(graph, source);
            }
            for (int b = 0; b < neededBatch.length; b++) {
                if (!neededBatch[b]) {
                    continue;
                }
                rows += rows(b) * snn.timesteps();
                run(graph, toLogits, b, out -> {
                    double[] sums = out.castTo(DataType.DOUBLE).sum(0).toDoubleVector();
                    for (int k = 0; k < sums.length; k++) {
                        snnSums[k] += sums[k];
                    }
                });
            }
        } finally {
            graph.clearLayersStates();
        }
        pendingLogitSources = Set.of();
        release();
        double[] shift = new double[snnSums.length];
        for (int k = 0; k < shift.length; k++) {
            shift[k] = dnnMeanLogits[k] - snnSums[k] / rows;
        }
        return shift;
    }

    /** Per neuron of one sample, the DNN's mean activation of spiking layer {@code layer} over the images used. */
    double[] dnnMeanActivation(String layer) {
        return dnnMeanActivations.get(layer).clone();
    }

    /**
     * Per neuron of one sample, the mean spike count over T steps and the images used, times {@code v / T}, of
     * spiking layer {@code layer} in {@code snn} (the network with that layer converted as a candidate): one run of
     * the layer's segment, from the cached spikes it reads to its IF output.
     */
    double[] snnMeanOutput(SpikingNetwork snn, String layer, double v) {
        if (segments == null) {
            segments = segments(snn);
        }
        ComputationGraph graph = snn.graph();
        Segment toSpikes = segment(snn, layer);
        double[] sums = null;
        long rows = 0;
        try {
            for (String source : toSpikes.sources()) {
                ensureSpikes(graph, source);
            }
            double[][] acc = new double[1][];
            for (int b = 0; b < neededBatch.length; b++) {
                if (!neededBatch[b]) {
                    continue;
                }
                long n = rows(b) * snn.timesteps();
                rows += n;
                run(graph, toSpikes, b, out -> {
                    double[] s = out.reshape('c', n, out.length() / n).castTo(DataType.DOUBLE).sum(0).toDoubleVector();
                    if (acc[0] == null) {
                        acc[0] = new double[s.length];
                    }
                    for (int j = 0; j < s.length; j++) {
                        acc[0][j] += s[j];
                    }
                });
            }
            sums = acc[0];
        } finally {
            graph.clearLayersStates();
        }
        for (int j = 0; j < sums.length; j++) {
            sums[j] *= v / rows;
        }
        return sums;
    }

    /** Per SNN vertex, the number of calibration batches it ran on so far. */
    Map<String, Integer> evaluations() {
        return Collections.unmodifiableMap(evaluations);
    }

    /**
     * Cost in full T-step SNN passes over the calibration images: the most times any SNN vertex ran over the
     * batches that hold samples.
     */
    double passes() {
        int batches = 0;
        for (boolean b : neededBatch) {
            batches += b ? 1 : 0;
        }
        int most = evaluations.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return batches == 0 ? 0 : (double) most / batches;
    }

    /** The spiking layers and max-pools whose output spikes are cached now. */
    Set<String> cachedSpikes() {
        return Set.copyOf(spikes.keySet());
    }

    /** Frees the cached spikes and the workspace. */
    @Override
    public void close() {
        for (String layer : new ArrayList<>(spikes.keySet())) {
            free(layer);
        }
        PASS.release();
    }

    /**
     * Computes and caches the output spikes of {@code layer}, a spiking layer or a max-pool over spikes (no-op
     * for the network input).
     */
    private void ensureSpikes(ComputationGraph graph, String layer) {
        if (!segments.containsKey(layer) || spikes.containsKey(layer)) {
            return;
        }
        Segment toSpikes = segments.get(layer);
        for (String source : toSpikes.sources()) {
            ensureSpikes(graph, source);
        }
        List<INDArray> perBatch = new ArrayList<>();
        for (int b = 0; b < neededBatch.length; b++) {
            if (!neededBatch[b]) {
                perBatch.add(null);
                continue;
            }
            run(graph, toSpikes, b, out -> {
                try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    // IF outputs (and their max-pools) are exactly 0 or 1: bytes hold them without loss, in a
                    // quarter of the memory
                    perBatch.add(out.castTo(DataType.BYTE));
                }
            });
        }
        spikes.put(layer, perBatch);
    }

    /** Frees the spikes no later collection can read. */
    private void release() {
        for (String layer : new ArrayList<>(spikes.keySet())) {
            if (!stillNeeded(layer)) {
                free(layer);
            }
        }
    }

    /**
     * Whether a later segment reads the spikes of {@code source}: one of its readers is a spiking layer not
     * sampled yet, or has spikes still to compute that a later segment reads.
     */
    private boolean stillNeeded(String source) {
        for (String reader : pendingLogitSources) {
            if (reader.equals(source) || reads(reader, source)) {
                return true;
            }
        }
        for (Map.Entry<String, Segment> e : segments.entrySet()) {
            String reader = e.getKey();
            if (e.getValue().sources().contains(source)
                    && ((samples.containsKey(reader) && !sampled.contains(reader))
                            || (!spikes.containsKey(reader) && stillNeeded(reader)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether computing the (not yet cached) spikes of {@code reader} reads those of {@code source}. */
    private boolean reads(String reader, String source) {
        if (spikes.containsKey(reader) || !segments.containsKey(reader)) {
            return false;
        }
        for (String s : segments.get(reader).sources()) {
            if (s.equals(source) || reads(s, source)) {
                return true;
            }
        }
        return false;
    }

    private void free(String layer) {
        for (INDArray a : spikes.remove(layer)) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /**
     * Runs a segment on batch {@code b} (its sources from the cache or the images, its vertices in order) and
     * hands its output to {@code use}. Everything the run allocates lives in one workspace, reused from batch
     * to batch as {@code ComputationGraph.output} reuses its own; the output is valid only inside {@code use}.
     */
    private void run(ComputationGraph graph, Segment segment, int b, Consumer<INDArray> use) {
        INDArray batch = batch(b);
        String input = graph.getConfiguration().getNetworkInputs().get(0);
        forward(graph, segment.vertices(), batch, () -> {
            Map<String, INDArray> sources = new HashMap<>();
            for (String source : segment.sources()) {
                sources.put(source, source.equals(input) ? batch : spikes.get(source).get(b).castTo(DataType.FLOAT));
            }
            return sources;
        }, values -> use.accept(values.get(segment.vertices().get(segment.vertices().size() - 1))));
        segment.vertices().forEach(v -> evaluations.merge(v, 1, Integer::sum));
    }

    /**
     * Runs {@code vertices} of {@code graph} in order on one batch, from the tensors {@code sources} supplies,
     * and hands every vertex's output to {@code use}. Vertices are fed and run as {@code ComputationGraph.output}
     * runs them; everything the run allocates lives in one workspace, reused from batch to batch as
     * {@code output} reuses its own, so the outputs are valid only inside {@code use}.
     */
    private static void forward(ComputationGraph graph, List<String> vertices, INDArray batch,
            Supplier<Map<String, INDArray>> sources, Consumer<Map<String, INDArray>> use) {
        PASS.run(graph, vertices, batch, sources, new GraphForward.Visitor() {
            @Override
            public void onEnd(Map<String, INDArray> outputs) {
                use.accept(outputs);
            }
        });
    }

    private INDArray batch(int b) {
        long start = (long) b * batchSize;
        long end = Math.min(images.size(0), start + batchSize);
        return images.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all());
    }

    private long rows(int b) {
        long start = (long) b * batchSize;
        return Math.min(images.size(0), start + batchSize) - start;
    }

    /** Per spiking layer and max-pool over spikes: the segment from cached spikes to its output spikes. */
    private static Map<String, Segment> segments(SpikingNetwork snn) {
        Map<String, Segment> out = new HashMap<>();
        for (SpikingNetwork.SpikingLayer l : snn.spikingLayers()) {
            out.put(l.name(), segment(snn, l.name()));
        }
        for (String pool : snn.spikingPools()) {
            out.put(pool, segment(snn, pool));
        }
        return out;
    }

    /**
     * The vertices {@code target} depends on back to the nearest spike tensors (outputs of spiking layers or
     * of max-pools over spikes) or the network input, which become the segment's sources.
     */
    private static Segment segment(SpikingNetwork snn, String target) {
        ComputationGraph graph = snn.graph();
        Set<String> stops = new HashSet<>(snn.spikingPools());
        snn.spikingLayers().forEach(l -> stops.add(l.name()));
        stops.add(graph.getConfiguration().getNetworkInputs().get(0));
        stops.remove(target);
        List<String> vertices = upstream(graph, List.of(target), stops);
        Set<String> sources = new HashSet<>();
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        for (String v : vertices) {
            inputs.get(v).stream().filter(stops::contains).forEach(sources::add);
        }
        return new Segment(vertices, Set.copyOf(sources));
    }

    /**
     * The vertices {@code targets} depend on, back to (not including) the {@code stops}, in topological order,
     * the targets included.
     */
    private static List<String> upstream(ComputationGraph graph, List<String> targets, Set<String> stops) {
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        Set<String> members = new HashSet<>();
        List<String> stack = new ArrayList<>(targets);
        while (!stack.isEmpty()) {
            String v = stack.remove(stack.size() - 1);
            if (!stops.contains(v) && members.add(v)) {
                stack.addAll(inputs.getOrDefault(v, List.of()));
            }
        }
        List<String> ordered = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            if (members.contains(name)) {
                ordered.add(name);
            }
        }
        return List.copyOf(ordered);
    }

    /**
     * The elements of the 1-D {@code flat} at positions {@code at}, read from its buffer. Reading them one by one with
     * {@code INDArray.getFloat} took about 2 s of notebook 03's sweep, and libnd4j's {@code Gather} op, which replaced
     * it, took a sixth of that sweep's time (a JFR profile, 2026-12-08), far more than reading a few thousand values
     * should; why inside libnd4j was not traced.
     */
    private static float[] gather(INDArray flat, long[] at) {
        DataBuffer data = flat.data();
        long offset = flat.offset();
        long stride = flat.stride(0);
        float[] values = new float[at.length];
        for (int k = 0; k < at.length; k++) {
            values[k] = data.getFloat(offset + at[k] * stride);
        }
        return values;
    }

    /** A float, c-ordered rank-1 view (or copy) of {@code x}, read by flat index. */
    private static INDArray flat(INDArray x) {
        INDArray f = x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
        return f.reshape('c', new long[] {f.length()});
    }
}
