package org.ullsnn.convert;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Chooses a spiking layer's {@link LayerThreshold} (theta, v, u0) from what calibration saw and the number of
 * time steps T (METHOD.md §4). A lambda is a strategy:
 * <pre>{@code
 * ThresholdStrategy mine = ThresholdStrategy.named("0.8 mu", (stats, t) -> LayerThreshold.of(0.8 * stats.mu()));
 * }</pre>
 * Built-ins:
 * <table>
 *   <caption>built-in strategies</caption>
 *   <tr><th>name</th><th>theta</th><th>v</th><th>u0</th></tr>
 *   <tr><td>{@code max-norm} (Diehl 2015)</td><td>max activation</td><td>same</td><td>0</td></tr>
 *   <tr><td>{@code percentile} (Rueckauer 2017)</td><td>p-th percentile of a (p = 99.9)</td><td>same</td><td>0</td></tr>
 *   <tr><td>{@code trained-clip}</td><td>mu</td><td>mu</td><td>0</td></tr>
 *   <tr><td>{@code half-shift}</td><td>mu</td><td>mu</td><td>theta / 2</td></tr>
 *   <tr><td>{@code fitted-dnn}, {@code fitted-snn} (this paper)</td><td>alpha mu</td><td>beta mu</td><td>0</td></tr>
 * </table>
 */
@FunctionalInterface
public interface ThresholdStrategy {

    /** The threshold of layer {@code stats.layer()} for a network run over {@code timesteps} steps. */
    LayerThreshold choose(LayerStats stats, int timesteps);

    /** A name for tables and provenance (a lambda's own {@code toString} says nothing). */
    default String name() {
        return "custom";
    }

    /**
     * Where this strategy's samples come from; SNN-mode calibration costs one DNN pass and about two T-step SNN
     * passes over the calibration images for the whole network.
     */
    default Calibration calibration() {
        return Calibration.DNN;
    }

    /**
     * Whether the choice may change with T. When it cannot, one simulation to T_max gives the whole
     * accuracy-vs-T curve; custom strategies are assumed to depend on T.
     */
    default boolean dependsOnTimesteps() {
        return true;
    }

    /** Gives a lambda a name. */
    static ThresholdStrategy named(String name, ThresholdStrategy strategy) {
        return new Named(name, strategy);
    }

    /** theta = v = the largest activation seen (Diehl et al. 2015). */
    static ThresholdStrategy maxNorm() {
        return new MaxNorm();
    }

    /** theta = v = the p-th percentile (0 &lt; p &lt;= 100) of the activations (Rueckauer et al. 2017). */
    static ThresholdStrategy percentile(double p) {
        return new Percentile(p);
    }

    /** theta = v = the trained clip mu. */
    static ThresholdStrategy trainedClip() {
        return new TrainedClip();
    }

    /** theta = v = mu, u0 = theta / 2: the uniform-error correction (Deng &amp; Gu; QCFS). */
    static ThresholdStrategy halfShift() {
        return new HalfShift();
    }

    /** The paper's strategy fitted on DNN samples, default grid, c = 1. */
    static ThresholdStrategy fittedDnn() {
        return new DistributionFitted(AlphaGrid.defaults(), 1.0, Calibration.DNN);
    }

    /** The paper's strategy fitted in SNN sequential-calibration mode, default grid, c = 1. */
    static ThresholdStrategy fittedSnn() {
        return new DistributionFitted(AlphaGrid.defaults(), 1.0, Calibration.SNN);
    }

    /** All built-ins with their defaults, in table order. */
    static List<ThresholdStrategy> builtIns() {
        return List.of(maxNorm(), percentile(Percentile.DEFAULT_P), trainedClip(), halfShift(), fittedDnn(),
                fittedSnn());
    }

