package org.ullsnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.ullsnn.nn.layers.ChannelBatchNormHelper;

class OneDnnHelpersTest {

    /** oneDNN and im2col+gemm sum in different orders; FLOAT results differ in the last bits only. */
    private static final double MAX_RELATIVE_ERROR = 1e-4;

    private static NetworkSpec small(Architecture a) {
        return NetworkSpec.defaults(a, 10).withWidth(a == Architecture.TINY ? 1 : 0.125)
                .withConvDropout(0).withFcDropout(0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Architecture.class)
    void everyConvolutionAndPoolLayerCarriesTheHelperAfterInitCopyAndLoad(Architecture a, @TempDir Path dir) {
        ComputationGraph net = Networks.build(small(a), new NoOp(), 0, 1);
        assertTrue(OneDnnHelpers.isEnabled(net), "after init: " + OneDnnHelpers.layersWithoutHelper(net));

        ComputationGraph copy = Graphs.copy(net);
        assertTrue(OneDnnHelpers.isEnabled(copy), "after copy: " + OneDnnHelpers.layersWithoutHelper(copy));

        Graphs.save(net, dir.resolve("net.zip"));
        ComputationGraph loaded = Graphs.load(dir.resolve("net.zip"));
        assertTrue(OneDnnHelpers.isEnabled(loaded), "after load: " + OneDnnHelpers.layersWithoutHelper(loaded));
    }

    @Test
    void plainInitLeavesTheHelpersOutSoTheFixIsNeeded() {
        ComputationGraph plain = new ComputationGraph(Networks.configuration(small(Architecture.VGG16), new NoOp(), 0, 1));
        plain.init();
        List<String> missing = OneDnnHelpers.layersWithoutHelper(plain);
        assertEquals(13 + 4, missing.size(), "13 convolutions and 4 pools of VGG-16: " + missing);
        assertFalse(OneDnnHelpers.isEnabled(OneDnnHelpers.disable(Graphs.copy(plain))));
    }

    @Test
    void batchNormLayersGetTheirHelperToo() {
        NetworkSpec bn = small(Architecture.VGG16).withBatchNorm(true);
        ComputationGraph plain = new ComputationGraph(Networks.configuration(bn, new NoOp(), 0, 1));
        plain.init();
        List<String> missing = OneDnnHelpers.layersWithoutHelper(plain);
        assertEquals(13 + 4 + 13, missing.size(), "13 convolutions, 4 pools and 13 batch norms: " + missing);
        assertTrue(missing.contains("conv13_bn"), missing.toString());
        assertTrue(OneDnnHelpers.isEnabled(OneDnnHelpers.enable(plain)));
        assertTrue(OneDnnHelpers.helperOf(plain.getLayer("conv13_bn")) instanceof ChannelBatchNormHelper,
                "our batch-norm passes, not DL4J's oneDNN helper");
    }

    @ParameterizedTest(name = "{0}, batch norm {1}")
    @CsvSource({"VGG16, false", "RESNET20, false", "VGG16, true", "RESNET20, true"})
    void outputsAndGradientsMatchThePlainPath(Architecture a, boolean batchNorm) {
        ComputationGraph fast = Networks.build(small(a).withBatchNorm(batchNorm), new NoOp(), 0, 3);
        ComputationGraph plain = OneDnnHelpers.disable(Graphs.copy(fast));
        assertTrue(OneDnnHelpers.isEnabled(fast));

        INDArray input = randomImages(4, 5);
        INDArray labels = labels(4);
        assertRelativelyClose("output", plain.outputSingle(input), fast.outputSingle(input));
        assertRelativelyClose("gradient", gradient(plain, input, labels), gradient(fast, input, labels));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Architecture.class, names = {"VGG16", "RESNET20"})
    void trainingWithBatchNormOnOneDnnKeepsTheSameRunningStatisticsAndWeights(Architecture a) {
        ComputationGraph fast = Networks.build(small(a).withBatchNorm(true), new Sgd(0.01), 0, 3);
        ComputationGraph plain = OneDnnHelpers.disable(Graphs.copy(fast));
        for (int step = 0; step < 3; step++) {
            DataSet batch = new DataSet(randomImages(8, 10 + step), labels(8));
            plain.fit(batch);
            fast.fit(batch);
        }
        for (String name : List.of(a == Architecture.VGG16 ? "conv13_bn" : "s4b2_bn2", "conv1_bn")) {
            var params = plain.getLayer(name).paramTable().keySet();
            assertTrue(params.contains("mean") && params.size() == 4, name + ": " + params);
            for (String param : params) {
                assertRelativelyClose(name + "." + param, plain.getLayer(name).getParam(param),
                        fast.getLayer(name).getParam(param));
            }
        }
        assertRelativelyClose("all parameters", plain.params(), fast.params());
        for (var layer : fast.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                assertEquals(0, helperFailures(layer), layer.getConfig().getLayerName()
                        + ": DL4J fell back from the helper (it logs the exception), so the comparison tested DL4J alone");
            }
        }
        INDArray test = randomImages(4, 99);
        assertRelativelyClose("inference output", plain.outputSingle(test), fast.outputSingle(test));
    }

    /** DL4J's count of failed helper calls in a batch-norm layer (after one, it silently uses its own path). */
    private static int helperFailures(org.deeplearning4j.nn.api.Layer layer) {
        try {
            var field = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class
                    .getDeclaredField("helperCountFail");
            field.setAccessible(true);
            return field.getInt(layer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static INDArray randomImages(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, 3, 32, 32);
    }

    private static INDArray labels(int n) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, (i * 3) % 10, 1);
        }
        return labels;
    }

    private static INDArray gradient(ComputationGraph net, INDArray input, INDArray labels) {
        net.setInputs(input);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    private static void assertRelativelyClose(String what, INDArray expected, INDArray actual) {
        double diff = expected.sub(actual).norm2Number().doubleValue();
        double scale = expected.norm2Number().doubleValue();
        assertTrue(scale > 0, what + " is all zeros: the comparison would mean nothing");
        assertTrue(diff / scale < MAX_RELATIVE_ERROR, what + ": relative error " + diff / scale);
    }
}
