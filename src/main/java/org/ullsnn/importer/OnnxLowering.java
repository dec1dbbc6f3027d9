package org.ullsnn.importer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;

/**
 * Turns the nodes of an ONNX graph into {@link LayerNode}s, one per DL4J layer: constants folded, shape
 * computations of a {@code Reshape} and dead nodes ignored, Flatten/Reshape/Dropout/Identity/Softmax made aliases,
 * a bias {@code Add} folded into its Gemm/MatMul/Conv, and the clip forms ({@code Clip}, {@code Relu}+{@code Min},
 * {@code Min}+{@code Max}) made one activation. Anything else is refused by node name and op type.
 */
final class OnnxLowering {

    /** What an ONNX tensor name stands for: a layer's output (null: the image input), maybe flattened or min-ed. */
    private record Value(LayerNode node, boolean flat, Double pendingMin) {
        static Value of(LayerNode node) {
            return new Value(node, false, null);
        }
    }

    private final OnnxFile file;
    private final Onnx.GraphProto graph;
    private final Map<String, Tensor> constants = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    private final List<LayerNode> layers = new ArrayList<>();
    private final String outputName;

    private OnnxLowering(OnnxFile file) {
        this.file = file;
        this.graph = file.model().getGraph();
        this.outputName = graph.getOutput(0).getName();
    }

    /** Lowers the model's graph. */
    static LoweredNetwork lower(OnnxFile file) {
        return new OnnxLowering(file).run();
    }

    private LoweredNetwork run() {
        graph.getInitializerList().forEach(t -> constants.put(t.getName(), OnnxTensors.read(t, file.folder())));
        int[] chw = imageInput();
        foldConstants();
        List<Onnx.NodeProto> live = liveNodes();
        live.forEach(n -> n.getInputList().forEach(i -> consumers.merge(i, 1, Integer::sum)));
        consumers.merge(outputName, 1, Integer::sum);
        for (Onnx.NodeProto n : live) {
            lower(n);
        }
        Value out = values.get(outputName);
        if (out == null || out.pendingMin() != null || out.node() == null
                || !(out.node().spec() instanceof LayerSpec.Dense)) {
            String what = out == null || out.node() == null ? "the input" : out.node().sourceNode();
            throw new UnsupportedModelException("the graph output '" + outputName + "' must be the logits of a Gemm "
                    + "or MatMul classifier; it comes from " + what);
        }
        return new LoweredNetwork(layers, out.node(), chw[0], chw[1], chw[2]);
    }

