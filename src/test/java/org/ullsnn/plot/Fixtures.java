package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.LayerConversion;
import org.ullsnn.convert.LayerThreshold;
import org.ullsnn.experiment.ConversionSweep;
import org.ullsnn.snn.LayerSpikes;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.stats.CaptureConfig;
import org.ullsnn.stats.LayerDistribution;
import org.ullsnn.stats.NetworkDistribution;

/** Small synthetic inputs for the chart tests: seeded pre-activations and a hand-built sweep. */
final class Fixtures {

    static final long SEED = 20220314L;
    static final List<String> LAYERS = List.of("conv1_act", "conv2_act");
    static final double MU = 2.0;
    static final double DNN_ACCURACY = 0.9;

    private Fixtures() {
    }

    /**
     * {@code n} values of z: a share {@code p0} at or below zero (minus a half-normal), the rest exponential with
     * mean {@code mean}.
     */
    static LayerDistribution layer(String name, double mu, int n, double p0, double mean, long seed) {
        Random r = new Random(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = r.nextDouble() < p0 ? -Math.abs(r.nextGaussian()) : -mean * Math.log(1 - r.nextDouble());
        }
        return LayerDistribution.of(name, mu, z, 40);
    }

    static NetworkDistribution network() {
        List<LayerDistribution> layers = new ArrayList<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            layers.add(layer(LAYERS.get(i), MU, 3000, 0.4 + 0.1 * i, 0.6 + 0.2 * i, SEED + i));
        }
        return new NetworkDistribution(layers, 16, CaptureConfig.defaults());
    }

    /**
     * Two strategies at T = 1 and 2 over {@link #LAYERS}: {@code max-norm} (theta = v = mu, accuracy 0.3 then 0.6)
     * and {@code half-shift} (u0 = theta / 2, accuracy 0.5 then 0.8).
     */
    static ConversionSweep.Result sweep() {
        List<ConversionSweep.Cell> cells = new ArrayList<>();
        for (int t = 1; t <= 2; t++) {
            cells.add(cell("max-norm", t, 0, 0.3 * t));
            cells.add(cell("half-shift", t, 0.5, 0.3 * t + 0.2));
        }
        return new ConversionSweep.Result(DNN_ACCURACY, cells, List.of());
    }

    private static ConversionSweep.Cell cell(String strategy, int t, double shift, double accuracy) {
        List<LayerConversion> layers = new ArrayList<>();
        List<LayerSpikes> spikes = new ArrayList<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            double theta = MU * (1 - 0.1 * i);
            layers.add(new LayerConversion(LAYERS.get(i), MU, new LayerThreshold(theta, 0.9 * theta, shift * theta),
                    0.4, 0.5, 0.1));
            long[] perStep = new long[t];
            java.util.Arrays.fill(perStep, 100L * (i + 1) + (shift > 0 ? 50 : 0));
            spikes.add(new LayerSpikes(LAYERS.get(i), 100, 10, perStep));
        }
        double[] accuracyAt = new double[t];
        for (int k = 0; k < t; k++) {
            accuracyAt[k] = accuracy * (k + 1) / t;
        }
        return new ConversionSweep.Cell(strategy, t, new ConversionResult(null, strategy, t, layers),
                new SimulationResult(t, 10, accuracyAt, spikes, List.of(), List.of()));
    }
}
