package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.nn.layers.ClipReLULayer;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.ResetMode;
import org.ullsnn.snn.TimeFolding;

class ConverterTest {

    /** input [N, C, S, S] -> conv (k x k) -> ClipReLU(mu) -> softmax output: the "one-layer" network. */
    static ComputationGraph oneLayer(int channels, int size, int filters, int kernel, double mu, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new NoOp()).convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(size, size, channels))
                .addLayer("conv1", new ConvolutionLayer.Builder(kernel, kernel).nOut(filters).hasBias(false)
                        .activation(Activation.IDENTITY).weightInit(new NormalDistribution(0, 1)).build(), "input")
                .addLayer("conv1_act", new ClipReLULayer.Builder().initialMu(mu).build(), "conv1")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).hasBias(false).weightInit(new NormalDistribution(0, 1)).build(),
                        "conv1_act")
                .setOutputs("output").build();
        return Graphs.init(conf);
    }

    /**
     * Exactness 1 (issue 3): with constant input, theta = v = mu and u0 = theta / 2 (the half-shift strategy),
     * the SNN's spike counts equal the T-level rounded clip of the DNN pre-activation, so its time-averaged
     * logits equal the DNN's logits computed through that quantised activation.
     */
    @RepeatedTest(value = 8, name = "random layer {currentRepetition}")
    void oneLayerSnnEqualsTheQuantisedClip(RepetitionInfo info) {
        Random r = new Random(77 + info.getCurrentRepetition());
        int channels = 1 + r.nextInt(3);
        int size = 2 + r.nextInt(3);
        int filters = 1 + r.nextInt(4);
        int kernel = 1 + 2 * r.nextInt(2);
        double mu = 0.5 + 3 * r.nextDouble();
        int steps = 1 + r.nextInt(8);
        ComputationGraph dnn = oneLayer(channels, size, filters, kernel, mu, r.nextLong());
        Nd4j.getRandom().setSeed(r.nextLong());
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, channels, size, size).muli(0.7);

        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.halfShift(), steps, x),
                ProgressListener.silent());
        var acts = c.snn().graph().feedForward(x, false);
        INDArray spikes = acts.get("conv1_act");
        INDArray z = dnn.feedForward(x, false).get("conv1").castTo(DataType.DOUBLE);
        long perSample = z.length() / 5;
        INDArray count = spikes.reshape('c', steps, 5 * perSample).sum(0).reshape('c', z.shape());
        int compared = 0;
        for (long i = 0; i < z.length(); i++) {
            double q = steps * z.getDouble(i) / mu + 0.5;
            if (Math.abs(q - Math.rint(q)) < 1e-4) {
                continue; // float rounding may land on either side of an exact rounding boundary
            }
            double expected = Math.min(steps, Math.max(0, Math.floor(q)));
            assertEquals(expected, count.getDouble(i), 0, "element " + i + " z=" + z.getDouble(i));
            compared++;
        }
        assertTrue(compared > z.length() * 0.95, "compared " + compared + " of " + z.length());

        // logits: sum_t W (mu s_t) / T  ==  W (mu/T) N_T  ==  W qclip(z)
        INDArray snnLogits = acts.get("output_sum").div(steps);
        INDArray quantised = count.mul(mu / steps).reshape(5, perSample);
        INDArray expectedLogits = quantised.castTo(DataType.FLOAT).mmul(dnn.getLayer("output").getParam("W"));
        assertTrue(snnLogits.equalsWithEps(expectedLogits, 1e-3), snnLogits + " vs " + expectedLogits);
    }

    /** Exactness 2 (issue 3): on a small trained net, the SNN's outputs approach the DNN's as T grows. */
    @Test
    void outputsConvergeToTheDnnAsTGrows() {
        ComputationGraph dnn = SmallTrainedNet.get();
        INDArray x = SmallTrainedNet.testImages();
        INDArray dnnOut = dnn.outputSingle(false, x);
        double previous = Double.POSITIVE_INFINITY;
        List<Double> gaps = new ArrayList<>();
        for (int steps : new int[] {1, 4, 16, 64}) {
            ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.trainedClip(), steps,
                    SmallTrainedNet.calibrationImages()), ProgressListener.silent());
            INDArray snnOut = c.snn().graph().outputSingle(false, x); // softmax of the summed logits
            INDArray dnnLogits = SmallTrainedNet.logits(dnn, x);
            INDArray snnLogits = c.snn().graph().feedForward(x, false).get("output_sum").div(steps);
            double gap = snnLogits.sub(dnnLogits).norm2Number().doubleValue() / dnnLogits.norm2Number().doubleValue();
            gaps.add(gap);
            assertTrue(snnOut.argMax(1).eq(dnnOut.argMax(1)).castTo(DataType.INT).sumNumber().intValue() >= 0);
        }
        for (double g : gaps) {
            assertTrue(g < previous + 1e-9, "relative logit gap must shrink with T: " + gaps);
            previous = g;
        }
        assertTrue(gaps.get(gaps.size() - 1) < 0.1, "at T = 64 the SNN is within 10 % of the DNN: " + gaps);
    }

    @Test
    void conversionLeavesTheDnnUnchanged() {
        ComputationGraph dnn = SmallTrainedNet.get();
        INDArray params = dnn.params().dup();
        String json = dnn.getConfiguration().toJson();
        INDArray x = SmallTrainedNet.testImages();
        INDArray before = dnn.outputSingle(false, x);
        Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.fittedSnn(), 2, SmallTrainedNet.calibrationImages())
                .withSnnPairs(2000), ProgressListener.silent());
        assertEquals(params, dnn.params());
        assertEquals(json, dnn.getConfiguration().toJson());
        assertEquals(before, dnn.outputSingle(false, x));
    }

    @Test
    void strategyIsAskedLayerByLayerInOrder() {
        ComputationGraph dnn = SmallTrainedNet.get();
        List<String> asked = new ArrayList<>();
        ThresholdStrategy recording = (stats, t) -> {
            asked.add(stats.index() + ":" + stats.layer());
            return LayerThreshold.of(stats.mu());
        };
        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(recording, 3, SmallTrainedNet.calibrationImages()),
                ProgressListener.silent());
        assertEquals(List.of("0:conv1_act", "1:conv2_act", "2:fc1_act"), asked);
        assertEquals(List.of("conv1_act", "conv2_act", "fc1_act"),
                c.snn().spikingLayers().stream().map(l -> l.name()).toList());
        assertEquals(3, c.toTable().rowCount());
    }

    @Test
    void snnModeSeesTheCurrentsOfTheConvertedLayersBefore() {
        ComputationGraph dnn = SmallTrainedNet.get();
        List<LayerStats> seen = new ArrayList<>();
        ThresholdStrategy spy = new ThresholdStrategy() {
            @Override
            public LayerThreshold choose(LayerStats stats, int timesteps) {
                seen.add(stats);
                return LayerThreshold.of(stats.mu());
            }

            @Override
            public Calibration calibration() {
                return Calibration.SNN;
            }
        };
        Converter.convert(dnn, ConvertConfig.of(spy, 4, SmallTrainedNet.calibrationImages()).withSnnPairs(500),
                ProgressListener.silent());
        PairedSamples first = seen.get(0).snn().orElseThrow();
        PairedSamples second = seen.get(1).snn().orElseThrow();
        assertEquals(500, first.size());
        assertEquals(4, first.timesteps());
        for (double[] series : first.currents()) { // the first layer's current is the constant image drive
            for (double c : series) {
                assertEquals(series[0], c, 1e-5);
            }
        }
        boolean varies = false;
        for (double[] series : second.currents()) { // behind spiking neurons the current changes over time
            for (double c : series) {
                varies |= Math.abs(c - series[0]) > 1e-6;
            }
        }
        assertTrue(varies);
    }

    @Test
    void fittedStrategiesConvertTheSmallNetInBothModes() {
        ComputationGraph dnn = SmallTrainedNet.get();
        for (ThresholdStrategy s : List.of(ThresholdStrategy.fittedDnn(), ThresholdStrategy.fittedSnn())) {
            ConversionResult c = Converter.convert(dnn, ConvertConfig.of(s, 2, SmallTrainedNet.calibrationImages())
                    .withSnnPairs(5000), ProgressListener.silent());
            for (LayerConversion l : c.layers()) {
                assertTrue(l.alpha() > 0 && l.alpha() <= 1.5 && l.beta() > 0, s.name() + " " + l);
            }
        }
    }

    /**
     * With {@code --reset ZERO} the fitted strategies fit (alpha, beta) to the spike counts of reset-to-zero neurons
     * (the neurons the network is built with), in both calibration modes; at T = 4 these differ from the counts
     * under reset by subtraction, and so does at least one layer's fit.
     */
    @ParameterizedTest(name = "{0} mode")
    @EnumSource(Calibration.class)
    void fittedThresholdsAreFittedUnderTheNetworksReset(Calibration mode) {
        int steps = 4;
        ThresholdStrategy fitted = mode == Calibration.SNN ? ThresholdStrategy.fittedSnn()
                : ThresholdStrategy.fittedDnn();
        List<LayerStats> seen = new ArrayList<>();
        ThresholdStrategy spy = new ThresholdStrategy() {
            @Override
            public LayerThreshold choose(LayerStats stats, int timesteps) {
                seen.add(stats);
                return fitted.choose(stats, timesteps);
            }

            @Override
            public Calibration calibration() {
                return fitted.calibration();
            }
        };
        ConversionResult c = Converter.convert(SmallTrainedNet.get(), ConvertConfig.of(spy, steps,
                SmallTrainedNet.calibrationImages()).withSnnPairs(3000).withReset(ResetMode.ZERO),
                ProgressListener.silent());
        AlphaGrid grid = AlphaGrid.defaults();
        boolean resetMatters = false;
        for (int i = 0; i < seen.size(); i++) {
            LayerStats s = seen.get(i);
            assertEquals(ResetMode.ZERO, s.reset(), s.layer());
            AlphaBeta[] ab = new AlphaBeta[2];
            for (ResetMode r : ResetMode.values()) {
                ab[r.ordinal()] = mode == Calibration.SNN
                        ? ScalarAlphaBetaFit.fitSnn(s.layer(), s.snnSamples(), s.mu(), grid, r)
                        : ScalarAlphaBetaFit.fitDnn(s.layer(), s.distribution().samples(), s.mu(), steps, grid, r);
            }
            AlphaBeta zero = ab[ResetMode.ZERO.ordinal()];
            AlphaBeta subtract = ab[ResetMode.SUBTRACT.ordinal()];
            LayerThreshold th = c.layers().get(i).threshold();
            assertEquals(zero.alpha() * s.mu(), th.theta(), 0, s.layer() + ": theta fitted under reset to zero");
            assertEquals(zero.beta() * s.mu(), th.v(), 1e-12 * th.v(), s.layer() + ": v fitted under reset to zero");
            resetMatters |= zero.alpha() != subtract.alpha() || Math.abs(zero.beta() - subtract.beta()) > 1e-9;
            assertEquals(ResetMode.ZERO, c.snn().dynamics(s.layer()).reset(), s.layer());
        }
        assertEquals(c.layers().size(), seen.size());
        assertTrue(resetMatters, "the reset changes the fit of at least one layer");
    }

    @Test
    void batchNormIsFoldedIntoTheConvolution() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.TINY, 4).withInput(3, 8).withBatchNorm(true)
                .withConvDropout(0).withFcDropout(0);
        ComputationGraph dnn = Networks.build(spec, new NoOp(), 0, 5);
        Random r = new Random(5);
        for (String bn : List.of("conv1_bn", "conv2_bn")) { // give the BN layers non-trivial statistics
            var layer = dnn.getLayer(bn);
            layer.paramTable().forEach((k, v) -> {
                for (long i = 0; i < v.length(); i++) {
                    v.putScalar(i, k.equals("gamma") ? 0.5 + r.nextDouble() : k.equals("log10stdev")
                            ? -0.3 + 0.6 * r.nextDouble() : r.nextGaussian() * 0.3);
                }
            });
        }
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 3, 8, 8);
        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.trainedClip(), 1, x),
                ProgressListener.silent());
        INDArray expected = dnn.feedForward(x, false).get("conv1_bn");
        INDArray folded = c.snn().graph().feedForward(x, false).get("conv1");
        assertTrue(folded.equalsWithEps(expected, 1e-4), "conv with folded BN equals conv + BN");
    }

    @Test
    void resnetShortcutsCarryTheSpikeScale() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.RESNET20, 10).withWidth(1.0 / 16).withConvDropout(0);
        ComputationGraph dnn = Networks.build(spec, new NoOp(), 0, 9);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 32, 32);
        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.maxNorm(), 2, x),
                ProgressListener.silent());
        var vertices = c.snn().graph().getConfiguration().getVertices();
        assertTrue(vertices.containsKey("s1b1_add_scale1"), "identity shortcut of s1b1 is scaled by v");
        assertTrue(vertices.containsKey("s2b1_short") && !vertices.containsKey("s2b1_add_scale1"),
                "a 1x1 shortcut conv has v folded into its weights instead");
        double v = c.layers().stream().filter(l -> l.layer().equals("conv3_act")).findFirst().orElseThrow()
                .threshold().v();
        assertEquals(v, ((org.deeplearning4j.nn.conf.graph.ScaleVertex) vertices.get("s1b1_add_scale1"))
                .getScaleFactor(), 1e-9);
        INDArray logits = c.snn().graph().feedForward(x, false).get(c.snn().logitsVertex());
        assertArrayEquals(new long[] {2 * 4, 10}, logits.shape());
    }

    @Test
    void unsupportedLayersAreNamedWithTheirType() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("c", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY).build(), "input")
                .addLayer("weird", new ActivationLayer.Builder().activation(Activation.TANH).build(), "c")
                .addLayer("output", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "weird")
                .setOutputs("output").build();
        ComputationGraph dnn = Graphs.init(conf);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Converter.convert(dnn,
                ConvertConfig.of(ThresholdStrategy.maxNorm(), 2, Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4)),
                ProgressListener.silent()));
        assertTrue(e.getMessage().contains("'weird'") && e.getMessage().contains("ActivationLayer"), e.getMessage());

        ComputationGraphConfiguration avg = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("c", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY).build(), "input")
                .addLayer("a", new ClipReLULayer.Builder().build(), "c")
                .addLayer("p", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).build(), "a")
                .addLayer("output", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "p")
                .setOutputs("output").build();
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Converter.convert(
                Graphs.init(avg), ConvertConfig.of(ThresholdStrategy.maxNorm(), 2, Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4)),
                ProgressListener.silent()));
        assertTrue(e2.getMessage().contains("'p'") && e2.getMessage().contains("AVG"), e2.getMessage());
    }

    @Test
    void badThresholdsAndTAreRefusedNamingTheLayer() {
        ComputationGraph dnn = SmallTrainedNet.get();
        INDArray x = SmallTrainedNet.calibrationImages();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ConvertConfig.of(ThresholdStrategy.maxNorm(), 0, x)).getMessage().contains("got 0"));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> Converter.convert(dnn,
                ConvertConfig.of((s, t) -> LayerThreshold.of(Double.NaN), 2, x), ProgressListener.silent()));
        assertTrue(nan.getMessage().contains("layer 'conv1_act'") && nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> Converter.convert(dnn,
                ConvertConfig.of((s, t) -> s.index() == 1 ? LayerThreshold.of(-0.5) : LayerThreshold.of(1), 2, x),
                ProgressListener.silent()));
        assertTrue(negative.getMessage().contains("layer 'conv2_act'") && negative.getMessage().contains("-0.5"),
                negative.getMessage());
    }

    @Test
    void spikesOfAConvertedNetworkAreBinaryAndTimeFolded() {
        ComputationGraph dnn = SmallTrainedNet.get();
        INDArray x = SmallTrainedNet.testImages();
        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.fittedDnn(), 3,
                SmallTrainedNet.calibrationImages()), ProgressListener.silent());
        var acts = c.snn().graph().feedForward(x, false);
        for (var l : c.snn().spikingLayers()) {
            INDArray s = acts.get(l.name());
            assertEquals(3 * x.size(0), s.size(0));
            assertEquals(s.length(), s.eq(0).castTo(DataType.INT).sumNumber().longValue()
                    + s.eq(1).castTo(DataType.INT).sumNumber().longValue(), l.name());
        }
        assertEquals(TimeFolding.samples(acts.get(c.snn().logitsVertex()).size(0), 3), x.size(0));
    }

    @Test
    void simulationCountsSpikesAfterMaxPoolsToo() {
        ConversionResult c = Converter.convert(SmallTrainedNet.get(), ConvertConfig.of(ThresholdStrategy.trainedClip(), 2,
                SmallTrainedNet.calibrationImages()), ProgressListener.silent());
        assertEquals(List.of("pool1", "pool2"), c.snn().spikingPools());
        var r = org.ullsnn.snn.Simulator.run(c.snn(), SmallTrainedNet.testBatches(32), ProgressListener.silent());
        assertEquals(List.of("pool1", "pool2"), r.pooled().stream().map(l -> l.layer()).toList());
        var act = r.spikesOf("conv1_act");
        var pool = r.spikesOf("pool1");
        assertEquals(act.neuronsPerSample() / 4, pool.neuronsPerSample());
        assertTrue(pool.spikes() <= act.spikes() && pool.spikes() * 4 >= act.spikes(),
                "a 2x2 max-pool over binary spikes keeps between a quarter and all of them");
        assertThrows(IllegalArgumentException.class, () -> r.spikesOf("conv1"));
    }
}
