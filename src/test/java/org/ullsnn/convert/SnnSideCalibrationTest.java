package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.Simulator;

/** The SNN-side calibrations (issue 15) through the {@link Converter}: plumbing, lambda API, and a smoke run. */
class SnnSideCalibrationTest {

    /** theta = v = mu, and a shift of 0.1 (c + 1) on channel c when {@code shifted}. */
    private static ThresholdStrategy channelRamp(boolean shifted) {
        return ThresholdStrategy.snn(shifted ? "ramp" : "flat", (stats, t) -> {
            int channels = stats.snn().orElseThrow().channelCount();
            double[] delta = new double[channels];
            for (int c = 0; c < channels; c++) {
                delta[c] = shifted ? 0.1 * (c + 1) : 0;
            }
            return LayerThreshold.of(stats.mu()).with(LayerAdjustment.biasShift(delta));
        });
    }

    /** Per SNN weight layer, its bias (zeros when it has none). */
    private static Map<String, INDArray> biases(ConversionResult c) {
        Map<String, INDArray> out = new HashMap<>();
        for (var layer : c.snn().graph().getLayers()) {
            if (layer.paramTable().containsKey("W")) {
                out.put(layer.conf().getLayer().getLayerName(), layer.paramTable().containsKey("b")
                        ? layer.getParam("b").dup() : null);
            }
        }
        return out;
    }

    /**
     * A conv with folded batch norm (TINY with BN), a dense layer, and a ResNet addition: the carrier's bias moves by
     * exactly delta, every other bias stays, and a weight layer that had no bias gets one.
     */
    @Test
    void theBiasShiftLandsInTheCarrier() {
        NetworkSpec tiny = NetworkSpec.defaults(Architecture.TINY, 4).withInput(3, 8).withWidth(1).withBatchNorm(true);
        NetworkSpec resnet = NetworkSpec.defaults(Architecture.RESNET20, 10).withWidth(1.0 / 16).withInput(3, 16);
        for (NetworkSpec spec : List.of(tiny, resnet)) {
            ComputationGraph dnn = Networks.build(spec, new NoOp(), 0, 4);
            Nd4j.getRandom().setSeed(4);
            int size = spec.architecture() == Architecture.TINY ? 8 : 16;
            INDArray x = Nd4j.randn(DataType.FLOAT, 6, 3, size, size);
            ConversionResult flat = Converter.convert(dnn, ConvertConfig.of(channelRamp(false), 2, x),
                    ProgressListener.silent());
            ConversionResult ramp = Converter.convert(dnn, ConvertConfig.of(channelRamp(true), 2, x),
                    ProgressListener.silent());
            ConversionPlan plan = ConversionPlan.of(dnn);
            Map<String, INDArray> before = biases(flat);
            Map<String, INDArray> after = biases(ramp);
            List<String> carriers = new ArrayList<>();
            for (String layer : plan.spikingLayers()) {
                carriers.add(plan.biasCarrier(layer));
            }
            for (String weight : before.keySet()) {
                INDArray b0 = before.get(weight);
                INDArray b1 = after.get(weight);
                if (carriers.contains(weight)) {
                    long n = b1.length();
                    INDArray expected = Nd4j.arange(1, n + 1).castTo(DataType.FLOAT).muli(0.1).reshape(b1.shape());
                    INDArray base = b0 != null ? b0 : Nd4j.zeros(DataType.FLOAT, b1.shape());
                    assertTrue(b1.sub(base).equalsWithEps(expected, 1e-5), spec.architecture() + " " + weight);
                } else if (b0 != null) {
                    assertTrue(b1.equalsWithEps(b0, 0), spec.architecture() + " " + weight + " is no carrier");
                }
            }
        }
    }

