package org.ullsnn.energy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ullsnn.nn.layers.ClipReLULayer;
import org.ullsnn.snn.IFNeuronLayer;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.SpikingNetwork;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The operation counts of a network, read from its shapes: one {@link WeightLayer} per convolution (residual 1x1
 * shortcuts included), dense layer and classifier, in topological order (METHOD.md §6), with its bias; and one
 * {@link ShortcutScale} per identity shortcut the SNN multiplies by its spike scale.
 * <pre>
 * MACs_l = k*k*C_in*C_out*H_out*W_out   (conv)        MACs_l = f_in*f_out   (dense, output)
 * B_l    = C_out*H_out*W_out or f_out   (bias adds, with a bias: the layer's own or a batch norm right after it)
 * S_s    = elements of shortcut s       (the SNN multiplies them by v at every step)
 * ceiling = sum_l MACs_l / MACs_1                     (the largest E_DNN / E_SNN: first layer once, no SOPs)
 * </pre>
 * A batch norm that reads a weight layer is counted as folded into it (the converter folds it; a deployed DNN does
 * too): a bias, and nothing for the batch norm. Pooling, activations (ClipReLU, ReLU, IF neurons), dropout,
 * additions and time layers cost nothing. Works on a DNN and on its SNN graph alike (the SNN keeps the DNN's
 * weight-layer names and shapes, its folded biases, and names its shortcut scales as predicted here); a layer with
 * parameters that is none of the above is refused by name rather than silently left out.
 * <pre>{@code
 * EnergyModel model = EnergyModel.of(dnn, InputType.convolutional(32, 32, 3));
 * EnergyReport fp32 = model.report(snn, simulation, Preset.FP32.costs(), EnergyConventions.defaults());
 * List<EnergyReport> all = model.reports(snn, simulation, Preset.allCosts(), EnergyConventions.defaults());
 * display(EnergyReport.compare(all)); display(EnergyReport.totals(all)); System.out.println(fp32.summary());
 * }</pre>
 *
 * @param layers the counted layers in topological order: non-empty, unique names, at least one reading the input
 * @param scales the identity shortcuts' spike scales of the SNN, in topological order (empty without any)
 */
public record EnergyModel(List<WeightLayer> layers, List<ShortcutScale> scales) {

    public EnergyModel {
        layers = List.copyOf(layers);
        scales = List.copyOf(scales);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an energy model needs at least one weight layer");
        }
        Set<String> names = new HashSet<>();
        for (WeightLayer l : layers) {
            if (!names.add(l.name())) {
                throw new IllegalArgumentException("weight layer names must be unique; '" + l.name() + "' repeats");
            }
        }
        for (ShortcutScale s : scales) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("layer and shortcut-scale names must be unique; '" + s.name()
                        + "' repeats");
            }
        }
        if (layers.stream().noneMatch(WeightLayer::readsInput)) {
            throw new IllegalArgumentException("no weight layer reads the network input; the first layer (the SNN's "
                    + "MAC layer) must be among " + names);
        }
    }

    /** Weight layers only, no shortcut scales (a network without identity shortcuts). */
    public EnergyModel(List<WeightLayer> layers) {
        this(layers, List.of());
    }

    /** The counts of {@code net} for one input of type {@code input}, e.g. {@code InputType.convolutional(32, 32, 3)}. */
    public static EnergyModel of(ComputationGraph net, InputType input) {
        return of(net.getConfiguration(), input);
    }

    /** The counts of {@code net} for images shaped like {@code images} ({@code [N, C, H, W]} or {@code [N, F]}). */
    public static EnergyModel of(ComputationGraph net, INDArray images) {
        return of(net, inputTypeOf(images));
    }

    /** The counts of {@code net} for CIFAR images, 3 x 32 x 32. */
    public static EnergyModel cifar(ComputationGraph net) {
        return of(net, InputType.convolutional(32, 32, 3));
    }

    /**
     * The counts of a graph configuration (no parameters needed: full-width nets are counted without allocating
     * them). The configuration is not changed.
     *
     * @throws IllegalArgumentException when the graph has several inputs, does not accept {@code input}, or has a
     *                                  weight layer of a type not counted here (named with its type)
     */
    public static EnergyModel of(ComputationGraphConfiguration conf, InputType input) {
        if (conf.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("energy counting needs a network with one input, got "
                    + conf.getNetworkInputs());
        }
        String networkInput = conf.getNetworkInputs().get(0);
        ComputationGraphConfiguration copy = conf.clone(); // shape inference may set preprocessors and nIn
        Map<String, InputType> types;
        try {
            types = copy.getLayerActivationTypes(true, false, input);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the network does not accept input " + input + ": " + e.getMessage(), e);
        }
        Map<String, List<String>> inputs = copy.getVertexInputs();
        Map<String, List<String>> consumers = new HashMap<>();
        inputs.forEach((v, ins) -> ins.forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(v)));
        Map<String, Layer> weights = new LinkedHashMap<>();
        Set<String> batchNormed = new HashSet<>(); // vertices a batch norm reads
        List<ShortcutScale> scales = new ArrayList<>();
        for (String name : types.keySet()) {
            GraphVertex v = copy.getVertices().get(name);
            if (v instanceof LayerVertex lv) {
                Layer layer = lv.getLayerConf().getLayer();
                if (isCounted(name, layer)) {
                    weights.put(name, layer);
                }
                if (layer instanceof BatchNormalization) {
                    batchNormed.add(inputs.get(name).get(0));
                }
            } else if (v instanceof ScaleVertex) {
                String in = inputs.get(name).get(0);
                scales.add(new ShortcutScale(name, in, types.get(in).arrayElementsPerExample()));
            } else if (v instanceof ElementWiseVertex add && add.getOp() == ElementWiseVertex.Op.Add) {
                List<String> ins = inputs.get(name);
                for (int i = 0; i < ins.size(); i++) {
                    if (becomesSpikes(copy.getVertices().get(ins.get(i)))) {
                        // the converter's name for the ScaleVertex it puts there (SnnBuilder: ADD + "_scale" + i)
                        scales.add(new ShortcutScale(name + "_scale" + i, ins.get(i),
                                types.get(ins.get(i)).arrayElementsPerExample()));
                    }
                }
            }
        }
        List<WeightLayer> out = new ArrayList<>();
        for (Map.Entry<String, Layer> e : weights.entrySet()) {
            String name = e.getKey();
            String source = inputs.get(name).get(0);
            boolean readsInput = source.equals(networkInput);
            InputType in = types.get(source);
            InputType outType = types.get(name);
            Layer layer = e.getValue();
            boolean bias = hasOwnBias(layer) || batchNormed.contains(name);
            if (layer instanceof ConvolutionLayer c) {
                out.add(conv(name, c, source, readsInput, in, outType, bias));
            } else {
                DenseLayerShape d = denseShape(name, layer, in);
                LayerKind kind = layer instanceof OutputLayer || !reachesWeight(name, consumers, weights.keySet())
                        ? LayerKind.OUTPUT : LayerKind.DENSE;
                out.add(WeightLayer.dense(name, kind, source, readsInput, d.fIn(), d.fOut(), bias));
            }
        }
        return new EnergyModel(out, scales);
    }

    private static boolean hasOwnBias(Layer layer) {
        if (layer instanceof ConvolutionLayer c) {
            return c.hasBias();
        }
        if (layer instanceof DenseLayer d) {
            return d.hasBias();
        }
        return layer instanceof BaseOutputLayer o && o.hasBias();
    }

    /**
     * Whether a DNN vertex's output becomes spikes in the SNN (an activation, a max-pool or a dropout), so that an
     * addition reading it reads it through a ScaleVertex there.
     */
    private static boolean becomesSpikes(GraphVertex v) {
        if (!(v instanceof LayerVertex lv)) {
            return false;
        }
        Layer l = lv.getLayerConf().getLayer();
        return l instanceof ClipReLULayer || l instanceof ActivationLayer || l instanceof DropoutLayer
                || (l instanceof SubsamplingLayer p && p.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX);
    }

    private record DenseLayerShape(long fIn, long fOut) {
    }

    /** Whether the layer does MACs; zero-cost layers return false; anything else with parameters is refused. */
    private static boolean isCounted(String name, Layer layer) {
        Class<?> c = layer.getClass();
        if (c == ConvolutionLayer.class || c == Convolution2D.class || c == DenseLayer.class
                || c == OutputLayer.class) {
            return true;
        }
        if (layer instanceof BatchNormalization || layer instanceof ClipReLULayer || layer instanceof IFNeuronLayer
                || layer.initializer().numParams(layer) == 0) {
            return false;
        }
        throw new IllegalArgumentException("cannot count the operations of layer '" + name + "' of type "
                + c.getSimpleName() + ": energy counts 2-D convolutions, dense and output layers (batch norm as the "
                + "bias of the weight layer it reads), and treats activations, IF neurons and parameter-free layers "
                + "(pooling, dropout, time layers) as free");
    }

    private static WeightLayer conv(String name, ConvolutionLayer c, String source, boolean readsInput, InputType in,
            InputType out, boolean bias) {
        if (!(in instanceof InputType.InputTypeConvolutional ci) || !(out instanceof InputType.InputTypeConvolutional co)) {
            throw new IllegalArgumentException("convolution '" + name + "' must read and write [C, H, W] tensors, got "
                    + in + " -> " + out);
        }
        if (c.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("convolution '" + name + "' is channels-last (" + c.getCnn2dDataFormat()
                    + "); energy counting reads spike counts in [C, H, W] order and needs NCHW");
        }
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] d = c.getDilation() == null ? new int[] {1, 1} : c.getDilation();
        int inH = (int) ci.getHeight();
        int inW = (int) ci.getWidth();
        int outH = (int) co.getHeight();
        int outW = (int) co.getWidth();
        ConvolutionMode mode = c.getConvolutionMode() == null ? ConvolutionMode.Truncate : c.getConvolutionMode();
        int padTop;
        int padLeft;
        switch (mode) {
            case Same -> {
                // DL4J's ConvolutionUtils.getSameModeTopLeftPadding: the odd padding row/column goes bottom/right
                padTop = Math.max(0, ((outH - 1) * s[0] + (k[0] - 1) * d[0] + 1 - inH) / 2);
                padLeft = Math.max(0, ((outW - 1) * s[1] + (k[1] - 1) * d[1] + 1 - inW) / 2);
            }
            case Truncate, Strict -> {
                int[] p = c.getPadding() == null ? new int[] {0, 0} : c.getPadding();
                padTop = p[0];
                padLeft = p[1];
            }
            default -> throw new IllegalArgumentException("convolution '" + name + "' uses convolution mode " + mode
                    + "; energy counting handles Truncate, Strict and Same");
        }
        ConvGeometry g = new ConvGeometry(inH, inW, outH, outW, k[0], k[1], s[0], s[1], padTop, padLeft, d[0], d[1]);
        return new WeightLayer(name, LayerKind.CONV, source, readsInput, ci.getChannels(), co.getChannels(), g, bias);
    }

    private static DenseLayerShape denseShape(String name, Layer layer, InputType in) {
        var ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer;
        long fIn = ff.getNIn();
        long fOut = ff.getNOut();
        long elements = in.arrayElementsPerExample();
        if (fIn != elements) {
            throw new IllegalArgumentException("dense layer '" + name + "' has nIn = " + fIn + " but reads " + in
                    + " (" + elements + " elements per image)");
        }
        return new DenseLayerShape(fIn, fOut);
    }

    /** Whether another weight layer lies downstream of {@code from}. */
    private static boolean reachesWeight(String from, Map<String, List<String>> consumers, Set<String> weights) {
        Deque<String> todo = new ArrayDeque<>(consumers.getOrDefault(from, List.of()));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (!seen.add(v)) {
                continue;
            }
            if (weights.contains(v)) {
                return true;
            }
            todo.addAll(consumers.getOrDefault(v, List.of()));
        }
        return false;
    }

    static InputType inputTypeOf(INDArray images) {
        long[] s = images.shape();
        return switch (images.rank()) {
            case 4 -> InputType.convolutional(s[2], s[3], s[1]);
            case 2 -> InputType.feedForward(s[1]);
            default -> throw new IllegalArgumentException("images must be [N, C, H, W] or [N, F], got "
                    + Arrays.toString(s));
        };
    }

    /** {@code sum_l B_l}: the DNN's bias additions per image. */
    public long totalBiasAdds() {
        return layers.stream().mapToLong(WeightLayer::biasAdds).sum();
    }

    /** {@code sum_s S_s}: the elements the SNN's shortcut scales multiply at each step, per image. */
    public long scaleElements() {
        return scales.stream().mapToLong(ShortcutScale::elements).sum();
    }

    /** The layer called {@code name}. */
    public WeightLayer layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no weight layer '" + name + "'; weight layers: "
                        + layers.stream().map(WeightLayer::name).toList()));
    }

    /** {@code sum_l MACs_l}: the DNN's multiply-accumulates per image. */
    public long totalMacs() {
        return layers.stream().mapToLong(WeightLayer::macs).sum();
    }

    /** {@code MACs_1}: the MACs of the layer(s) reading the image. */
    public long firstLayerMacs() {
        return layers.stream().filter(WeightLayer::readsInput).mapToLong(WeightLayer::macs).sum();
    }

    /**
     * {@code sum_l MACs_l / MACs_1}: the E_DNN / E_SNN an SNN would reach with its first layer counted once, no
     * spikes at all and no neuron cost, under any preset (E_MAC cancels), in a network without biases or shortcut
     * scales. Biases and scales keep every ratio at or below it while the first layer counts at least once: they add
     * {@code B E_AC} to E_DNN and at least as much to E_SNN (each bias is added at least as often, and the scales
     * cost the SNN only). Every ratio is printed beside it.
     */
    public double ceiling() {
        return (double) totalMacs() / firstLayerMacs();
    }

    /** Prices the spikes a simulation measured ({@link SpikeActivity#measure}). */
    public EnergyReport report(SpikingNetwork snn, SimulationResult simulation, EnergyCosts costs,
            EnergyConventions conventions) {
        return report(SpikeActivity.measure(this, snn, simulation), costs, conventions);
    }

    /** Prices the spikes a simulation measured under several cost sets, e.g. {@link Preset#allCosts()}. */
    public List<EnergyReport> reports(SpikingNetwork snn, SimulationResult simulation, List<EnergyCosts> costs,
            EnergyConventions conventions) {
        return reports(SpikeActivity.measure(this, snn, simulation), costs, conventions);
    }

    /** Prices an activity (measured, or made up with {@link SpikeActivity#ofRates}). */
    public EnergyReport report(SpikeActivity activity, EnergyCosts costs, EnergyConventions conventions) {
        return EnergyReport.of(this, activity, costs, conventions);
    }

    /** One report per cost set, same activity and conventions (e.g. every {@link Preset}). */
    public List<EnergyReport> reports(SpikeActivity activity, List<EnergyCosts> costs, EnergyConventions conventions) {
        return costs.stream().map(c -> report(activity, c, conventions)).toList();
    }

    /**
     * Per weight layer: kind, source, input and output shape, kernel, stride, padding, MACs, share of the total and
     * bias adds; then one row per shortcut scale (kind {@code scale}, no MACs in the DNN) with the multiplications
     * the SNN does at each step.
     */
    public Table toTable() {
        StringColumn name = StringColumn.create("layer");
        StringColumn kind = StringColumn.create("kind");
        StringColumn source = StringColumn.create("reads");
        StringColumn inShape = StringColumn.create("input");
        StringColumn outShape = StringColumn.create("output");
        StringColumn kernel = StringColumn.create("kernel");
        StringColumn stride = StringColumn.create("stride");
        StringColumn pad = StringColumn.create("pad_top_left");
        LongColumn macs = LongColumn.create("macs");
        DoubleColumn share = DoubleColumn.create("share_percent");
        LongColumn biasAdds = LongColumn.create("bias_adds");
        LongColumn scaleMuls = LongColumn.create("snn_scale_muls_per_step");
        double total = totalMacs();
        for (WeightLayer l : layers) {
            ConvGeometry g = l.geometry();
            name.append(l.name());
            kind.append(l.kind().name().toLowerCase(java.util.Locale.ROOT));
            source.append(l.source());
            inShape.append(l.kind() == LayerKind.CONV ? l.inChannels() + "x" + g.inHeight() + "x" + g.inWidth()
                    : String.valueOf(l.inChannels()));
            outShape.append(l.kind() == LayerKind.CONV ? l.outChannels() + "x" + g.outHeight() + "x" + g.outWidth()
                    : String.valueOf(l.outChannels()));
            kernel.append(l.kind() == LayerKind.CONV ? g.kernelHeight() + "x" + g.kernelWidth() : "");
            stride.append(l.kind() == LayerKind.CONV ? String.valueOf(g.strideHeight()) : "");
            pad.append(l.kind() == LayerKind.CONV ? g.padTop() + "," + g.padLeft() : "");
            macs.append(l.macs());
            share.append(100 * l.macs() / total);
            biasAdds.append(l.biasAdds());
            scaleMuls.append(0);
        }
        for (ShortcutScale s : scales) {
            name.append(s.name());
            kind.append(LayerKind.SCALE.name().toLowerCase(java.util.Locale.ROOT));
            source.append(s.source());
            inShape.append(String.valueOf(s.elements()));
            outShape.append(String.valueOf(s.elements()));
            kernel.append("");
            stride.append("");
            pad.append("");
            macs.append(0);
            share.append(0);
            biasAdds.append(0);
            scaleMuls.append(s.elements());
        }
        return Table.create(String.format(java.util.Locale.ROOT,
                "MACs per image: %,d in all, %,d in the first layer; ceiling sum MACs / MACs_1 = %.2fx; %,d bias adds;"
                + " %,d shortcut-scale multiplications per SNN step", totalMacs(), firstLayerMacs(), ceiling(),
                totalBiasAdds(), scaleElements()), name, kind, source, inShape, outShape, kernel, stride, pad, macs,
                share, biasAdds, scaleMuls);
    }
}
