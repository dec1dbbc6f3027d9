package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.ResetMode;
import org.ullsnn.snn.SpikingNetwork;
import org.ullsnn.stats.CaptureConfig;
import org.ullsnn.stats.DistributionCapture;
import org.ullsnn.stats.NetworkDistribution;

/**
 * SNN-mode conversion with cached spikes ({@link SnnCalibration}) against the former rebuild-and-rerun
 * conversion ({@link ReferenceSnnConversion}): the same paired samples, thresholds and SNN, bit for bit, on the
 * small trained VGG-like net and on a small ResNet-20 (residual joins read two cached spike tensors).
 */
class SnnCalibrationTest {

    /** Delegates to a strategy in SNN mode and keeps the paired samples each layer was chosen from. */
    static final class Recording implements ThresholdStrategy {
        final ThresholdStrategy inner;
        final Map<String, PairedSamples> pairs = new LinkedHashMap<>();

        Recording(ThresholdStrategy inner) {
            this.inner = inner;
        }

        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            pairs.put(stats.layer(), stats.snnSamples());
            return inner.choose(stats, timesteps);
        }

        @Override
        public Calibration calibration() {
            return Calibration.SNN;
        }
    }

    /**
     * A threshold that any change in the samples moves: half the largest mean current of a sample (mu when
     * that is not positive), so a wrong sample in one layer changes every later layer.
     */
    static LayerThreshold fromCurrents(LayerStats stats, int timesteps) {
        double most = 0;
        for (double[] series : stats.snnSamples().currents()) {
            most = Math.max(most, Arrays.stream(series).sum() / series.length);
        }
        return LayerThreshold.of(most > 0 ? most / 2 : stats.mu());
    }

    private static void assertSameConversion(ComputationGraph dnn, ConvertConfig config,
            ReferenceSnnConversion.Route route) {
        NetworkDistribution distribution = DistributionCapture.run(dnn, config.calibrationImages(), config.capture());
        Recording before = new Recording(config.strategy());
        ReferenceSnnConversion.Result expected = ReferenceSnnConversion.convert(dnn, distribution,
                config.withStrategy(before), route);
        Recording after = new Recording(config.strategy());
        ConversionResult actual = Converter.convert(dnn, distribution, config.withStrategy(after),
                ProgressListener.silent());
        assertEquals(List.copyOf(expected.thresholds().keySet()), List.copyOf(after.pairs.keySet()));
        for (LayerConversion layer : actual.layers()) {
            String name = layer.layer();
            PairedSamples p = expected.pairs().get(name);
            PairedSamples q = after.pairs.get(name);
            assertArrayEquals(p.activations(), q.activations(), name + ": DNN activations");
            assertArrayEquals(p.currents(), q.currents(), name + ": SNN currents");
            assertEquals(expected.thresholds().get(name), layer.threshold(), name);
        }
        assertEquals(withoutSeed(expected.snn()), withoutSeed(actual.snn()));
        assertEquals(expected.snn().graph().params(), actual.snn().graph().params());
    }

    /** The SNN's configuration as JSON, less the seed DL4J draws from the clock. */
    private static String withoutSeed(SpikingNetwork snn) {
        return snn.graph().getConfiguration().toJson().replaceAll("\"seed\" : -?\\d+", "");
    }

    @ParameterizedTest(name = "T = {0}, {1} samples per layer, reset {2}")
    @CsvSource({"2, 3000, SUBTRACT", "3, 3000, SUBTRACT", "2, 5, SUBTRACT", "4, 1, SUBTRACT", "3, 3000, ZERO"})
    void theSmallTrainedNetConvertsAsBefore(int timesteps, int pairs, ResetMode reset) {
        // batches of 48 over 256 images: a short last batch; with 5 or 1 samples some batches take none
        ConvertConfig config = ConvertConfig.of(ThresholdStrategy.fittedSnn(), timesteps,
                SmallTrainedNet.calibrationImages()).withSnnPairs(pairs);
        config = new ConvertConfig(config.strategy(), timesteps, config.calibrationImages(),
                config.capture().withBatchSize(48), pairs, reset, 99);
        if (pairs < 10) {
            config = config.withStrategy(ThresholdStrategy.named("from currents", SnnCalibrationTest::fromCurrents));
        }
        assertSameConversion(SmallTrainedNet.get(), config, ReferenceSnnConversion.Route.OUTPUT);
    }

    @Test
    void aSmallResnetConvertsAsBefore() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.RESNET20, 10).withWidth(1.0 / 16).withInput(3, 16);
        ComputationGraph dnn = Networks.build(spec, new NoOp(), 0, 21);
        Nd4j.getRandom().setSeed(21);
        INDArray x = Nd4j.randn(DataType.FLOAT, 12, 3, 16, 16);
        ConvertConfig config = new ConvertConfig(ThresholdStrategy.named("from currents",
                SnnCalibrationTest::fromCurrents), 2, x, CaptureConfig.defaults().withBatchSize(5), 200,
                ResetMode.SUBTRACT, 5);
        // the former code could not convert a ResNet in SNN mode (see ReferenceSnnConversion.Route): the
        // reference reads the same vertices from full forward passes instead
        assertSameConversion(dnn, config, ReferenceSnnConversion.Route.FEED_FORWARD);
    }

    @Test
    void weightLayersRunTwiceIfLayersAndPoolsOnceAndSpikesAreFreedWhenNoLaterLayerReadsThem() {
        ComputationGraph dnn = SmallTrainedNet.get();
        INDArray images = SmallTrainedNet.calibrationImages(); // 256 images: 4 batches of 64
        ConversionPlan plan = ConversionPlan.of(dnn);
        InputType type = InputType.convolutional(images.size(2), images.size(3), images.size(1));
        Map<String, LayerThreshold> chosen = new HashMap<>();
        Map<String, Set<String>> cachedAfter = new LinkedHashMap<>();
        try (SnnCalibration calibration = SnnCalibration.start(dnn, plan.spikingLayers(), images, 64, 1000, 3)) {
            for (String name : plan.spikingLayers()) {
                calibration.collect(SnnBuilder.build(plan, type, 2, chosen, ResetMode.SUBTRACT), name);
                chosen.put(name, LayerThreshold.of(plan.clipOf(name)));
                cachedAfter.put(name, calibration.cachedSpikes());
            }
            // each layer's current once for its samples, once more for its spikes (the last layer has no reader)
            assertEquals(Map.of("conv1", 8, "conv1_repeat", 8, "conv1_act", 4, "pool1", 4, "conv2", 8,
                    "conv2_act", 4, "pool2", 4, "fc1", 4), calibration.evaluations());
            assertEquals(2.0, calibration.passes());
        }
        // pool1's spikes wait for conv2_act's threshold; conv1_act's go once pool1's are cached
        assertEquals(Map.of("conv1_act", Set.of(), "conv2_act", Set.of("pool1"), "fc1_act", Set.of()), cachedAfter);
    }

    @Test
    void theResnetRunsEachVertexAtMostTwice() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.RESNET20, 10).withWidth(1.0 / 16).withInput(3, 16)
                .withConvDropout(0);
        ComputationGraph dnn = Networks.build(spec, new NoOp(), 0, 8);
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.randn(DataType.FLOAT, 12, 3, 16, 16);
        ConversionPlan plan = ConversionPlan.of(dnn);
        InputType type = InputType.convolutional(16, 16, 3);
        Map<String, LayerThreshold> chosen = new HashMap<>();
        int mostCached = 0;
        try (SnnCalibration calibration = SnnCalibration.start(dnn, plan.spikingLayers(), x, 12, 200, 3)) {
            for (String name : plan.spikingLayers()) {
                SpikingNetwork partial = SnnBuilder.build(plan, type, 2, chosen, ResetMode.SUBTRACT);
                PairedSamples pairs = calibration.collect(partial, name);
                chosen.put(name, LayerThreshold.of(1.0));
                mostCached = Math.max(mostCached, calibration.cachedSpikes().size());
                assertEquals(200, pairs.size());
            }
            assertEquals(2.0, calibration.passes(), "a shortcut runs in its join's segment, twice like the rest");
            assertEquals(2, calibration.evaluations().get("s2b1_short"));
            assertEquals(2, calibration.evaluations().get("s1b1_add_scale1"));
            assertTrue(calibration.cachedSpikes().isEmpty());
        }
        assertTrue(mostCached <= 2, "a block keeps at most its input and its first activation: " + mostCached);
    }

    @Test
    void builtNetworksCarryEveryParameterTheyAreGiven() {
        // SnnBuilder starts from zeros instead of a random init it overwrites: nothing may be left at zero
        ComputationGraph dnn = SmallTrainedNet.get();
        ConversionPlan plan = ConversionPlan.of(dnn);
        Map<String, LayerThreshold> chosen = Map.of("conv1_act", new LayerThreshold(0.7, 1.3, 0.2),
                "conv2_act", LayerThreshold.of(0.9), "fc1_act", new LayerThreshold(1.1, 0.6, 0));
        SpikingNetwork snn = SnnBuilder.build(plan, InputType.convolutional(8, 8, 3), 2, chosen, ResetMode.SUBTRACT);
        chosen.forEach((name, th) -> {
            assertEquals((float) th.theta(), snn.neuron(name).theta(), 0, name);
            assertEquals(1.0, snn.neuron(name).lambda(), 0, name);
            assertEquals(th.u0(), snn.dynamics(name).u0(), 0, name);
        });
        INDArray w1 = dnn.getLayer("conv1").getParam("W").castTo(DataType.FLOAT);
        assertEquals(w1, snn.graph().getLayer("conv1").getParam("W"));
        assertEquals(dnn.getLayer("conv2").getParam("W").castTo(DataType.FLOAT).mul(1.3f),
                snn.graph().getLayer("conv2").getParam("W"), "v of conv1_act folded into conv2");
        assertEquals(dnn.getLayer("output").getParam("W").castTo(DataType.FLOAT).mul(0.6f),
                snn.graph().getLayer("output").getParam("W"), "v of fc1_act folded into the output layer");
    }
}
