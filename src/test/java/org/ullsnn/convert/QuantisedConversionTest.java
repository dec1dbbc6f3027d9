package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.DenseInit;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.SpikingNetwork;

/**
 * A network trained with quantised activations ({@code levels = L}) converts at {@code T = L} with the half-shift
 * thresholds and count-max pools into an SNN whose counts, on constant drive, are the DNN's activations exactly:
 * what is left between such an SNN and its DNN is spike timing alone.
 */
class QuantisedConversionTest {

    private static final int LEVELS = 2;

    /** The tiny net with BN and quantised ClipReLUs, its batch-norm statistics and clips moved off their defaults. */
    private static ComputationGraph quantisedNet() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.TINY, 4).withInput(3, 8).withWidth(1).withBatchNorm(true)
                .withConvDropout(0).withFcDropout(0).withInitialMu(0.8).withActivationLevels(LEVELS)
                .withDenseInit(DenseInit.KAIMING);
        ComputationGraph net = Networks.build(spec, new NoOp(), 0, 5);
        Nd4j.getRandom().setSeed(8);
        for (var layer : net.getLayers()) {
            for (var p : layer.paramTable().entrySet()) {
                switch (p.getKey()) {
                    case "mean", "beta" -> p.getValue().assign(Nd4j.rand(DataType.FLOAT, p.getValue().shape())
                            .subi(0.5).muli(0.4));
                    case "var", "gamma" -> p.getValue().assign(Nd4j.rand(DataType.FLOAT, p.getValue().shape())
                            .addi(0.5));
                    default -> { }
                }
            }
        }
        return net;
    }

    /** The SNN's logits summed over its steps and divided by T, as {@code [N, classes]}. */
    private static INDArray meanLogits(SpikingNetwork snn, INDArray x) {
        INDArray perStep = snn.graph().feedForward(x, false).get(snn.logitsVertex());
        return perStep.reshape('c', snn.timesteps(), x.size(0), perStep.size(1)).sum(0).divi(snn.timesteps())
                .castTo(DataType.DOUBLE);
    }

    @Test
    void onConstantDriveWithCountMaxPoolsTheSnnIsTheQuantisedDnn() {
        ComputationGraph dnn = quantisedNet();
        Nd4j.getRandom().setSeed(9);
        INDArray calibration = Nd4j.randn(DataType.FLOAT, 32, 3, 8, 8);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, 3, 8, 8);
        INDArray dnnLogits = Graphs.logits(dnn, x);
        assertTrue(dnn.feedForward(x, false).get("fc1_act").norm1Number().doubleValue() > 0, "the last layer is active");
        ConvertConfig config = ConvertConfig.of(ThresholdStrategy.halfShift(), LEVELS, calibration);

        SpikingNetwork countMax = Converter.convert(dnn, config.withCountMaxPool(true), ProgressListener.silent()).snn();
        double exact = meanLogits(countMax.withConstantDrive(), x).distance2(dnnLogits);
        assertEquals(0, exact, 1e-4 * dnnLogits.norm2Number().doubleValue());

        // per-step pools, or spike timing, each leave an error of their own
        SpikingNetwork perStep = Converter.convert(dnn, config, ProgressListener.silent()).snn();
        double pools = meanLogits(perStep.withConstantDrive(), x).distance2(dnnLogits);
        double timing = meanLogits(countMax, x).distance2(dnnLogits);
        assertTrue(pools > 100 * exact + 1e-3 && timing > 100 * exact + 1e-3, "pools " + pools + ", timing " + timing
                + ", exact " + exact);
        assertEquals(perStep.spikingPools(), countMax.spikingPools(), "the count-max pool keeps the DNN pool's name");
    }
}
