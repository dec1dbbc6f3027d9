package org.ullsnn.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns the graph DL4J's Keras import builds into {@link LayerNode}s in our layout: NCHW instead of Keras's
 * channels-last (convolution weights are already {@code [out, in, kH, kW]}; the rows of a dense layer that reads a
 * channels-last flatten are permuted from (h, w, c) to (c, h, w) order), fused activations split into their own
 * layers, {@code Same} padding of odd stride-1 kernels made explicit, dropout dropped and the softmax of the last
 * layer left to our output layer.
 */
final class KerasLowering {

    private final ComputationGraph graph;
    private final Map<String, String> kerasNames;
    private final Map<String, LayerNode> nodes = new HashMap<>();
    private final List<LayerNode> layers = new ArrayList<>();

    private KerasLowering(ComputationGraph graph, Map<String, String> kerasNames) {
        this.graph = graph;
        this.kerasNames = kerasNames;
    }

    /**
     * @param graph      DL4J's import of the Keras model
     * @param kerasNames DL4J vertex name to Keras layer name, for messages (missing: the vertex name)
     * @param config     the checked Keras configuration (image shape)
     */
    static LoweredNetwork lower(ComputationGraph graph, Map<String, String> kerasNames, KerasConfig config) {
        return new KerasLowering(graph, kerasNames).run(config);
    }

