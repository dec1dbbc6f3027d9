package org.ullsnn.nn;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.ullsnn.nn.layers.ClipReLULayer;

/**
 * Builds the networks of METHOD.md §2 as DL4J {@link ComputationGraph}s.
 *
 * <p>Every hidden layer is split into separate vertices so that later stages (calibration, conversion)
 * can find the pre-activation {@code z} as the output of a weight layer and the activation as its own
 * layer. Vertex names follow one scheme:
 * <ul>
 *   <li>{@code input}; convolutions {@code conv1, conv2, ...}, each followed by {@code convI_bn} (when batch
 *       norm is on), {@code convI_act} and {@code convI_drop} (when its dropout is non-zero and no pool
 *       follows: the authors' code removes the dropout before a pool); pools {@code pool1, ...};</li>
 *   <li>dense layers {@code fc1, ...} with {@code fcI_act}, {@code fcI_drop}; the classifier {@code output}
 *       (softmax, cross-entropy);</li>
 *   <li>ResNet-20 blocks {@code sSbB_} + {@code conv1, bn1, act1, drop1, conv2, bn2, short, short_bn, add,
 *       act2}: {@code h = act1(conv1(x))}, {@code y = act2(conv2(h) + short(x))}, where {@code short} is a
 *       1x1 convolution (stride s) when the shape changes and the identity otherwise.</li>
 * </ul>
 * All convolutions are 3x3, stride 1, padding 1 (shortcuts 1x1); pools are 2x2 max, stride 2.
 * Initialisation: conv weights N(0, sqrt(2 / (k*k*C_out))), dense weights per {@link DenseInit}, biases 0.
 */
public final class Networks {

