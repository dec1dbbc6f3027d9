package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ullsnn.nn.GraphForward;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.SpikingNetwork;

class WeightCalibrationTest {

    private static final int T = 2;
    private static final WeightCalibration.Settings SETTINGS = new WeightCalibration.Settings(3, 1e-5, 16, 1024, 7);

    private static ConversionResult converted() {
        return Converter.convert(SmallTrainedNet.get(), ConvertConfig.of(ThresholdStrategy.halfShift(), T,
                SmallTrainedNet.calibrationImages()), ProgressListener.silent());
    }

    private static WeightCalibration.Result calibrate(ConversionResult c, WeightCalibration.Settings settings) {
        return WeightCalibration.run(SmallTrainedNet.get(), c.snn(), c.layers(), SmallTrainedNet.calibrationImages(), T,
                settings, ProgressListener.silent());
    }

    @Test
    void everyLayerEndsNoWorseAndTheConvertedNetworkIsUntouched() {
        ConversionResult c = converted();
        INDArray before = c.snn().graph().params().dup();
        WeightCalibration.Result r = calibrate(c, SETTINGS);
        assertEquals(c.layers().size(), r.layers().size(), "every layer of the tiny net has a weight layer as input");
        for (WeightCalibration.LayerResult l : r.layers()) {
            assertTrue(l.lossAfter() <= l.lossBefore(), l.toString());
        }
        assertTrue(r.layers().stream().anyMatch(l -> l.lossAfter() < l.lossBefore() && l.bestEpoch() > 0),
                "some layer should improve: " + r.layers());
        assertEquals(before, c.snn().graph().params(), "the converted network keeps its weights");
    }

    /** The loss a layer reports is the one the calibrated network has, measured by a full run of it. */
    @Test
    void reportedLossesAreTheCalibratedNetworksOwn() {
        ConversionResult c = converted();
        WeightCalibration.Result r = calibrate(c, SETTINGS);
        INDArray images = SmallTrainedNet.calibrationImages();
        Map<String, INDArray> dnn = SmallTrainedNet.get().feedForward(images, false);
        Map<String, Double> v = new java.util.HashMap<>();
        c.layers().forEach(l -> v.put(l.layer(), l.threshold().v()));
        Map<String, Double> measured = new java.util.HashMap<>();
        GraphForward.SHARED.run(r.snn().graph(), images, new GraphForward.Visitor() {
            @Override
            public void onVertex(String vertex, INDArray output) {
                if (v.containsKey(vertex)) {
                    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                        long n = images.size(0);
                        INDArray rate = output.dup('c').reshape('c', T, n, output.length() / output.size(0)).sum(0)
                                .muli(v.get(vertex) / T);
                        INDArray diff = rate.sub(dnn.get(vertex).castTo(DataType.FLOAT).dup('c').reshape(rate.shape()));
                        measured.put(vertex, diff.mul(diff).meanNumber().doubleValue());
                    }
                }
            }
        });
        for (WeightCalibration.LayerResult l : r.layers()) {
            assertEquals(l.lossAfter(), measured.get(l.layer()), 1e-5 * Math.max(1, l.lossAfter()), l.layer());
        }
    }

    @Test
    void zeroEpochsKeepTheWeightsAndASeedRepeatsTheResult() {
        ConversionResult c = converted();
        WeightCalibration.Settings none = new WeightCalibration.Settings(0, 1e-3, 16, 1024, 7);
        assertEquals(c.snn().graph().params(), calibrate(c, none).snn().graph().params());
        SpikingNetwork once = calibrate(c, SETTINGS).snn();
        SpikingNetwork again = calibrate(c, SETTINGS).snn();
        assertEquals(once.graph().params(), again.graph().params());
    }

    @Test
    void theConverterCalibratesWhenAskedAndSaysSoInTheName() {
        ConvertConfig config = ConvertConfig.of(ThresholdStrategy.halfShift(), T, SmallTrainedNet.calibrationImages())
                .withWeightCalibration(SETTINGS);
        ConversionResult c = Converter.convert(SmallTrainedNet.get(), config, ProgressListener.silent());
        assertEquals("half-shift+wc", c.strategy());
        assertTrue(!c.snn().graph().params().equals(converted().snn().graph().params()), "the weights changed");
    }

    /** Weights calibrated at one T are not read off at another: a sweep converts every T, and names it so. */
    @Test
    void aSweepWithWeightCalibrationConvertsEveryTimestep() {
        INDArray images = SmallTrainedNet.calibrationImages();
        var distribution = org.ullsnn.stats.DistributionCapture.run(SmallTrainedNet.get(), images,
                org.ullsnn.stats.CaptureConfig.defaults());
        ConvertConfig base = ConvertConfig.of(ThresholdStrategy.maxNorm(), 1, images).withWeightCalibration(
                new WeightCalibration.Settings(1, 1e-5, 16, 1024, 7));
        var result = org.ullsnn.experiment.ConversionSweep.run(SmallTrainedNet.get(), distribution, base,
                List.of(ThresholdStrategy.maxNorm()), List.of(1, 2), () -> SmallTrainedNet.testBatches(16), 0.5,
                ProgressListener.silent());
        assertEquals(2, result.cells().size());
        for (var cell : result.cells()) {
            assertEquals("max-norm+wc", cell.strategy());
            assertEquals(cell.timesteps(), cell.conversion().timesteps(), "converted at the T it is read at");
        }
    }

    @Test
    void offsetSpikeLayersAreRefusedNamingTheLayer() {
        ConvertConfig config = ConvertConfig.of(ThresholdStrategy.offsetSpike(2), T, SmallTrainedNet.calibrationImages())
                .withWeightCalibration(SETTINGS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Converter.convert(SmallTrainedNet.get(), config, ProgressListener.silent()));
        assertTrue(e.getMessage().contains("conv1_act") && e.getMessage().contains("offset-spike"), e.getMessage());
    }

    @Test
    void badSettingsAreRefused() {
        for (Runnable r : List.<Runnable>of(() -> new WeightCalibration.Settings(-1, 1e-3, 16, 10, 1),
                () -> new WeightCalibration.Settings(1, 0, 16, 10, 1),
                () -> new WeightCalibration.Settings(1, 1e-3, 0, 10, 1),
                () -> new WeightCalibration.Settings(1, 1e-3, 16, 0, 1))) {
            assertThrows(IllegalArgumentException.class, r::run);
        }
    }
}
