package org.ullsnn.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ChannelBatchNormHelper} against batch norm's textbook formulas computed apart in double with ND4J ops, on
 * a batch small enough for one chunk and one split over the cores.
 */
class ChannelBatchNormHelperTest {

    private static final double EPS = 1e-5;
    private static final LayerWorkspaceMgr NO_WS = LayerWorkspaceMgr.noWorkspaces();

    /** A batch {@code [n, c, h, w]} with channel-dependent offsets and scales, seeded. */
    private static INDArray batch(long seed, int n, int c, int h, int w) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, c, h, w);
        for (int ch = 0; ch < c; ch++) {
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(ch))
                    .muli(0.5 + ch).addi(ch - 1.5);
        }
        return x;
    }

    private static INDArray row(double... values) {
        return Nd4j.createFromArray(values).castTo(DataType.FLOAT).reshape(1, values.length);
    }

    /** Per-channel mean over axes 0, 2, 3 as {@code [1, C, 1, 1]}, in double. */
    private static INDArray channelMean(INDArray x) {
        return x.mean(true, 0, 2, 3);
    }

    private static void assertClose(String what, INDArray expected, INDArray actual, double tolerance) {
        double scale = Math.max(1e-3, expected.castTo(DataType.DOUBLE).norm2Number().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE).reshape(expected.shape()))
                .norm2Number().doubleValue();
        assertTrue(diff / scale < tolerance, what + ": relative error " + diff / scale);
    }

    @ParameterizedTest(name = "{0} x {1} x {2} x {2}")
    @CsvSource({"3, 4, 5", "64, 4, 16"}) // 300 values: one chunk; 65,536: split over the cores
    void trainingForwardAndBackwardFollowTheFormulas(int n, int c, int side) {
        INDArray x = batch(1, n, c, side, side);
        INDArray dy = batch(2, n, c, side, side);
        INDArray gamma = row(0.5, 1.5, -2.0, 3.0);
        INDArray beta = row(0.1, -0.2, 0.3, 0.0);
        long[] shape = x.shape();
        ChannelBatchNormHelper helper = new ChannelBatchNormHelper();

        INDArray y = helper.preOutput(x, true, shape, gamma, beta, null, null, 0.9, EPS, CNN2DFormat.NCHW, NO_WS);
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray mean = channelMean(xd);
        INDArray centred = xd.sub(mean);
        INDArray var = channelMean(centred.mul(centred)); // biased, as DL4J's own path
        INDArray sigma = org.nd4j.linalg.ops.transforms.Transforms.sqrt(var.add(EPS));
        INDArray xHat = centred.div(sigma);
        INDArray g = gamma.castTo(DataType.DOUBLE).reshape(1, c, 1, 1);
        INDArray b = beta.castTo(DataType.DOUBLE).reshape(1, c, 1, 1);
        assertClose("forward", xHat.mul(g).add(b), y, 1e-6);
        assertClose("batch mean", mean, helper.getMeanCache(DataType.FLOAT), 1e-6);
        assertClose("batch variance", var, helper.getVarCache(DataType.FLOAT), 1e-5);

        INDArray dGamma = Nd4j.create(DataType.FLOAT, 1, c);
        INDArray dBeta = Nd4j.create(DataType.FLOAT, 1, c);
        var result = helper.backpropGradient(x, dy, shape, gamma, beta, dGamma, dBeta, EPS, CNN2DFormat.NCHW, NO_WS);
        INDArray dyd = dy.castTo(DataType.DOUBLE);
        INDArray expectedDx = g.div(sigma).mul(dyd.sub(channelMean(dyd)).sub(xHat.mul(channelMean(dyd.mul(xHat)))));
        assertClose("dL/dx", expectedDx, result.getSecond(), 1e-5);
        assertClose("dL/dgamma", dyd.mul(xHat).sum(0, 2, 3), dGamma, 1e-5);
        assertClose("dL/dbeta", dyd.sum(0, 2, 3), dBeta, 1e-6);
        assertEquals(dGamma, result.getFirst().getGradientFor(BatchNormalizationParamInitializer.GAMMA));
        assertEquals(dBeta, result.getFirst().getGradientFor(BatchNormalizationParamInitializer.BETA));
    }

    @Test
    void inferenceUsesTheGivenMeanAndVariance() {
        INDArray x = batch(3, 5, 4, 3, 3);
        INDArray gamma = row(1, 2, 3, 4);
        INDArray beta = row(0, 1, 0, -1);
        INDArray mean = row(0.5, -1, 2, 0);
        INDArray var = row(1, 4, 0.25, 9);
        INDArray y = new ChannelBatchNormHelper().preOutput(x, false, x.shape(), gamma, beta, mean, var, 0.9, EPS,
                CNN2DFormat.NCHW, NO_WS);
        INDArray expected = x.castTo(DataType.DOUBLE).sub(mean.castTo(DataType.DOUBLE).reshape(1, 4, 1, 1))
                .div(org.nd4j.linalg.ops.transforms.Transforms.sqrt(var.castTo(DataType.DOUBLE).add(EPS)).reshape(1, 4, 1, 1))
                .mul(gamma.castTo(DataType.DOUBLE).reshape(1, 4, 1, 1)).add(beta.castTo(DataType.DOUBLE).reshape(1, 4, 1, 1));
        assertClose("inference", expected, y, 1e-6);
    }

    @Test
    void refusesWhatItWasNotGiven() {
        ChannelBatchNormHelper helper = new ChannelBatchNormHelper();
        INDArray x = batch(4, 2, 4, 3, 3);
        INDArray gamma = row(1, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> helper.preOutput(x, true, x.shape(), gamma, gamma, null,
                null, 0.9, EPS, CNN2DFormat.NHWC, NO_WS));
        assertThrows(IllegalStateException.class, () -> helper.backpropGradient(x, x, x.shape(), gamma, gamma,
                Nd4j.create(DataType.FLOAT, 1, 4), Nd4j.create(DataType.FLOAT, 1, 4), EPS, CNN2DFormat.NCHW, NO_WS),
                "backward before any training forward pass");
    }
}
