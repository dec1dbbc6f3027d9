package org.ullsnn.convert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.ullsnn.nn.layers.ClipReLU;
import org.ullsnn.nn.layers.ClipReLULayer;

/**
 * What each vertex of a trained DNN becomes in its spiking version, checked before anything is built.
 * The converter understands: the input; 2-D convolutions and dense layers with identity activation (weight
 * layers); the softmax/identity output layer; batch norm right after a weight layer (folded); ClipReLU and
 * ReLU activations (spiking layers); dropout (removed); max-pooling (on spikes); element-wise addition
 * (residual joins). Anything else is refused with the vertex's name and type.
 */
final class ConversionPlan {

    /** The role of a DNN vertex in conversion. */
    enum Kind { INPUT, WEIGHT, OUTPUT, BATCH_NORM, SPIKING, DROPOUT, MAX_POOL, ADD }

    /** One DNN vertex with its role and inputs. */
    record Node(String name, Kind kind, List<String> inputs, Layer layer) {
    }

    private final ComputationGraph dnn;
    private final List<Node> order;
    private final Map<String, Node> byName;
    private final Map<String, String> foldedBatchNorm; // weight layer -> its batch norm

    private ConversionPlan(ComputationGraph dnn, List<Node> order, Map<String, String> foldedBatchNorm) {
        this.dnn = dnn;
        this.order = List.copyOf(order);
        this.byName = new LinkedHashMap<>();
        order.forEach(n -> byName.put(n.name(), n));
        this.foldedBatchNorm = Map.copyOf(foldedBatchNorm);
    }