    /**
     * Parses a built-in's name: {@code max-norm}, {@code percentile} or {@code percentile:99.99},
     * {@code trained-clip}, {@code half-shift}, {@code fitted-dnn}, {@code fitted-snn}, and {@code fitted-dnn:1.3} or
     * {@code fitted-dnn(c=1.3)} for the factor c on v (likewise fitted-snn); {@code all} is not a
     * strategy (callers expand it to {@link #builtIns()}).
     */
    static ThresholdStrategy parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("percentile:")) {
            return percentile(number(text, s.substring("percentile:".length())));
        }
        for (Calibration calibration : Calibration.values()) {
            // fitted-dnn:1.3 and the name form fitted-dnn(c=1.3) both set the factor c on v
            String base = calibration == Calibration.SNN ? "fitted-snn" : "fitted-dnn";
            if (s.startsWith(base + ":")) {
                return new DistributionFitted(AlphaGrid.defaults(), number(text, s.substring(base.length() + 1)),
                        calibration);
            }
            if (s.startsWith(base + "(c=") && s.endsWith(")")) {
                return new DistributionFitted(AlphaGrid.defaults(),
                        number(text, s.substring(base.length() + 3, s.length() - 1)), calibration);
            }
        }
        for (ThresholdStrategy b : builtIns()) {
            if (b.name().equals(s) || (b instanceof Percentile && s.equals("percentile"))) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + text + "'; built-ins: "
                + builtIns().stream().map(ThresholdStrategy::name).collect(Collectors.joining(", "))
                + " (percentile:P for another percentile, fitted-dnn:C or fitted-snn:C for a factor C on v)");
    }

    private static double number(String text, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strategy '" + text + "': '" + value + "' is not a number", e);
        }
    }

    /** A strategy with a name. */
    record Named(String name, ThresholdStrategy strategy) implements ThresholdStrategy {
        public Named {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a strategy name must not be blank");
            }
        }

        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            return strategy.choose(stats, timesteps);
        }

        @Override
        public Calibration calibration() {
            return strategy.calibration();
        }

        @Override
        public boolean dependsOnTimesteps() {
            return strategy.dependsOnTimesteps();
        }
    }

    /** Max-norm. */
    record MaxNorm() implements ThresholdStrategy {
        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            return LayerThreshold.of(stats.maxActivation());
        }

        @Override
        public String name() {
            return "max-norm";
        }

        @Override
        public boolean dependsOnTimesteps() {
            return false;
        }
    }

    /**
     * Robust normalisation: the p-th percentile of the activations {@code a = clip(z, 0, mu)} over all values
     * (zeros included, as SpikingJelly does), Hyndman-Fan type 7.
     */
    record Percentile(double p) implements ThresholdStrategy {
        /** Rueckauer et al.'s default. */
        public static final double DEFAULT_P = 99.9;

        public Percentile {
            if (!(p > 0 && p <= 100)) {
                throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
            }
        }

        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            return LayerThreshold.of(stats.activationPercentile(p));
        }

        @Override
        public String name() {
            return p == DEFAULT_P ? "percentile" : "percentile:" + p;
        }

        @Override
        public boolean dependsOnTimesteps() {
            return false;
        }
    }

    /** Trained clip (TCL). */
    record TrainedClip() implements ThresholdStrategy {
        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            return LayerThreshold.of(stats.mu());
        }

        @Override
        public String name() {
            return "trained-clip";
        }

        @Override
        public boolean dependsOnTimesteps() {
            return false;
        }
    }

    /** Half-threshold shift: the uniform-assumption optimum. */
    record HalfShift() implements ThresholdStrategy {
        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            double mu = stats.mu();
            return new LayerThreshold(mu, mu, mu / 2);
        }

        @Override
        public String name() {
            return "half-shift";
        }

        @Override
        public boolean dependsOnTimesteps() {
            return false;
        }
    }

    /**
     * The distribution-fitted strategy (this paper): theta = alpha mu, v = c beta mu, u0 = 0, with (alpha, beta)
     * from {@link AlphaBetaFit} per layer and per T, spike counts under the network's reset
     * ({@link LayerStats#reset()}).
     *
     * <p>The closed-form beta is a least-squares fit through the origin, a shrinkage estimate: on
     * zero-inflated pre-activations its mean error {@code mean(y - a)} is negative (about -0.05 to -0.07 per
     * layer on our VGG-16 at width 0.25 with T = 2). In a deep net that bias compounds: each layer's output is
     * too small, the next fires less, and at T = 2 the last hidden layers of that VGG-16 fell almost silent (test
     * accuracy near chance). A factor {@code c > 1} on v offsets it; the authors' code uses 1.3 for VGG.
     *
     * @param grid        the alpha grid
     * @param c           extra factor on v; the authors' code hard-codes 1.3 (VGG) or 1.5 (ResNet), METHOD.md
     *                    keeps it an option with default 1
     * @param calibration DNN samples or SNN sequential calibration
     */
    record DistributionFitted(AlphaGrid grid, double c, Calibration calibration) implements ThresholdStrategy {
        public DistributionFitted {
            if (grid == null || calibration == null) {
                throw new IllegalArgumentException("grid and calibration must be set");
            }
            if (!(c > 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("the factor c must be finite and > 0, got " + c);
            }
        }

        /** The fitted (alpha, beta) of a layer. */
        public AlphaBeta fit(LayerStats stats, int timesteps) {
            if (calibration == Calibration.SNN) {
                PairedSamples pairs = stats.snn().orElseThrow(() -> new IllegalStateException("layer "
                        + stats.layer() + ": the SNN-mode fit needs paired SNN samples, which the Converter collects "
                        + "for strategies whose calibration() is SNN"));
                return AlphaBetaFit.fitSnn(stats.layer(), pairs, stats.mu(), grid, stats.reset());
            }
            return AlphaBetaFit.fitDnn(stats.layer(), stats.distribution().samples(), stats.mu(), timesteps, grid,
                    stats.reset());
        }

        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            AlphaBeta ab = fit(stats, timesteps);
            double mu = stats.mu();
            return new LayerThreshold(ab.alpha() * mu, c * ab.beta() * mu, 0);
        }

        @Override
        public String name() {
            String base = calibration == Calibration.SNN ? "fitted-snn" : "fitted-dnn";
            return c == 1.0 ? base : base + String.format(Locale.ROOT, "(c=%s)", c);
        }
    }

    /** The names of the built-ins, for help texts. */
    static String builtInNames() {
        return Arrays.toString(builtIns().stream().map(ThresholdStrategy::name).toArray());
    }
}
