package org.ullsnn.importer;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.layers.ClipReLULayer;

/**
 * Builds the DL4J {@link ComputationGraph} of a lowered network, in the shape {@link org.ullsnn.nn.Networks} builds:
 * float32, NCHW, {@code ConvolutionMode.Truncate}, identity-activation weight layers each followed by its own
 * batch-norm and activation layers, a softmax {@link OutputLayer} named {@code output}; then copies the weights in,
 * checking each against the shape DL4J expects. Batch norm keeps the variance ({@code useLogStd(false)}), exactly
 * as ONNX stores it. The updater is {@link NoOp}: fine-tuning sets its own.
 */
final class GraphAssembler {

    private GraphAssembler() {
    }

    /** The initialised network, with the imported weights. */
    static ComputationGraph assemble(LoweredNetwork net, Map<LayerNode, String> names) {
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(net.height(), net.width(), net.channels()));
        for (LayerNode l : net.layers()) {
            String[] inputs = l.readsInput() ? new String[] {"input"}
                    : l.inputs().stream().map(names::get).toArray(String[]::new);
            if (l.spec() instanceof LayerSpec.Add) {
                g.addVertex(names.get(l), new ElementWiseVertex(ElementWiseVertex.Op.Add), inputs);
            } else {
                g.addLayer(names.get(l), layer(l.spec(), l == net.output()), inputs);
            }
        }
        ComputationGraphConfiguration conf = g.setOutputs("output").build();
        ComputationGraph graph = Graphs.init(conf);
        for (LayerNode l : net.layers()) {
            copyWeights(graph, names.get(l), l);
        }
        return graph;
    }

    private static Layer layer(LayerSpec spec, boolean isOutput) {
        if (spec instanceof LayerSpec.Conv c) {
            return new ConvolutionLayer.Builder(c.kernel()[0], c.kernel()[1])
                    .stride(c.stride()[0], c.stride()[1])
                    .padding(c.padding()[0], c.padding()[1])
                    .nOut(c.outChannels())
                    .activation(Activation.IDENTITY)
                    .hasBias(c.bias() != null)
                    .build();
        }
        if (spec instanceof LayerSpec.Dense d) {
            if (isOutput) {
                return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(d.outputs())
                        .activation(Activation.SOFTMAX)
                        .hasBias(d.bias() != null)
                        .build();
            }
            return new DenseLayer.Builder()
                    .nOut(d.outputs())
                    .activation(Activation.IDENTITY)
                    .hasBias(d.bias() != null)
                    .build();
        }
        if (spec instanceof LayerSpec.BatchNorm b) {
            return new BatchNormalization.Builder().eps(b.eps()).useLogStd(false).build();
        }
        if (spec instanceof LayerSpec.Activation a) {
            return a.isClip() ? new ClipReLULayer.Builder().initialMu(a.mu()).build()
                    : new ActivationLayer.Builder().activation(Activation.RELU).build();
        }
        if (spec instanceof LayerSpec.MaxPool p) {
            return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(p.kernel()[0], p.kernel()[1])
                    .stride(p.stride()[0], p.stride()[1])
                    .padding(p.padding()[0], p.padding()[1])
                    .build();
        }
        throw new IllegalStateException("no DL4J layer for " + spec);
    }

    private static void copyWeights(ComputationGraph graph, String name, LayerNode l) {
        LayerSpec spec = l.spec();
        var layer = graph.getLayer(name);
        if (spec instanceof LayerSpec.Conv c) {
            assign(layer, "W", c.weight(), l);
            assignVector(layer, "b", c.bias(), l);
        } else if (spec instanceof LayerSpec.Dense d) {
            assign(layer, "W", d.weight(), l);
            assignVector(layer, "b", d.bias(), l);
        } else if (spec instanceof LayerSpec.BatchNorm b) {
            assignVector(layer, "gamma", b.gamma(), l);
            assignVector(layer, "beta", b.beta(), l);
            assignVector(layer, "mean", b.mean(), l);
            assignVector(layer, "var", b.var(), l);
        }
    }

    /** Assigns by logical index (DL4J's dense weights are 'f'-ordered views of the flat parameter vector). */
    private static void assign(org.deeplearning4j.nn.api.Layer layer, String key, Tensor t, LayerNode l) {
        INDArray param = layer.getParam(key);
        if (!Arrays.equals(param.shape(), t.shape())) {
            throw new UnsupportedModelException(l.sourceNode(), l.spec().getClass().getSimpleName(), "its weight '"
                    + key + "' has shape " + Arrays.toString(t.shape()) + " but the network needs "
                    + Arrays.toString(param.shape()) + describe(param.shape(), key));
        }
        param.assign(Nd4j.create(t.values(), t.shape(), 'c'));
    }

    private static void assignVector(org.deeplearning4j.nn.api.Layer layer, String key, Tensor t, LayerNode l) {
        if (t != null) {
            INDArray param = layer.getParam(key);
            if (param.length() != t.size()) {
                throw new UnsupportedModelException(l.sourceNode(), l.spec().getClass().getSimpleName(), "'" + key
                        + "' has " + t.size() + " values but the network needs " + param.length());
            }
            param.assign(Nd4j.create(t.values(), param.shape(), 'c'));
        }
    }

    private static String describe(long[] expected, String key) {
        return expected.length == 2 && key.equals("W") ? " ([inputs, outputs]: is the model made for another image "
                + "size, or is a flatten missing?)" : "";
    }
}