    /** VGG-16 feature layers; 0 is a max-pool. */
    static final int[] VGG16_FEATURES = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512};
    /** VGG-11 feature layers; 0 is a max-pool. */
    static final int[] VGG11_FEATURES = {64, 0, 128, 256, 0, 512, 512, 0, 512, 0, 512, 512};
    static final int[] TINY_FEATURES = {8, 0, 16, 0};
    static final int VGG_HIDDEN = 4096;
    static final int TINY_HIDDEN = 32;
    static final int RESNET_STEM = 64;
    static final int[] RESNET_STAGES = {64, 128, 256, 512};
    static final int[] RESNET_STRIDES = {1, 2, 2, 2};
    static final int RESNET_BLOCKS_PER_STAGE = 2;

    private Networks() {
    }

    /**
     * An initialised network (oneDNN helpers installed).
     *
     * @param spec    what to build
     * @param updater the optimiser, with its learning-rate schedule
     * @param l2      the L2 coefficient added to the gradient of every weight (and every ClipReLU mu)
     * @param seed    seed of the weight initialisation
     */
    public static ComputationGraph build(NetworkSpec spec, IUpdater updater, double l2, long seed) {
        return Graphs.init(configuration(spec, updater, l2, seed));
    }

    /** The configuration {@link #build} initialises. */
    public static ComputationGraphConfiguration configuration(NetworkSpec spec, IUpdater updater, double l2,
            long seed) {
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
        }
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .l2(l2)
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(spec.inputSize(), spec.inputSize(), spec.inputChannels()));
        Assembler a = new Assembler(g, spec);
        switch (spec.architecture()) {
            case VGG11 -> a.vgg(VGG11_FEATURES, VGG_HIDDEN, 2);
            case VGG16 -> a.vgg(VGG16_FEATURES, VGG_HIDDEN, 2);
            case TINY -> a.vgg(TINY_FEATURES, TINY_HIDDEN, 1);
            case RESNET20 -> a.resnet20();
        }
        return g.setOutputs("output").build();
    }

    /** Adds vertices one after another, remembering the last one. */
    private static final class Assembler {
        private final GraphBuilder g;
        private final NetworkSpec spec;
        private String last = "input";
        private int channels;
        private int convCount;
        private int poolCount;

        Assembler(GraphBuilder g, NetworkSpec spec) {
            this.g = g;
            this.spec = spec;
            this.channels = spec.inputChannels();
        }

        void vgg(int[] features, int hidden, int hiddenLayers) {
            for (int i = 0; i < features.length; i++) {
                if (features[i] == 0) {
                    pool();
                    continue;
                }
                boolean poolFollows = i + 1 < features.length && features[i + 1] == 0;
                String name = "conv" + (++convCount);
                convBlock(name, name + "_bn", spec.scaled(features[i]), 3, 1, last);
                activation(name + "_act", last);
                if (!poolFollows) {
                    dropout(name + "_drop", spec.convDropout());
                }
            }
            for (int i = 1; i <= hiddenLayers; i++) {
                dense("fc" + i, spec.scaled(hidden));
            }
            output();
        }

        void resnet20() {
            for (int i = 0; i < 3; i++) {
                String name = "conv" + (++convCount);
                convBlock(name, name + "_bn", spec.scaled(RESNET_STEM), 3, 1, last);
                activation(name + "_act", last);
                if (i < 2) {
                    dropout(name + "_drop", spec.convDropout());
                }
            }
            pool();
            for (int s = 0; s < RESNET_STAGES.length; s++) {
                for (int b = 0; b < RESNET_BLOCKS_PER_STAGE; b++) {
                    int stride = b == 0 ? RESNET_STRIDES[s] : 1;
                    basicBlock("s" + (s + 1) + "b" + (b + 1) + "_", spec.scaled(RESNET_STAGES[s]), stride);
                }
            }
            output();
        }

        private void basicBlock(String p, int planes, int stride) {
            String x = last;
            int inChannels = channels;
            convBlock(p + "conv1", p + "bn1", planes, 3, stride, x);
            activation(p + "act1", last);
            dropout(p + "drop1", spec.convDropout());
            convBlock(p + "conv2", p + "bn2", planes, 3, 1, last);
            String residual = last;
            String shortcut = x;
            if (stride != 1 || inChannels != planes) {
                g.addLayer(p + "short", conv(planes, 1, stride, 0), x);
                shortcut = p + "short";
                if (spec.batchNorm()) {
                    g.addLayer(p + "short_bn", new BatchNormalization.Builder().build(), p + "short");
                    shortcut = p + "short_bn";
                }
            }
            g.addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), residual, shortcut);
            activation(p + "act2", p + "add");
        }

        /** A convolution from {@code from}, plus batch norm {@code bnName} when on; {@code last} is the later. */
        private void convBlock(String name, String bnName, int nOut, int kernel, int stride, String from) {
            g.addLayer(name, conv(nOut, kernel, stride, kernel / 2), from);
            channels = nOut;
            last = name;
            if (spec.batchNorm()) {
                g.addLayer(bnName, new BatchNormalization.Builder().build(), name);
                last = bnName;
            }
        }

        private ConvolutionLayer conv(int nOut, int kernel, int stride, int pad) {
            double std = Math.sqrt(2.0 / (kernel * kernel * nOut));
            return new ConvolutionLayer.Builder(kernel, kernel)
                    .stride(stride, stride)
                    .padding(pad, pad)
                    .nOut(nOut)
                    .activation(Activation.IDENTITY)
                    .hasBias(spec.bias())
                    .weightInit(new NormalDistribution(0, std))
                    .biasInit(0)
                    .build();
        }

        private void activation(String name, String from) {
            Layer act = spec.activation() == ActivationKind.CLIP_RELU
                    ? new ClipReLULayer.Builder().initialMu(spec.initialMu()).levels(spec.activationLevels()).build()
                    : new ActivationLayer.Builder().activation(Activation.RELU).build();
            g.addLayer(name, act, from);
            last = name;
        }

        private void dropout(String name, double dropProbability) {
            if (dropProbability > 0) {
                g.addLayer(name, new DropoutLayer.Builder().dropOut(Dropouts.withDropProbability(dropProbability))
                        .build(), last);
                last = name;
            }
        }

        private void pool() {
            String name = "pool" + (++poolCount);
            g.addLayer(name, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2).stride(2, 2).build(), last);
            last = name;
        }

        private void dense(String name, int nOut) {
            g.addLayer(name, new DenseLayer.Builder()
                    .nOut(nOut)
                    .activation(Activation.IDENTITY)
                    .hasBias(spec.bias())
                    .weightInit(denseInit())
                    .biasInit(0)
                    .build(), last);
            last = name;
            activation(name + "_act", name);
            dropout(name + "_drop", spec.fcDropout());
        }

        private void output() {
            g.addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(spec.numClasses())
                    .activation(Activation.SOFTMAX)
                    .hasBias(spec.bias())
                    .weightInit(denseInit())
                    .biasInit(0)
                    .build(), last);
            last = "output";
        }

        private IWeightInit denseInit() {
            return switch (spec.denseInit()) {
                case NORMAL_001 -> new WeightInitDistribution(new NormalDistribution(0, 0.01));
                case KAIMING -> new WeightInitRelu(); // N(0, sqrt(2 / fan_in))
            };
        }
    }

    /** Names of the weight layers (conv, shortcut, dense, output) of a built network, in topological order. */
    public static List<String> weightLayerNames(ComputationGraph net) {
        return java.util.Arrays.stream(net.getLayers())
                .filter(l -> l.numParams() > 0 && !(l instanceof org.ullsnn.nn.layers.ClipReLU)
                        && !(l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization))
                .map(l -> l.getConfig().getLayerName())
                .toList();
    }

    /** Keeps {@link Dropout}'s keep-probability convention in one place. */
    static final class Dropouts {
        private Dropouts() {
        }

        /**
         * DL4J's {@code Dropout(x)} takes the probability of <em>keeping</em> an activation (METHOD.md §1);
         * this takes the probability of dropping it, as PyTorch and the paper do.
         */
        static Dropout withDropProbability(double p) {
            return new Dropout(1.0 - p);
        }
    }
}