    private LoweredNetwork run(KerasConfig config) {
        var conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new UnsupportedModelException("the Keras model must have one input and one output, it has "
                    + conf.getNetworkInputs() + " -> " + conf.getNetworkOutputs());
        }
        for (int i : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[i].getVertexName();
            GraphVertex v = conf.getVertices().get(name);
            if (v != null) {
                lower(name, v, conf.getVertexInputs().get(name));
            }
        }
        LayerNode out = nodes.get(conf.getNetworkOutputs().get(0));
        if (out == null || !(out.spec() instanceof LayerSpec.Dense)) {
            throw new UnsupportedModelException("the Keras model must end in a Dense classifier");
        }
        return new LoweredNetwork(layers, out, config.channels(), config.height(), config.width());
    }

    private void lower(String name, GraphVertex v, List<String> inputs) {
        String keras = kerasNames.getOrDefault(name, name);
        if (v instanceof ElementWiseVertex e && e.getOp() == ElementWiseVertex.Op.Add && inputs.size() == 2) {
            emit(name, keras, new LayerSpec.Add(), node(inputs.get(0)), node(inputs.get(1)));
            return;
        }
        if (!(v instanceof LayerVertex lv)) {
            throw refused(keras, v.getClass().getSimpleName(), "not supported");
        }
        var layer = lv.getLayerConf().getLayer();
        LayerNode in = inputs.isEmpty() ? null : node(inputs.get(0));
        var params = graph.getLayer(name).paramTable();
        boolean isOutput = graph.getConfiguration().getNetworkOutputs().contains(name);
        if (layer.getClass() == ConvolutionLayer.class) {
            ConvolutionLayer c = (ConvolutionLayer) layer;
            for (long d : c.getDilation()) {
                if (d != 1) {
                    throw refused(keras, "Conv2D", "dilation other than 1");
                }
            }
            int[] padding = padding(keras, "Conv2D", c.getConvolutionMode(), c.getKernelSize(), c.getStride(),
                    c.getPadding());
            Tensor bias = params.containsKey("b") ? vector(params.get("b")) : null;
            LayerNode conv = emit(name, keras, new LayerSpec.Conv(tensor(params.get("W")), bias, c.getKernelSize(),
                    c.getStride(), padding), in);
            activation(name, keras, c.getActivationFn(), conv, false);
        } else if (layer instanceof BatchNormalization b) {
            if (b.isUseLogStd()) {
                throw refused(keras, "BatchNormalization", "log-std batch norm is not supported");
            }
            emit(name, keras, new LayerSpec.BatchNorm(vector(params.get("gamma")), vector(params.get("beta")),
                    vector(params.get("mean")), vector(params.get("var")), b.getEps()), in);
        } else if (layer instanceof ActivationLayer a) {
            activation(name, keras, a.getActivationFn(), in, isOutput);
        } else if (layer instanceof SubsamplingLayer s && s.getPoolingType() == PoolingType.MAX) {
            int[] padding = padding(keras, "MaxPooling2D", s.getConvolutionMode(), s.getKernelSize(), s.getStride(),
                    s.getPadding());
            emit(name, keras, new LayerSpec.MaxPool(s.getKernelSize(), s.getStride(), padding), in);
        } else if (layer.getClass() == DenseLayer.class || layer.getClass() == OutputLayer.class) {
            BaseLayer d = (BaseLayer) layer;
            Tensor w = channelsFirstRows(tensor(params.get("W")), lv.getPreProcessor());
            LayerNode dense = emit(name, keras, new LayerSpec.Dense(w, params.containsKey("b")
                    ? vector(params.get("b")) : null), in);
            activation(name, keras, d.getActivationFn(), dense, isOutput);
        } else if (layer instanceof DropoutLayer) {
            nodes.put(name, in);
        } else {
            throw refused(keras, layer.getClass().getSimpleName(), "not supported");
        }
    }

    /** The layer {@code name}'s activation after {@code in}: none, ReLU, or ClipReLU for a ReLU with a max. */
    private void activation(String name, String keras, IActivation fn, LayerNode in, boolean isOutput) {
        if (fn instanceof ActivationIdentity || (isOutput && fn instanceof ActivationSoftmax)) {
            nodes.put(name, in); // our output layer applies the softmax
        } else if (fn instanceof ActivationReLU r && isZero(r.getThreshold()) && isZero(r.getNegativeSlope())) {
            Double max = r.getMax();
            emit(name, keras, max == null || max == 0 ? LayerSpec.Activation.RELU : new LayerSpec.Activation(max), in);
        } else if (fn instanceof ActivationReLU6) {
            emit(name, keras, new LayerSpec.Activation(6.0), in);
        } else {
            throw refused(keras, "activation", fn + " is not a spiking activation");
        }
    }

    private static boolean isZero(Double d) {
        return d == null || d == 0;
    }

    /**
     * A dense weight {@code [in, out]} whose rows follow a channels-last flatten (h, w, c), reordered to the
     * channels-first order (c, h, w) our NCHW graph flattens in.
     */
    private static Tensor channelsFirstRows(Tensor w, InputPreProcessor pre) {
        if (!(pre instanceof CnnToFeedForwardPreProcessor p) || p.getFormat() != CNN2DFormat.NHWC
                || p.getInputHeight() * p.getInputWidth() == 1) {
            return w;
        }
        int h = (int) p.getInputHeight();
        int wd = (int) p.getInputWidth();
        int c = (int) p.getNumChannels();
        int out = (int) w.shape()[1];
        float[] v = w.values();
        float[] r = new float[v.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    int from = (y * wd + x) * c + ch;
                    int to = (ch * h + y) * wd + x;
                    System.arraycopy(v, from * out, r, to * out, out);
                }
            }
        }
        return new Tensor(r, w.shape());
    }

    /** Explicit symmetric padding: {@code Same} is kept only where it is, stride 1 with odd kernels. */
    private static int[] padding(String keras, String kind, ConvolutionMode mode, int[] kernel, int[] stride,
            int[] padding) {
        if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
            return padding;
        }
        if (mode == ConvolutionMode.Same && stride[0] == 1 && stride[1] == 1 && kernel[0] % 2 == 1
                && kernel[1] % 2 == 1) {
            return new int[] {kernel[0] / 2, kernel[1] / 2};
        }
        throw refused(keras, kind, "padding 'same' is supported only with stride 1 and odd kernels");
    }

    private LayerNode node(String vertex) {
        if (!nodes.containsKey(vertex) && !graph.getConfiguration().getNetworkInputs().contains(vertex)) {
            throw new IllegalStateException("vertex " + vertex + " read before it was lowered");
        }
        return nodes.get(vertex);
    }

    private LayerNode emit(String vertex, String keras, LayerSpec spec, LayerNode... inputs) {
        List<LayerNode> ins = new ArrayList<>();
        for (LayerNode n : inputs) {
            if (n != null) {
                ins.add(n);
            }
        }
        LayerNode node = new LayerNode(keras, spec, ins);
        layers.add(node);
        nodes.put(vertex, node); // an activation split off the same vertex replaces it
        return node;
    }

    private static Tensor tensor(INDArray a) {
        return new Tensor(a.castTo(DataType.FLOAT).dup('c').data().asFloat(), a.shape());
    }

    private static Tensor vector(INDArray a) {
        float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return new Tensor(v, new long[] {v.length});
    }

    private static UnsupportedModelException refused(String keras, String kind, String why) {
        return new UnsupportedModelException("Keras layer '" + keras + "' (" + kind + "): " + why);
    }
}