    /**
     * Reads and checks the DNN.
     *
     * @throws IllegalArgumentException naming the first vertex the converter cannot handle, with its type
     */
    static ConversionPlan of(ComputationGraph dnn) {
        var conf = dnn.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("the converter needs a network with one input and one output, got "
                    + conf.getNetworkInputs() + " -> " + conf.getNetworkOutputs());
        }
        Map<String, List<String>> inputs = conf.getVertexInputs();
        Map<String, List<String>> consumers = new HashMap<>();
        inputs.forEach((v, ins) -> ins.forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(v)));
        List<Node> order = new ArrayList<>();
        Map<String, Kind> kinds = new HashMap<>();
        Map<String, String> folded = new HashMap<>();
        for (int index : dnn.topologicalSortOrder()) {
            String name = dnn.getVertices()[index].getVertexName();
            List<String> ins = inputs.getOrDefault(name, List.of());
            Layer layer = null;
            Kind kind;
            if (conf.getNetworkInputs().contains(name)) {
                kind = Kind.INPUT;
            } else {
                GraphVertex v = conf.getVertices().get(name);
                if (v instanceof LayerVertex lv) {
                    layer = lv.getLayerConf().getLayer();
                    kind = kindOf(name, layer);
                } else if (v instanceof ElementWiseVertex ew && ew.getOp() == ElementWiseVertex.Op.Add) {
                    kind = Kind.ADD;
                } else {
                    throw unsupported(name, v);
                }
            }
            kinds.put(name, kind);
            check(name, kind, ins, kinds, consumers, folded);
            order.add(new Node(name, kind, List.copyOf(ins), layer));
        }
        return new ConversionPlan(dnn, order, folded);
    }

    private static Kind kindOf(String name, Layer layer) {
        if (layer instanceof OutputLayer out) {
            if (!(out.getActivationFn() instanceof ActivationSoftmax || out.getActivationFn() instanceof ActivationIdentity)) {
                throw new IllegalArgumentException("output layer '" + name + "' has activation " + out.getActivationFn()
                        + "; the converter handles softmax or identity outputs");
            }
            return Kind.OUTPUT;
        }
        if (layer.getClass() == ConvolutionLayer.class || layer.getClass() == DenseLayer.class) {
            var act = ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer).getActivationFn();
            if (!(act instanceof ActivationIdentity)) {
                throw new IllegalArgumentException("layer '" + name + "' (" + layer.getClass().getSimpleName()
                        + ") has a built-in activation " + act + "; the converter needs identity weight layers "
                        + "followed by a separate ClipReLU/ReLU layer (as org.ullsnn.nn.Networks builds them)");
            }
            return Kind.WEIGHT;
        }
        if (layer instanceof BatchNormalization) {
            return Kind.BATCH_NORM;
        }
        if (layer instanceof ClipReLULayer) {
            return Kind.SPIKING;
        }
        if (layer instanceof ActivationLayer a && a.getActivationFn() instanceof ActivationReLU) {
            return Kind.SPIKING;
        }
        if (layer instanceof DropoutLayer) {
            return Kind.DROPOUT;
        }
        if (layer.getClass() == SubsamplingLayer.class
                && ((SubsamplingLayer) layer).getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX) {
            return Kind.MAX_POOL;
        }
        throw unsupported(name, layer);
    }

    private static IllegalArgumentException unsupported(String name, Object what) {
        String type = what instanceof ActivationLayer a ? "ActivationLayer(" + a.getActivationFn() + ")"
                : what instanceof SubsamplingLayer s ? "SubsamplingLayer(" + s.getPoolingType() + ")"
                : what instanceof ElementWiseVertex e ? "ElementWiseVertex(" + e.getOp() + ")"
                : what.getClass().getSimpleName();
        return new IllegalArgumentException("cannot convert vertex '" + name + "' of type " + type
                + ": the converter understands 2-D convolutions, dense and output layers, batch norm after a weight "
                + "layer, ClipReLU/ReLU activations, dropout, max-pooling and element-wise addition");
    }

    /** Checks that each vertex is fed by the kind of tensor it needs: spikes, currents or the input. */
    private static void check(String name, Kind kind, List<String> ins, Map<String, Kind> kinds,
            Map<String, List<String>> consumers, Map<String, String> folded) {
        switch (kind) {
            case INPUT -> { }
            case WEIGHT, OUTPUT, MAX_POOL, DROPOUT -> {
                Kind in = kinds.get(ins.get(0));
                boolean ok = isSpikes(in, ins.get(0), kinds) || (in == Kind.INPUT && kind != Kind.MAX_POOL)
                        || (kind == Kind.DROPOUT && in == Kind.DROPOUT);
                if (!ok) {
                    throw new IllegalArgumentException("vertex '" + name + "' (" + kind + ") reads '" + ins.get(0)
                            + "' (" + in + "): it needs the output of an activation (spikes)"
                            + (kind == Kind.MAX_POOL ? "" : " or the network input"));
                }
            }
            case BATCH_NORM -> {
                String source = ins.get(0);
                if (kinds.get(source) != Kind.WEIGHT || consumers.get(source).size() != 1) {
                    throw new IllegalArgumentException("batch norm '" + name + "' must directly follow a convolution "
                            + "or dense layer that feeds nothing else, to be folded into it; it reads '" + source + "'");
                }
                folded.put(source, name);
            }
            case SPIKING, ADD -> {
                for (String in : ins) {
                    Kind k = kinds.get(in);
                    boolean current = k == Kind.WEIGHT || k == Kind.BATCH_NORM || k == Kind.ADD;
                    boolean ok = kind == Kind.SPIKING ? current : current || isSpikes(k, in, kinds);
                    if (!ok) {
                        throw new IllegalArgumentException("vertex '" + name + "' (" + kind + ") reads '" + in
                                + "' (" + k + "), which carries no synaptic current");
                    }
                }
            }
        }
    }

    private static boolean isSpikes(Kind k, String name, Map<String, Kind> kinds) {
        return k == Kind.SPIKING || k == Kind.MAX_POOL || k == Kind.DROPOUT;
    }

    ComputationGraph dnn() {
        return dnn;
    }

    List<Node> order() {
        return order;
    }

    Node node(String name) {
        return byName.get(name);
    }

    /** The batch norm folded into weight layer {@code weight}, or {@code null}. */
    String batchNormOf(String weight) {
        return foldedBatchNorm.get(weight);
    }

    /** Spiking (activation) layer names in topological order. */
    List<String> spikingLayers() {
        return order.stream().filter(n -> n.kind() == Kind.SPIKING).map(Node::name).toList();
    }

    /** The vertex whose output is the pre-activation of spiking layer {@code name}. */
    String preActivationOf(String name) {
        return node(name).inputs().get(0);
    }

    /**
     * The weight layer whose (folded) bias carries a shift of spiking layer {@code name}'s input current: the
     * pre-activation itself when it is a weight layer, the weight layer a batch norm is folded into, or, for a
     * residual join, the first of its inputs that is such a layer (addition is linear, so shifting one addend
     * shifts the sum).
     *
     * @throws IllegalArgumentException naming the pre-activation when no weight layer feeds it directly
     */
    String biasCarrier(String name) {
        String pre = preActivationOf(name);
        String carrier = weightBehind(pre);
        if (carrier == null && node(pre).kind() == Kind.ADD) {
            carrier = node(pre).inputs().stream().map(this::weightBehind).filter(w -> w != null).findFirst()
                    .orElse(null);
        }
        if (carrier == null) {
            throw new IllegalArgumentException("spiking layer '" + name + "': no weight layer produces its input "
                    + "current '" + pre + "' directly, so there is no bias to shift");
        }
        return carrier;
    }

    /** {@code vertex} if it is a weight layer, the weight layer a batch norm {@code vertex} is folded into, else null. */
    private String weightBehind(String vertex) {
        Node n = node(vertex);
        return switch (n.kind()) {
            case WEIGHT -> vertex;
            case BATCH_NORM -> node(n.inputs().get(0)).kind() == Kind.WEIGHT ? n.inputs().get(0) : null;
            default -> null;
        };
    }

    /** The trained clip mu of spiking layer {@code name}, or +infinity for a plain ReLU. */
    double clipOf(String name) {
        return dnn.getLayer(name) instanceof ClipReLU c ? c.mu() : Double.POSITIVE_INFINITY;
    }
}