    /** The first layer's current (the repeated image conv) is the DNN pre-activation plus delta per channel. */
    @Test
    void theFirstLayersCurrentIsTheDnnPreActivationPlusDelta() {
        ComputationGraph dnn = ConverterTest.oneLayer(2, 3, 3, 3, 1.5, 7);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 2, 3, 3);
        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(channelRamp(true), 2, x),
                ProgressListener.silent());
        INDArray current = c.snn().graph().feedForward(x, false).get("conv1");
        INDArray z = dnn.feedForward(x, false).get("conv1");
        for (int ch = 0; ch < 3; ch++) {
            INDArray diff = current.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(ch)).sub(z.get(
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(ch)));
            assertEquals(0.1 * (ch + 1), diff.minNumber().doubleValue(), 1e-5);
            assertEquals(0.1 * (ch + 1), diff.maxNumber().doubleValue(), 1e-5);
        }
    }

    @Test
    void aShiftOfTheWrongLengthIsRefusedNamingTheLayer() {
        ComputationGraph dnn = ConverterTest.oneLayer(1, 3, 3, 1, 1.0, 2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 3, 3);
        ThresholdStrategy wrong = ThresholdStrategy.named("wrong",
                (stats, t) -> LayerThreshold.of(stats.mu()).with(LayerAdjustment.biasShift(new double[] {1, 2})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Converter.convert(dnn,
                ConvertConfig.of(wrong, 2, x), ProgressListener.silent()));
        assertTrue(e.getMessage().contains("conv1") && e.getMessage().contains("3 output channels"), e.getMessage());
    }

    @Test
    void aNamedLambdaCanAskForSnnCalibration() {
        ComputationGraph dnn = SmallTrainedNet.get();
        INDArray x = SmallTrainedNet.calibrationImages();
        List<Boolean> seen = new ArrayList<>();
        ThresholdStrategy looking = (stats, t) -> {
            seen.add(stats.snn().isPresent());
            stats.snn().ifPresent(p -> {
                assertEquals(p.size(), p.preActivations().length);
                for (int i = 0; i < p.size(); i++) {
                    assertTrue(p.activations()[i] == Math.min(Math.max(p.preActivations()[i], 0), stats.mu())
                            || Math.abs(p.activations()[i] - Math.min(Math.max(p.preActivations()[i], 0), stats.mu()))
                            < 1e-5, "a = clip(z)");
                }
            });
            return LayerThreshold.of(stats.mu());
        };
        Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.snn("x", looking), 2, x).withSnnPairs(500),
                ProgressListener.silent());
        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().allMatch(b -> b), "SNN samples for every layer");
        seen.clear();
        Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.named("x", looking), 2, x),
                ProgressListener.silent());
        assertTrue(seen.stream().noneMatch(b -> b), "a plain named lambda stays in DNN mode");
        assertEquals(Calibration.SNN, ThresholdStrategy.named("x", ThresholdStrategy.fittedSnn()).calibration());
    }

    /**
     * After signal-fit, the SNN's mean per-step logits over the calibration images equal the DNN's mean logits:
     * the output layer's correction removes that drift exactly (the calibration images form whole batches that all
     * hold samples).
     */
    @Test
    void theOutputBiasCorrectionMatchesTheMeanLogits() {
        ComputationGraph dnn = SmallTrainedNet.get();
        INDArray x = SmallTrainedNet.calibrationImages();
        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.signalFit(), 2, x)
                .withSnnPairs(4000), ProgressListener.silent());
        INDArray snnLogits = c.snn().graph().feedForward(x, false).get(c.snn().logitsVertex());
        var acts = dnn.feedForward(x, false);
        String output = dnn.getConfiguration().getNetworkOutputs().get(0);
        String last = dnn.getConfiguration().getVertexInputs().get(output).get(0);
        INDArray in = acts.get(last);
        INDArray dnnLogits = in.reshape(in.size(0), -1).mmul(dnn.getLayer(output).getParam("W"));
        if (dnn.getLayer(output).paramTable().containsKey("b")) {
            dnnLogits.addiRowVector(dnn.getLayer(output).getParam("b"));
        }
        INDArray snnMean = snnLogits.mean(0);
        INDArray dnnMean = dnnLogits.mean(0);
        assertTrue(snnMean.equalsWithEps(dnnMean, 1e-4), snnMean + " vs " + dnnMean);
        assertFalse(snnMean.equalsWithEps(Nd4j.zeros(snnMean.shape()), 1e-3), "logits are not trivially zero");
    }

    /**
     * The error potential correction targets: per neuron, the SNN's mean output minus the DNN's mean activation over
     * the calibration images. With the chosen initial potentials it is smaller, in every layer, than with the same
     * threshold and shift alone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"potential-corrected", "signal-fit-pc"})
    void potentialCorrectionShrinksTheMeanErrorOfEveryLayer(String name) {
        List<double[]> errors = new ArrayList<>(); // per layer {without potentials, with}
        ThresholdStrategy pc = ThresholdStrategy.parse(name);
        ThresholdStrategy checked = ThresholdStrategy.snn("checked", (stats, t) -> {
            LayerThreshold chosen = pc.choose(stats, t);
            SnnProbe probe = stats.snnProbe().orElseThrow();
            double[] a = probe.dnnMeanActivation();
            LayerThreshold without = new LayerThreshold(chosen.theta(), chosen.v(), chosen.u0(),
                    LayerAdjustment.biasShift(chosen.adjustment().biasShift()));
            errors.add(new double[] {squaredError(a, probe.snnMeanOutput(without)),
                    squaredError(a, probe.snnMeanOutput(chosen))});
            return chosen;
        });
        Converter.convert(SmallTrainedNet.get(), ConvertConfig.of(checked, 2, SmallTrainedNet.calibrationImages())
                .withSnnPairs(2000), ProgressListener.silent());
        assertFalse(errors.isEmpty());
        for (double[] e : errors) {
            assertTrue(e[1] < e[0], "mean error " + e[0] + " -> " + e[1]);
        }
    }

    private static double squaredError(double[] a, double[] y) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - y[j]) * (a[j] - y[j]);
        }
        return s;
    }

    /** Offset-spike converts in DNN mode at T >= rho and refuses a shorter run, naming the layer. */
    @Test
    void offsetSpikeNeedsAtLeastRhoSteps() {
        ComputationGraph dnn = SmallTrainedNet.get();
        INDArray x = SmallTrainedNet.calibrationImages();
        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.offsetSpike(2), 2, x),
                ProgressListener.silent());
        SimulationResult sim = Simulator.run(c.snn(), SmallTrainedNet.testBatches(16), ProgressListener.silent());
        assertTrue(sim.finalAccuracy() > 0.25, "better than chance on 4 classes: " + sim.finalAccuracy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Converter.convert(dnn,
                ConvertConfig.of(ThresholdStrategy.offsetSpike(4), 2, x), ProgressListener.silent()));
        assertTrue(e.getMessage().contains("rho = 4") && e.getMessage().contains("layer"), e.getMessage());
    }

    @Test
    void theNewNamesParseAndRecommendedIsOneOfThem() {
        assertEquals("bias-corrected", ThresholdStrategy.parse("bias-corrected").name());
        assertEquals("signal-fit", ThresholdStrategy.parse(" Signal-Fit ").name());
        assertEquals("potential-corrected", ThresholdStrategy.parse("potential-corrected").name());
        assertEquals("signal-fit-pc", ThresholdStrategy.parse("signal-fit-pc").name());
        assertEquals("offset-spike", ThresholdStrategy.parse("offset-spike").name());
        assertEquals("offset-spike:2", ThresholdStrategy.parse("offset-spike:2").name());
        assertThrows(IllegalArgumentException.class, () -> ThresholdStrategy.parse("offset-spike:1.5"));
        ThresholdStrategy recommended = ThresholdStrategy.parse("recommended");
        assertEquals("recommended", recommended.name());
        assertEquals(Calibration.SNN, recommended.calibration());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ThresholdStrategy.parse("nope")).getMessage()
                .contains("signal-fit"));
    }

    /**
     * Smoke level, end to end on the small trained net at T = 2: the calibrations convert, report their time, and
     * signal-fit is at least as accurate as the paper's SNN-mode fit.
     */
    @Test
    void theCalibrationsConvertTheSmallTrainedNet() {
        ComputationGraph dnn = SmallTrainedNet.get();
        INDArray x = SmallTrainedNet.calibrationImages();
        Map<String, Double> accuracy = new HashMap<>();
        for (ThresholdStrategy s : List.of(ThresholdStrategy.fittedSnn(), ThresholdStrategy.biasCorrected(),
                ThresholdStrategy.potentialCorrected(), ThresholdStrategy.signalFit(), ThresholdStrategy.signalFitPc())) {
            ConversionResult c = Converter.convert(dnn, ConvertConfig.of(s, 2, x).withSnnPairs(4000),
                    ProgressListener.silent());
            assertTrue(c.calibrationSeconds() > 0, s.name());
            SimulationResult sim = Simulator.run(c.snn(), SmallTrainedNet.testBatches(16),
                    ProgressListener.silent());
            accuracy.put(s.name(), sim.finalAccuracy());
        }
        assertTrue(accuracy.get("signal-fit") >= accuracy.get("fitted-snn"), accuracy.toString());
    }
}
