package org.ullsnn.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Exact fan-out checked by brute force against DL4J's own convolution with all-ones weights. */
class ExactFanOutTest {

    private static final int C_IN = 2;
    private static final int C_OUT = 3;

    /** A small convolution: mode, kernel, stride, padding (Truncate only), dilation, input height and width. */
    record Case(String name, ConvolutionMode mode, int kernel, int stride, int pad, int dilation, int height,
            int width) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("3x3 pad 1 stride 1", ConvolutionMode.Truncate, 3, 1, 1, 1, 5, 5),
                new Case("3x3 pad 1 stride 2, 6x5", ConvolutionMode.Truncate, 3, 2, 1, 1, 6, 5),
                new Case("Same 3x3 stride 2", ConvolutionMode.Same, 3, 2, 0, 1, 6, 6),
                new Case("Same 4x4 stride 1 (odd padding at the bottom)", ConvolutionMode.Same, 4, 1, 0, 1, 5, 5),
                new Case("3x3 dilation 2 pad 2", ConvolutionMode.Truncate, 3, 1, 2, 2, 6, 6),
                new Case("1x1 stride 2 shortcut", ConvolutionMode.Truncate, 1, 2, 0, 1, 5, 5));
    }

    private static ComputationGraph onesConv(Case c) {
        ConvolutionLayer.Builder conv = new ConvolutionLayer.Builder(c.kernel(), c.kernel()).stride(c.stride(), c.stride())
                .dilation(c.dilation(), c.dilation()).convolutionMode(c.mode()).nOut(C_OUT).hasBias(false)
                .activation(Activation.IDENTITY);
        if (c.mode() == ConvolutionMode.Truncate) {
            conv.padding(c.pad(), c.pad());
        }
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(c.height(), c.width(), C_IN))
                .addLayer("c", conv.build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "c")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        g.getLayer("c").setParam("W", Nd4j.ones(DataType.FLOAT, g.getLayer("c").getParam("W").shape()));
        return g;
    }

    private static WeightLayer counted(ComputationGraph g, Case c) {
        return EnergyModel.of(g, InputType.convolutional(c.height(), c.width(), C_IN)).layer("c");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theFanOutOfEveryInputPositionEqualsWhatAOneHotInputReachesInDl4j(Case c) {
        ComputationGraph g = onesConv(c);
        WeightLayer layer = counted(g, c);
        int n = C_IN * c.height() * c.width();
        INDArray oneHot = Nd4j.eye(n).castTo(DataType.FLOAT).reshape('c', n, C_IN, c.height(), c.width());
        INDArray y = g.feedForward(oneHot, false).get("c");
        assertEquals(layer.geometry().outHeight(), y.size(2), "output height");
        assertEquals(layer.geometry().outWidth(), y.size(3), "output width");
        INDArray reached = y.sum(1, 2, 3);
        long[] expected = new long[n];
        long[] actual = new long[n];
        for (int p = 0; p < n; p++) {
            expected[p] = Math.round(reached.getDouble(p));
            actual[p] = layer.fanOut(p);
        }
        assertArrayEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exactSopsOfRandomSpikeCountsEqualTheSummedOutputOfAnAllOnesConvolution(Case c) {
        ComputationGraph g = onesConv(c);
        WeightLayer layer = counted(g, c);
        Random r = new Random(c.name().hashCode());
        long samples = 7;
        long[] counts = new long[C_IN * c.height() * c.width()];
        float[] asFloat = new float[counts.length];
        for (int p = 0; p < counts.length; p++) {
            counts[p] = r.nextInt(21);
            asFloat[p] = counts[p];
        }
        INDArray x = Nd4j.createFromArray(asFloat).reshape('c', 1, C_IN, c.height(), c.width());
        double bruteForce = g.feedForward(x, false).get("c").sumNumber().doubleValue() / samples;
        assertEquals(bruteForce, layer.exactSops(counts, samples), 1e-9);
    }

    /** n(i) on 4 rows for a 3x3 kernel, padding 1: [2, 3, 3, 2], 10 in all, against 3 * 4 = 12 taps with padding. */
    @Test
    void fanOutsOfAPaddedConvSumToItsMacsLessThePaddingTaps() {
        ConvGeometry g = new ConvGeometry(4, 4, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1);
        assertArrayEquals(new int[] {2, 3, 3, 2}, g.rowTargets());
        WeightLayer l = new WeightLayer("c", LayerKind.CONV, "x", false, C_IN, C_OUT, g);
        long sum = 0;
        for (int p = 0; p < l.inputElements(); p++) {
            sum += l.fanOut(p);
        }
        assertEquals(C_IN * C_OUT * 10L * 10, sum);
        assertEquals(9L * C_IN * C_OUT * 16, l.macs());
        assertEquals(864 - 600, l.macs() - sum, "taps on padding");
        assertEquals(3L * 3 * C_OUT, l.fanOut(5), "(0, 1, 1) is an inner position: k*k*C_out");
        assertEquals(2L * 2 * C_OUT, l.fanOut(0), "a corner reaches 2 x 2 taps per output channel");
    }

    @Test
    void withoutPaddingTheFanOutsSumToTheMacs() {
        ConvGeometry g = new ConvGeometry(5, 5, 3, 3, 3, 3, 1, 1, 0, 0, 1, 1);
        WeightLayer l = new WeightLayer("c", LayerKind.CONV, "x", false, C_IN, C_OUT, g);
        long sum = 0;
        for (int p = 0; p < l.inputElements(); p++) {
            sum += l.fanOut(p);
        }
        assertEquals(l.macs(), sum);
    }

    @Test
    void uniformSpikesOnAPaddedConvGiveFewerExactSopsThanRateTimesMacs() {
        ConvGeometry g = new ConvGeometry(4, 4, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1);
        WeightLayer l = new WeightLayer("c", LayerKind.CONV, "x", false, C_IN, C_OUT, g);
        long[] counts = new long[(int) l.inputElements()];
        java.util.Arrays.fill(counts, 3); // 3 spikes per element over 10 images: r_in = 0.3
        double exact = l.exactSops(counts, 10);
        assertEquals(0.3 * 600, exact, 1e-9);
        assertEquals(0.3 * 864, 0.3 * l.macs(), 1e-9);
        assertTrue(exact < 0.3 * l.macs());
    }

    @Test
    void everyInputOfADenseLayerFansOutToAllItsOutputs() {
        WeightLayer d = WeightLayer.dense("fc", LayerKind.DENSE, "x", false, 6, 4);
        for (int p = 0; p < 6; p++) {
            assertEquals(4, d.fanOut(p));
        }
        assertEquals((1 + 2 + 3 + 4 + 5 + 6) * 4 / 2.0, d.exactSops(new long[] {1, 2, 3, 4, 5, 6}, 2), 1e-12);
    }

    @Test
    void countsOfTheWrongSizeAreRefusedWithBothSizes() {
        WeightLayer d = WeightLayer.dense("fc", LayerKind.DENSE, "x", false, 6, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.exactSops(new long[5], 1));
        assertTrue(e.getMessage().contains("6 elements") && e.getMessage().contains("got 5"), e.getMessage());
    }
}
