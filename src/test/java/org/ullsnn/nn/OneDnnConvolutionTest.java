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
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

class OneDnnConvolutionTest {

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
        assertTrue(OneDnnConvolution.isEnabled(net), "after init: " + OneDnnConvolution.layersWithoutHelper(net));

        ComputationGraph copy = Graphs.copy(net);
        assertTrue(OneDnnConvolution.isEnabled(copy), "after copy: " + OneDnnConvolution.layersWithoutHelper(copy));

        Graphs.save(net, dir.resolve("net.zip"));
        ComputationGraph loaded = Graphs.load(dir.resolve("net.zip"));
        assertTrue(OneDnnConvolution.isEnabled(loaded), "after load: " + OneDnnConvolution.layersWithoutHelper(loaded));
    }

    @Test
    void plainInitLeavesTheHelpersOutSoTheFixIsNeeded() {
        ComputationGraph plain = new ComputationGraph(Networks.configuration(small(Architecture.VGG16), new NoOp(), 0, 1));
        plain.init();
        List<String> missing = OneDnnConvolution.layersWithoutHelper(plain);
        assertEquals(13 + 4, missing.size(), "13 convolutions and 4 pools of VGG-16: " + missing);
        assertFalse(OneDnnConvolution.isEnabled(OneDnnConvolution.disable(Graphs.copy(plain))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Architecture.class, names = {"VGG16", "RESNET20"})
    void outputsAndGradientsMatchThePlainPath(Architecture a) {
        ComputationGraph fast = Networks.build(small(a), new NoOp(), 0, 3);
        ComputationGraph plain = OneDnnConvolution.disable(Graphs.copy(fast));
        assertTrue(OneDnnConvolution.isEnabled(fast));

        Nd4j.getRandom().setSeed(5);
        INDArray input = Nd4j.randn(DataType.FLOAT, 4, 3, 32, 32);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, (i * 3) % 10, 1);
        }
        assertRelativelyClose("output", plain.outputSingle(input), fast.outputSingle(input));
        assertRelativelyClose("gradient", gradient(plain, input, labels), gradient(fast, input, labels));
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
