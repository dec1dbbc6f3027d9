package org.ullsnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class FoldedInferenceTest {

    /** Gives every batch norm of {@code net} trained-looking statistics and scales, so that folding changes weights. */
    private static ComputationGraph withRandomBatchNorms(ComputationGraph net, long seed) {
        Nd4j.getRandom().setSeed(seed);
        for (Layer l : net.getLayers()) {
            if (l.getConfig() instanceof BatchNormalization) {
                l.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).assign(Nd4j.randn(DataType.FLOAT,
                        l.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).shape()).muli(0.5));
                String spread = l.paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_VAR)
                        ? BatchNormalizationParamInitializer.GLOBAL_VAR // variance, or log10 of the std (DL4J's choice)
                        : BatchNormalizationParamInitializer.GLOBAL_LOG_STD;
                INDArray positive = Nd4j.rand(DataType.FLOAT, l.getParam(spread).shape()).addi(0.2);
                l.getParam(spread).assign(spread.equals(BatchNormalizationParamInitializer.GLOBAL_VAR) ? positive
                        : org.nd4j.linalg.ops.transforms.Transforms.log(positive, 10.0).muli(0.5));
                l.getParam(BatchNormalizationParamInitializer.GAMMA).assign(Nd4j.rand(DataType.FLOAT,
                        l.getParam(BatchNormalizationParamInitializer.GAMMA).shape()).addi(0.5));
                l.getParam(BatchNormalizationParamInitializer.BETA).assign(Nd4j.randn(DataType.FLOAT,
                        l.getParam(BatchNormalizationParamInitializer.BETA).shape()).muli(0.3));
            }
        }
        return net;
    }

    private static long batchNorms(ComputationGraph net) {
        return layersOf(net, BatchNormalization.class);
    }

    private static long layersOf(ComputationGraph net, Class<?> type) {
        return net.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                        && type.isInstance(lv.getLayerConf().getLayer()))
                .count();
    }

    private static void assertSameOutputs(ComputationGraph net, ComputationGraph folded, int size) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 3, size, size);
        INDArray expected = net.outputSingle(false, x);
        INDArray got = folded.outputSingle(false, x);
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        assertTrue(expected.sub(got).amaxNumber().doubleValue() <= 1e-4 * scale,
                "folded outputs differ by " + expected.sub(got).amaxNumber() + " (scale " + scale + ")");
    }

    @Test
    void vggAndResnetWithBatchNormInferAsBeforeWithoutAnyBatchNorm() {
        for (Architecture a : new Architecture[] {Architecture.VGG16, Architecture.RESNET20}) {
            NetworkSpec spec = NetworkSpec.defaults(a, 10).withWidth(1.0 / 16).withInput(3, 32).withBatchNorm(true)
                    .withConvDropout(0.1).withFcDropout(0.5);
            ComputationGraph net = withRandomBatchNorms(Networks.build(spec, new NoOp(), 0, 7), 11);
            assertTrue(batchNorms(net) > 0);
            ComputationGraph folded = FoldedInference.of(net);
            assertEquals(0, batchNorms(folded), a + ": every batch norm follows a convolution");
            assertEquals(0, layersOf(folded, DropoutLayer.class), a + ": dropout is the identity at inference");
            long gone = batchNorms(net) + layersOf(net, DropoutLayer.class);
            assertEquals(net.getVertices().length - gone, folded.getVertices().length);
            assertTrue(OneDnnHelpers.isEnabled(folded), "the copy runs on oneDNN like every graph");
            assertSameOutputs(net, folded, 32);
        }
    }

    @Test
    void aNetworkWithoutBatchNormOrDropoutIsItsOwnCopy() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.VGG16, 10).withWidth(1.0 / 16).withInput(3, 32)
                .withConvDropout(0).withFcDropout(0);
        ComputationGraph net = Networks.build(spec, new NoOp(), 0, 7);
        assertEquals(0, layersOf(net, DropoutLayer.class));
        assertSame(net, FoldedInference.of(net));
    }

    @Test
    void dropoutGoesFromANetworkWithoutBatchNorm() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.VGG16, 10).withWidth(1.0 / 16).withInput(3, 32)
                .withConvDropout(0.1).withFcDropout(0.5);
        ComputationGraph net = Networks.build(spec, new NoOp(), 0, 7);
        assertTrue(layersOf(net, DropoutLayer.class) > 0);
        ComputationGraph copy = FoldedInference.of(net);
        assertEquals(0, layersOf(copy, DropoutLayer.class));
        assertSameOutputs(net, copy, 32);
    }

    @Test
    void aBatchNormWhoseInputIsReadElsewhereStays() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT)
                .updater(new NoOp()).convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY)
                        .hasBias(false).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY)
                        .build(), "bn")
                .addLayer("bn2", new BatchNormalization.Builder().build(), "conv2")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn2", "conv")
                .addLayer("pool", new GlobalPoolingLayer.Builder().build(), "sum")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("output").build();
        ComputationGraph net = withRandomBatchNorms(Graphs.init(conf), 13);
        assertEquals(Map.of("bn2", "conv2"), FoldedInference.foldable(conf), "conv feeds both bn and the sum");
        ComputationGraph folded = FoldedInference.of(net);
        assertEquals(1, batchNorms(folded));
        assertFalse(folded.getConfiguration().getVertices().containsKey("bn2"));
        assertEquals(java.util.List.of("conv2", "conv"), folded.getConfiguration().getVertexInputs().get("sum"));
        assertSameOutputs(net, folded, 8);
    }
}
