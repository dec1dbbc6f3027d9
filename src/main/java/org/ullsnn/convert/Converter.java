package org.ullsnn.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.ResetMode;
import org.ullsnn.snn.SpikingNetwork;
import org.ullsnn.stats.DistributionCapture;
import org.ullsnn.stats.LayerDistribution;
import org.ullsnn.stats.NetworkDistribution;

/**
 * Converts a trained DNN into a spiking network, one layer at a time, as a pure function: the DNN is read,
 * never changed.
 * <pre>
 * validate (ConversionPlan) -&gt; capture DNN pre-activations -&gt; [SNN mode: one DNN pass, sample positions]
 * -&gt; for each spiking layer l in order:
 *     [SNN mode: build layers 1..l-1, run the segment from cached spikes to l's current, collect paired samples]
 *     -&gt; strategy.choose(stats, T) -&gt; check
 * -&gt; build the SNN (batch norm folded, v folded into the next weights)
 * </pre>
 * Errors name the layer: an unknown DNN vertex type, T &lt; 1, a strategy that fails or returns a NaN or
 * non-positive threshold.
 */
public final class Converter {

    private static final Logger LOG = LoggerFactory.getLogger(Converter.class);

    private Converter() {
    }

    /**
     * Checks that {@code dnn} is a network the converter takes (its layer types and their order), without converting.
     *
     * @throws IllegalArgumentException naming the first vertex the converter cannot handle
     */
    public static void requireConvertible(ComputationGraph dnn) {
        ConversionPlan.of(dnn);
    }

    /** Captures the DNN's pre-activations on the calibration images, then converts. */
    public static ConversionResult convert(ComputationGraph dnn, ConvertConfig config, ProgressListener progress) {
        ConversionPlan.of(dnn); // fail on an unsupported network before the capture
        NetworkDistribution distribution = DistributionCapture.run(dnn, config.calibrationImages(), config.capture(),
                progress);
        return convert(dnn, distribution, config, progress);
    }

    /**
     * Converts with an existing capture (one capture serves every strategy and T of a sweep).
     *
     * @throws IllegalArgumentException naming the vertex or layer that cannot be converted
     */
    public static ConversionResult convert(ComputationGraph dnn, NetworkDistribution distribution,
            ConvertConfig config, ProgressListener progress) {
        long start = System.nanoTime();
        ConversionPlan plan = ConversionPlan.of(dnn);
        INDArray images = config.calibrationImages();
        InputType inputType = InputType.convolutional(images.size(2), images.size(3), images.size(1));
        ThresholdStrategy strategy = config.strategy();
        int steps = config.timesteps();
        List<String> names = plan.spikingLayers();
        Map<String, LayerThreshold> chosen = new LinkedHashMap<>();
        List<LayerConversion> layers = new ArrayList<>();
        String task = "convert " + strategy.name() + " T=" + steps;
        boolean snnMode = strategy.calibration() == Calibration.SNN;
        double snnPasses = 0;
        if (strategy.correctsOutputBias() && !snnMode) {
            throw new IllegalArgumentException("strategy '" + strategy.name() + "' corrects the output bias, which "
                    + "needs SNN calibration, but its calibration() is DNN");
        }
        double[] outputShift = strategy.correctsOutputBias() ? new double[0] : null;
        try (SnnCalibration calibration = snnMode ? SnnCalibration.start(dnn, names, images,
                config.capture().batchSize(), config.snnPairs(), config.seed()) : null) {
            if (outputShift != null) {
                calibration.expectOutputCorrection(SnnBuilder.build(plan, inputType, steps, chosen, config.reset(),
                        config.countMaxPool()));
            }
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                LayerDistribution d = distribution.layer(name);
                PairedSamples pairs = null;
                SnnProbe probe = null;
                if (snnMode) {
                    SpikingNetwork partial = SnnBuilder.build(plan, inputType, steps, chosen, config.reset(),
                            config.countMaxPool());
                    pairs = calibration.collect(partial, name);
                    probe = probe(calibration, plan, inputType, steps, chosen, config, name);
                }
                LayerStats stats = new LayerStats(name, i, d, pairs, config.reset(), probe);
                LayerThreshold threshold = choose(strategy, stats, steps);
                chosen.put(name, threshold);
                layers.add(new LayerConversion(name, stats.mu(), threshold, d.fractionAtOrBelowZero(),
                        d.fractionInside(), d.fractionClipped()));
                progress.onProgress(ProgressEvent.of(task, i + 1, names.size(), "layer", name));
            }
            if (outputShift != null) {
                outputShift = calibration.meanLogitShift(SnnBuilder.build(plan, inputType, steps, chosen,
                        config.reset(), config.countMaxPool()));
                LOG.info(String.format(Locale.ROOT, "convert strategy=%s T=%d: output bias shift norm %.4g",
                        strategy.name(), steps, LayerAdjustment.biasShift(outputShift).biasShiftNorm()));
            }
            snnPasses = snnMode ? calibration.passes() : 0;
        }
        SpikingNetwork snn = SnnBuilder.build(plan, inputType, steps, chosen, config.reset(), config.countMaxPool(),
                outputShift);
        progress.onProgress(ProgressEvent.done(task, names.size(), names.size(), "layer", ""));
        if (config.weightCalibration() != null) {
            snn = WeightCalibration.run(dnn, snn, layers, images, steps, config.weightCalibration(), progress).snn();
        }
        long elapsed = System.nanoTime() - start;
        LOG.info(String.format(Locale.ROOT, "convert strategy=%s T=%d layers=%d calibration=%s images=%d%s "
                + "elapsed_ms=%d", config.label(), steps, names.size(), strategy.calibration(), images.size(0),
                snnMode ? String.format(Locale.ROOT, " snn_passes=%.2f", snnPasses) : "", elapsed / 1_000_000));
        return new ConversionResult(snn, config.label(), steps, layers, elapsed / 1e9);
    }

    /** The probe of layer {@code name}: a candidate is tried on the network converted so far plus that candidate. */
    private static SnnProbe probe(SnnCalibration calibration, ConversionPlan plan, InputType inputType, int steps,
            Map<String, LayerThreshold> chosen, ConvertConfig config, String name) {
        return new SnnProbe() {
            @Override
            public double[] snnMeanOutput(LayerThreshold candidate) {
                Map<String, LayerThreshold> withCandidate = new LinkedHashMap<>(chosen);
                withCandidate.put(name, candidate);
                return calibration.snnMeanOutput(SnnBuilder.build(plan, inputType, steps, withCandidate, config.reset(),
                        config.countMaxPool()), name,
                        candidate.v());
            }

            @Override
            public double[] dnnMeanActivation() {
                return calibration.dnnMeanActivation(name);
            }
        };
    }

    private static LayerThreshold choose(ThresholdStrategy strategy, LayerStats stats, int steps) {
        LayerThreshold threshold;
        try {
            threshold = strategy.choose(stats, steps);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("strategy '" + strategy.name() + "' failed on layer '" + stats.layer()
                    + "' (T = " + steps + "): " + e.getMessage(), e);
        }
        if (threshold == null) {
            throw new IllegalArgumentException("strategy '" + strategy.name() + "' returned no threshold for layer '"
                    + stats.layer() + "'");
        }
        return threshold;
    }
}