    /** Binds the one non-initializer graph input; returns its {@code [C, H, W]}. */
    private int[] imageInput() {
        List<Onnx.ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(v -> !constants.containsKey(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new UnsupportedModelException("the model must have one image input, it has " + inputs.size()
                    + ": " + inputs.stream().map(Onnx.ValueInfoProto::getName).toList());
        }
        Onnx.ValueInfoProto in = inputs.get(0);
        List<Onnx.TensorShapeProto.Dimension> dims = in.getType().getTensorType().getShape().getDimList();
        if (dims.size() != 4 || dims.subList(1, 4).stream().anyMatch(d -> !d.hasDimValue() || d.getDimValue() < 1)) {
            throw new UnsupportedModelException("the input '" + in.getName() + "' must have the shape [N, C, H, W] "
                    + "with fixed C, H and W; it has " + dims.stream()
                    .map(d -> d.hasDimValue() ? String.valueOf(d.getDimValue()) : d.getDimParam()).toList());
        }
        values.put(in.getName(), Value.of(null));
        return new int[] {(int) dims.get(1).getDimValue(), (int) dims.get(2).getDimValue(),
            (int) dims.get(3).getDimValue()};
    }

    /**
     * {@code Constant} nodes, {@code Cast}/{@code CastLike}/{@code Identity} of constants and the transpose of a
     * constant matrix (PyTorch's {@code MatMul(x, Transpose(W))} for a Linear) become constants.
     */
    private void foldConstants() {
        for (Onnx.NodeProto n : graph.getNodeList()) {
            OnnxAttributes a = new OnnxAttributes(n);
            switch (n.getOpType()) {
                case "Constant" -> constants.put(n.getOutput(0), constantValue(n, a));
                case "Cast", "CastLike", "Identity" -> {
                    Tensor t = constants.get(n.getInput(0));
                    if (t != null) {
                        constants.put(n.getOutput(0), t);
                    }
                }
                case "Transpose" -> {
                    Tensor t = constants.get(n.getInput(0));
                    int[] perm = a.integers("perm", new int[] {1, 0});
                    if (t != null && t.shape().length == 2 && perm.length == 2 && perm[0] == 1 && perm[1] == 0) {
                        constants.put(n.getOutput(0), t.transposed());
                    }
                }
                default -> { }
            }
        }
    }

    private Tensor constantValue(Onnx.NodeProto n, OnnxAttributes a) {
        if (a.tensor("value") != null) {
            return OnnxTensors.read(a.tensor("value"), file.folder());
        }
        if (a.has("value_float")) {
            return new Tensor(new float[] {(float) a.real("value_float", 0)}, new long[0]);
        }
        if (a.has("value_int")) {
            return new Tensor(new float[] {a.integer("value_int", 0)}, new long[0]);
        }
        if (a.reals("value_floats") != null) {
            float[] v = a.reals("value_floats");
            return new Tensor(v, new long[] {v.length});
        }
        if (a.has("value_ints")) {
            int[] ints = a.integers("value_ints", new int[0]);
            float[] v = new float[ints.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = ints[i];
            }
            return new Tensor(v, new long[] {v.length});
        }
        throw new UnsupportedModelException(n.getName(), n.getOpType(), "only value, value_float(s) and value_int(s) "
                + "constants are supported");
    }

    /**
     * The nodes the graph output depends on, in file order, not counting a Reshape's shape input (computed from
     * {@code Shape} nodes by the exporter) or constants.
     */
    private List<Onnx.NodeProto> liveNodes() {
        Map<String, Onnx.NodeProto> producer = new HashMap<>();
        graph.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producer.put(o, n)));
        Set<Onnx.NodeProto> live = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(outputName));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Onnx.NodeProto n = producer.get(name);
            if (n == null || constants.containsKey(name) || !live.add(n)) {
                continue;
            }
            List<String> ins = n.getOpType().equals("Reshape") ? n.getInputList().subList(0, 1) : n.getInputList();
            ins.stream().filter(i -> !i.isEmpty()).forEach(todo::push);
        }
        return graph.getNodeList().stream().filter(live::contains).toList();
    }

    private void lower(Onnx.NodeProto n) {
        String domain = n.getDomain();
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            throw new UnsupportedModelException(n.getName(), domain + "." + n.getOpType(),
                    "operators of domain '" + domain + "' are not supported; supported: "
                            + UnsupportedModelException.SUPPORTED);
        }
        switch (n.getOpType()) {
            case "Conv" -> conv(n);
            case "Gemm" -> gemm(n);
            case "MatMul" -> matMul(n);
            case "Add" -> add(n);
            case "BatchNormalization" -> batchNorm(n);
            case "Relu" -> activation(n, value(n, 0), LayerSpec.Activation.RELU);
            case "Clip" -> clip(n);
            case "Max" -> max(n);
            case "Min" -> min(n);
            case "MaxPool" -> maxPool(n);
            case "Flatten" -> flatten(n);
            case "Reshape" -> alias(n, new Value(value(n, 0).node(), true, null));
            case "Dropout" -> dropout(n);
            case "Identity" -> alias(n, values.get(n.getInput(0)));
            case "Softmax" -> softmax(n);
            default -> throw UnsupportedModelException.operator(n.getName(), n.getOpType());
        }
    }

    // ---- inputs -------------------------------------------------------------------------------------------------

    /** The activation input {@code i}: refused if it is a constant, flattened or a lone Min. */
    private Value value(Onnx.NodeProto n, int i) {
        Value v = values.get(n.getInput(i));
        if (v == null) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "input " + i + " ('" + n.getInput(i)
                    + "') is a constant where an activation is expected");
        }
        if (v.pendingMin() != null) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "reads a Min that no Max(x, 0) makes a "
                    + "clip; only min(max(x, 0), mu) is a spiking activation");
        }
        return v;
    }

    /** A value that is not flattened: only a Gemm/MatMul may read Flatten/Reshape. */
    private Value unflattened(Onnx.NodeProto n, int i) {
        Value v = value(n, i);
        if (v.flat()) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "reads a Flatten/Reshape output; only "
                    + "the classifier (Gemm/MatMul) may follow a flatten");
        }
        return v;
    }

    private Tensor constant(Onnx.NodeProto n, int i, String what) {
        Tensor t = i < n.getInputCount() ? constants.get(n.getInput(i)) : null;
        if (t == null) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), what + " (input " + i
                    + ") must be a constant or initializer");
        }
        return t;
    }

    private Tensor optionalConstant(Onnx.NodeProto n, int i, String what) {
        return i < n.getInputCount() && !n.getInput(i).isEmpty() ? constant(n, i, what) : null;
    }

    private boolean isConstant(Onnx.NodeProto n, int i) {
        return constants.containsKey(n.getInput(i));
    }

    private int consumersOf(String name) {
        return consumers.getOrDefault(name, 0);
    }

    private void requireUnusedExtraOutputs(Onnx.NodeProto n) {
        for (int i = 1; i < n.getOutputCount(); i++) {
            if (!n.getOutput(i).isEmpty() && consumersOf(n.getOutput(i)) > 0) {
                throw new UnsupportedModelException(n.getName(), n.getOpType(), "output " + i + " ('"
                        + n.getOutput(i) + "') is read; only the first output may be used");
            }
        }
    }

    private LayerNode emit(Onnx.NodeProto n, LayerSpec spec, LayerNode... inputs) {
        List<LayerNode> ins = new ArrayList<>();
        for (LayerNode in : inputs) {
            if (in != null) {
                ins.add(in);
            }
        }
        LayerNode node = new LayerNode(n.getName(), spec, ins);
        layers.add(node);
        values.put(n.getOutput(0), Value.of(node));
        return node;
    }

    private void replace(LayerNode old, LayerNode now, String output) {
        layers.set(layers.indexOf(old), now);
        values.put(output, Value.of(now));
    }

    private void alias(Onnx.NodeProto n, Value v) {
        if (v == null) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "its input is a constant");
        }
        values.put(n.getOutput(0), v);
    }

    // ---- operators ----------------------------------------------------------------------------------------------

    private void conv(Onnx.NodeProto n) {
        LayerNode x = unflattened(n, 0).node();
        Tensor w = constant(n, 1, "the weight");
        Tensor b = optionalConstant(n, 2, "the bias");
        if (w.shape().length != 4) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "only 2-D convolutions are supported; "
                    + "the weight has shape " + Arrays.toString(w.shape()));
        }
        OnnxAttributes a = new OnnxAttributes(n);
        if (a.integer("group", 1) != 1) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "group " + a.integer("group", 1)
                    + " (grouped or depthwise convolution) is not supported; only group 1");
        }
        requireOnes(n, a.integers("dilations", new int[] {1, 1}), "dilations");
        int[] kernel = {(int) w.shape()[2], (int) w.shape()[3]};
        int[] declared = a.integers("kernel_shape", kernel);
        if (!Arrays.equals(declared, kernel)) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "kernel_shape "
                    + Arrays.toString(declared) + " disagrees with the weight's " + Arrays.toString(kernel));
        }
        int[] padding = padding(n, a);
        Tensor bias = b == null ? null : b.reshaped(b.size());
        emit(n, new LayerSpec.Conv(w, bias, kernel, a.integers("strides", new int[] {1, 1}), padding), x);
    }

    private void gemm(Onnx.NodeProto n) {
        LayerNode x = value(n, 0).node();
        OnnxAttributes a = new OnnxAttributes(n);
        if (a.integer("transA", 0) != 0) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "transA = 1 is not supported");
        }
        Tensor b = constant(n, 1, "the weight");
        if (b.shape().length != 2) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "the weight must be a matrix, it has "
                    + "shape " + Arrays.toString(b.shape()));
        }
        Tensor w = a.integer("transB", 0) == 1 ? b.transposed() : b;
        double alpha = a.real("alpha", 1.0);
        if (alpha != 1.0) {
            w = w.scaled(alpha);
        }
        Tensor c = optionalConstant(n, 2, "the bias C");
        Tensor bias = null;
        if (c != null) {
            if (c.size() != w.shape()[1]) {
                throw new UnsupportedModelException(n.getName(), n.getOpType(), "the bias C has shape "
                        + Arrays.toString(c.shape()) + "; only one value per output (" + w.shape()[1] + ") is "
                        + "supported");
            }
            double beta = a.real("beta", 1.0);
            bias = (beta != 1.0 ? c.scaled(beta) : c).reshaped(c.size());
        }
        emit(n, new LayerSpec.Dense(w, bias), x);
    }

    private void matMul(Onnx.NodeProto n) {
        if (isConstant(n, 0)) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "the constant must be the second "
                    + "operand (x @ W)");
        }
        LayerNode x = value(n, 0).node();
        Tensor w = constant(n, 1, "the weight");
        if (w.shape().length != 2) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "the weight must be a matrix, it has "
                    + "shape " + Arrays.toString(w.shape()));
        }
        emit(n, new LayerSpec.Dense(w, null), x);
    }

    private void add(Onnx.NodeProto n) {
        boolean c0 = isConstant(n, 0);
        boolean c1 = isConstant(n, 1);
        if (c0 && c1) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "both inputs are constants");
        }
        if (c0 || c1) {
            int x = c0 ? 1 : 0;
            biasAdd(n, unflattened(n, x), constant(n, 1 - x, "the bias"), n.getInput(x));
            return;
        }
        LayerNode left = unflattened(n, 0).node();
        LayerNode right = unflattened(n, 1).node();
        if (left == null || right == null) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "a residual Add may not read the image "
                    + "input directly");
        }
        emit(n, new LayerSpec.Add(), left, right);
    }

    /** {@code Add(weightLayer, constant)}: the constant becomes the weight layer's bias. */
    private void biasAdd(Onnx.NodeProto n, Value x, Tensor c, String xName) {
        LayerNode layer = x.node();
        String why = "an Add of a constant is supported only as the bias of a Gemm, MatMul or Conv without one, "
                + "read by nothing else";
        if (layer == null || consumersOf(xName) != 1) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), why);
        }
        if (layer.spec() instanceof LayerSpec.Dense d && d.bias() == null && c.size() == d.outputs()) {
            replace(layer, layer.with(d.withBias(c.reshaped(c.size()))), n.getOutput(0));
        } else if (layer.spec() instanceof LayerSpec.Conv cv && cv.bias() == null && c.size() == cv.outChannels()) {
            replace(layer, layer.with(cv.withBias(c.reshaped(c.size()))), n.getOutput(0));
        } else {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), why + " (one value per output)");
        }
    }

    private void batchNorm(Onnx.NodeProto n) {
        Value x = unflattened(n, 0);
        OnnxAttributes a = new OnnxAttributes(n);
        if (a.integer("training_mode", 0) != 0 || a.integer("spatial", 1) != 1) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "only inference batch norm "
                    + "(training_mode 0, spatial 1) is supported");
        }
        requireUnusedExtraOutputs(n);
        boolean afterWeights = x.node() != null && (x.node().spec() instanceof LayerSpec.Conv
                || x.node().spec() instanceof LayerSpec.Dense);
        if (!afterWeights || consumersOf(n.getInput(0)) != 1) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "batch norm must come right after a Conv "
                    + "or Gemm whose output nothing else reads (it is folded into that layer at conversion)");
        }
        emit(n, new LayerSpec.BatchNorm(constant(n, 1, "scale"), constant(n, 2, "B"), constant(n, 3, "input_mean"),
                constant(n, 4, "input_var"), a.real("epsilon", 1e-5)), x.node());
    }

    private void activation(Onnx.NodeProto n, Value x, LayerSpec.Activation act) {
        if (x.flat()) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "reads a Flatten/Reshape output; only "
                    + "the classifier (Gemm/MatMul) may follow a flatten");
        }
        LayerNode in = x.node();
        boolean readsCurrent = in != null && !(in.spec() instanceof LayerSpec.Activation)
                && !(in.spec() instanceof LayerSpec.MaxPool);
        if (!readsCurrent) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "an activation must follow a Conv, Gemm, "
                    + "BatchNormalization or Add (pre-activation networks and pools before activations do not "
                    + "convert)");
        }
        emit(n, act, in);
    }

    private void clip(Onnx.NodeProto n) {
        double lo;
        double hi;
        if (file.opset() < 11) {
            OnnxAttributes a = new OnnxAttributes(n);
            lo = a.real("min", -Float.MAX_VALUE);
            hi = a.real("max", Float.MAX_VALUE);
        } else {
            Tensor min = optionalConstant(n, 1, "min");
            Tensor max = optionalConstant(n, 2, "max");
            lo = min == null ? Double.NEGATIVE_INFINITY : scalar(n, min, "min");
            hi = max == null ? Double.POSITIVE_INFINITY : scalar(n, max, "max");
        }
        if (lo != 0) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "min is " + lo + "; only clip(x, 0, mu) "
                    + "is a spiking activation");
        }
        activation(n, value(n, 0), activationWithMax(n, hi));
    }

    private LayerSpec.Activation activationWithMax(Onnx.NodeProto n, double max) {
        if (max >= Float.MAX_VALUE) {
            return LayerSpec.Activation.RELU;
        }
        if (!(max > 0)) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "the clip's max is " + max
                    + "; it must be > 0");
        }
        return new LayerSpec.Activation(max);
    }

    private double scalar(Onnx.NodeProto n, Tensor t, String what) {
        if (t.size() != 1) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), what + " must be a scalar, it has shape "
                    + Arrays.toString(t.shape()) + " (ClipReLU has one mu per layer)");
        }
        return t.scalar();
    }

    /** {@code Max(x, 0)}: ReLU; {@code Max(Min(x, mu), 0)}: ClipReLU(mu). */
    private void max(Onnx.NodeProto n) {
        int x = constantPair(n);
        double bound = scalar(n, constant(n, 1 - x, "the bound"), "the bound");
        if (bound != 0) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "Max with " + bound + "; only max(x, 0) "
                    + "is a spiking activation");
        }
        Value v = values.get(n.getInput(x));
        if (v != null && v.pendingMin() != null) {
            activation(n, Value.of(v.node()), activationWithMax(n, v.pendingMin()));
        } else {
            activation(n, value(n, x), LayerSpec.Activation.RELU);
        }
    }

    /** {@code Min(relu, mu)}: the ReLU becomes ClipReLU(mu); {@code Min(x, mu)}: waits for a {@code Max(., 0)}. */
    private void min(Onnx.NodeProto n) {
        int x = constantPair(n);
        double mu = scalar(n, constant(n, 1 - x, "the bound"), "the bound");
        Value v = value(n, x);
        LayerNode in = v.node();
        if (in != null && in.spec() instanceof LayerSpec.Activation act && !act.isClip()
                && consumersOf(n.getInput(x)) == 1) {
            replace(in, in.with(activationWithMax(n, mu)), n.getOutput(0));
        } else {
            values.put(n.getOutput(0), new Value(in, v.flat(), mu));
        }
    }

    /** For a two-input Min/Max with one constant: the index of the other input. */
    private int constantPair(Onnx.NodeProto n) {
        if (n.getInputCount() != 2 || isConstant(n, 0) == isConstant(n, 1)) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "only the clip forms max(x, 0) and "
                    + "min(x, mu) with one constant operand are supported");
        }
        return isConstant(n, 0) ? 1 : 0;
    }

    private void maxPool(Onnx.NodeProto n) {
        LayerNode x = unflattened(n, 0).node();
        OnnxAttributes a = new OnnxAttributes(n);
        requireUnusedExtraOutputs(n);
        requireOnes(n, a.integers("dilations", new int[] {1, 1}), "dilations");
        if (a.integer("ceil_mode", 0) != 0) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "ceil_mode 1 is not supported");
        }
        int[] kernel = a.integers("kernel_shape", null);
        if (kernel == null || kernel.length != 2) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "only 2-D pools with a kernel_shape are "
                    + "supported");
        }
        if (x == null || !(x.spec() instanceof LayerSpec.Activation)) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "a max-pool must read an activation "
                    + "(ReLU/Clip) output to convert");
        }
        emit(n, new LayerSpec.MaxPool(kernel, a.integers("strides", new int[] {1, 1}), padding(n, a)), x);
    }

    private void flatten(Onnx.NodeProto n) {
        long axis = new OnnxAttributes(n).integer("axis", 1);
        if (axis != 1 && axis != -3) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "axis " + axis + "; only axis 1 "
                    + "(keep the batch) is supported");
        }
        alias(n, new Value(value(n, 0).node(), true, null));
    }

    private void dropout(Onnx.NodeProto n) {
        Tensor training = optionalConstant(n, 2, "training_mode");
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty() && training.scalar() != 0) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "training_mode is true");
        }
        requireUnusedExtraOutputs(n);
        alias(n, value(n, 0));
    }

    private void softmax(Onnx.NodeProto n) {
        if (!n.getOutput(0).equals(outputName)) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "a softmax is supported only on the "
                    + "graph output (our output layer applies it)");
        }
        alias(n, value(n, 0));
    }

    // ---- attributes ---------------------------------------------------------------------------------------------

    private static void requireOnes(Onnx.NodeProto n, int[] values, String what) {
        for (int v : values) {
            if (v != 1) {
                throw new UnsupportedModelException(n.getName(), n.getOpType(), what + " " + Arrays.toString(values)
                        + "; only 1 is supported");
            }
        }
    }

    /** Symmetric {@code [top, left]} padding from {@code pads} or {@code auto_pad}. */
    private static int[] padding(Onnx.NodeProto n, OnnxAttributes a) {
        String autoPad = a.string("auto_pad", "NOTSET");
        if (autoPad.equals("VALID")) {
            return new int[] {0, 0};
        }
        if (!autoPad.equals("NOTSET")) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "auto_pad " + autoPad + " is not "
                    + "supported; export with explicit pads");
        }
        int[] pads = a.integers("pads", new int[] {0, 0, 0, 0});
        if (pads.length != 4 || pads[0] != pads[2] || pads[1] != pads[3]) {
            throw new UnsupportedModelException(n.getName(), n.getOpType(), "pads " + Arrays.toString(pads)
                    + "; only symmetric padding [t, l, t, l] is supported");
        }
        return new int[] {pads[0], pads[1]};
    }
}
