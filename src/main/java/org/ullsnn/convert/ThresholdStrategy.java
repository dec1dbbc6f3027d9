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
 * Beyond the paper (SNN-side calibration, {@link #calibrations()}), each also shifts the layer's input current per
 * channel ({@link LayerAdjustment}):
 * <table>
 *   <caption>SNN-side calibrations</caption>
 *   <tr><th>name</th><th>theta</th><th>v</th><th>u0</th><th>current shift per channel</th></tr>
 *   <tr><td>{@code bias-corrected} (Li et al. 2021)</td><td>MMSE grid on a</td><td>theta</td><td>0</td>
 *       <td>theta/(2T) + mean a - mean SNN output</td></tr>
 *   <tr><td>{@code potential-corrected} (Li et al. 2021)</td><td>MMSE grid on a</td><td>theta</td>
 *       <td>0, plus per neuron T (mean a - mean SNN output) at t = 0</td><td>theta/(2T)</td></tr>
 *   <tr><td>{@code offset-spike[:RHO]} (Hao et al. 2023)</td><td>mu</td><td>mu</td>
 *       <td>theta/2, moved per sample and neuron after a RHO-step pre-run</td><td>none</td></tr>
 *   <tr><td>{@code signal-fit} (ours)</td><td>corr-max alpha mu</td><td>T var(a)/cov(a, N)</td>
 *       <td>corr-max kappa theta</td><td>mean z - mean SNN current</td></tr>
 *   <tr><td>{@code signal-fit-pc} (ours + Li)</td><td colspan="3">signal-fit, plus per neuron
 *       T (theta/v) (mean a - mean SNN output) at t = 0</td><td>as signal-fit</td></tr>
 * </table>
 * A custom strategy that needs the paired SNN samples asks for them with {@link #snn(String, ThresholdStrategy)}:
 * <pre>{@code
 * ThresholdStrategy mine = ThresholdStrategy.snn("half-shift+drift", (stats, t) -> {
 *     double mu = stats.mu();
 *     double[] delta = ThresholdStrategy.currentDrift(stats.snn().orElseThrow());
 *     return new LayerThreshold(mu, mu, mu / 2).with(LayerAdjustment.biasShift(delta));
 * });
 * }</pre>
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

    /**
     * Whether, after every spiking layer is chosen, the converter also removes the output layer's mean drift: per
     * class, the DNN's mean logit minus the SNN's mean per-step logit over the calibration images, added to the
     * output layer's bias. Needs SNN calibration; false unless a strategy says otherwise.
     */
    default boolean correctsOutputBias() {
        return false;
    }

    /** Gives a lambda a name; its calibration is the wrapped strategy's (DNN for a plain lambda). */
    static ThresholdStrategy named(String name, ThresholdStrategy strategy) {
        return new Named(name, strategy);
    }

    /**
     * Gives a lambda a name and the calibration it needs: with {@link Calibration#SNN} the converter collects the
     * paired SNN samples ({@link LayerStats#snn()}) for it, layer by layer, with all earlier layers converted.
     */
    static ThresholdStrategy named(String name, Calibration calibration, ThresholdStrategy strategy) {
        return new Named(name, calibration, strategy);
    }

    /** {@code named(name, Calibration.SNN, strategy)}: a lambda calibrated on the SNN side. */
    static ThresholdStrategy snn(String name, ThresholdStrategy strategy) {
        return named(name, Calibration.SNN, strategy);
    }

    /**
     * The current drift of a layer per channel from its paired samples, {@code mean_c (z_i - mean_t I_i(t))}: the
     * bias shift ({@link LayerAdjustment#biasShift}) that makes the SNN current match the DNN pre-activation on
     * average per channel. For custom SNN-mode strategies.
     */
    static double[] currentDrift(PairedSamples pairs) {
        return ChannelMeans.currentDrift(pairs);
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

    /**
     * Li et al. (ICML 2021) "light" calibration, layer by layer on the SNN side: theta by their MMSE grid on the
     * DNN activations, v = theta, u0 = 0, and the input current shifted per channel by theta/(2T) plus the bias
     * correction (mean DNN activation minus mean SNN output of the channel). See {@link BiasCorrected}.
     */
    static ThresholdStrategy biasCorrected() {
        return new BiasCorrected();
    }

    /**
     * Li et al. (ICML 2021) potential correction, their "advanced" calibration as run on CIFAR, layer by layer on the
     * SNN side: MMSE theta, v = theta, the theta/(2T) current shift, and per neuron an initial potential
     * {@code T (mean a - mean y)} measured over the calibration images. See {@link PotentialCorrected}.
     */
    static ThresholdStrategy potentialCorrected() {
        return new PotentialCorrected();
    }

    /**
     * Hao et al. (ICLR 2023) offset-spike calibration on the half-shift thresholds, with a pre-run of {@code rho}
     * steps ({@link OffsetSpike}); their CIFAR value is 4.
     */
    static ThresholdStrategy offsetSpike(int rho) {
        return new OffsetSpike(rho);
    }

    /** Ours: current drift removed per channel, (theta, u0) by correlation, v by the unbiased gain ({@link SignalFit}). */
    static ThresholdStrategy signalFit() {
        return new SignalFit(SignalFit.GRID, false);
    }

    /**
     * {@link #signalFit()}, then Li et al.'s potential correction per neuron on top ({@link SignalFit}): ours
     * combined with theirs.
     */
    static ThresholdStrategy signalFitPc() {
        return new SignalFit(SignalFit.GRID, true);
    }

    /**
     * The strategy we recommend for converting a trained ClipReLU network (BN folded) without fine-tuning:
     * {@link #signalFitPc()} under the name {@code recommended}. Ours, combined with Li et al.'s potential
     * correction; it replaces nothing in METHOD.md. Per layer on the SNN side: the upstream mean drift is removed
     * from the input current per channel, (theta, u0) maximise the correlation between the DNN activation and the
     * spike count, v is the conditionally unbiased gain, each neuron gets the initial potential that moves its mean
     * output onto the DNN's mean activation, and the logits' mean drift is removed in the output layer's bias; no
     * hand-set factor.
     *
     * <p>Chosen as the most accurate strategy we measured (issue 15, 2026-12-07): VGG-16 w0.25 BN on CIFAR-10
     * ({@code models/c10-vgg16-w0.25-clip-bn}), converted and not fine-tuned, 1,030 calibration images, the first 100
     * test images of each class (DNN 88.2 % on those 1,000): accuracy at T = 1 / 2 / 3 / 4 was 58.7 / 62.7 / 74.4 /
     * 79.7 %, against signal-fit 55.3 / 62.0 / 67.7 / 74.9 %, potential-corrected (Li et al.) 44.5 / 59.6 / 63.0 /
     * 68.9 %, bias-corrected (Li et al.) 40.5 / 51.3 / 59.9 / 61.0 %, fitted-dnn:1.3 44.0 / 48.9 / 45.5 / 53.2 % and
     * half-shift 38.0 / 43.1 / 45.7 / 48.5 % (95 % Wilson intervals about +-3 points; signal-fit's grid and this
     * combination were chosen looking at the first 20 of those images per class). offset-spike (Hao et al., rho = 4)
     * read 67.8 / 68.2 / 67.1 / 66.0 % at t = 1 / 2 / 3 / 4, but every layer first pre-runs 4 input steps, so its
     * latency is 4 + t steps: at equal steps (8) recommended's 79.7 % is higher, and offset-spike:2 (2 + t) stays at
     * 61.5-62.9 %. It still trails the DNN by 25 points at T = 2. Cost: SNN-mode calibration plus one run of each layer's segment and the grid search, 12-48 s
     * per T for that network on two shared CPU cores.
     */
    static ThresholdStrategy recommended() {
        return named("recommended", signalFitPc());
    }

    /** The SNN-side calibrations beyond the paper, in table order. */
    static List<ThresholdStrategy> calibrations() {
        return List.of(biasCorrected(), potentialCorrected(), offsetSpike(OffsetSpike.DEFAULT_RHO), signalFit(),
                signalFitPc());
    }

    /** All built-ins with their defaults, in table order. */
    static List<ThresholdStrategy> builtIns() {
        return List.of(maxNorm(), percentile(Percentile.DEFAULT_P), trainedClip(), halfShift(), fittedDnn(),
                fittedSnn());
    }

    /**
     * Parses a built-in's name: {@code max-norm}, {@code percentile} or {@code percentile:99.99},
     * {@code trained-clip}, {@code half-shift}, {@code fitted-dnn}, {@code fitted-snn}, and {@code fitted-dnn:1.3} or
     * {@code fitted-dnn(c=1.3)} for the factor c on v (likewise fitted-snn); the SNN-side calibrations
     * {@code bias-corrected}, {@code potential-corrected}, {@code offset-spike} or {@code offset-spike:RHO}, {@code signal-fit} and
     * {@code signal-fit-pc}; {@code recommended} ({@link #recommended()}). {@code all} is not
     * a strategy (callers expand it to {@link #builtIns()}).
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
        for (ThresholdStrategy b : calibrations()) {
            if (b.name().equals(s)) {
                return b;
            }
        }
        if (s.startsWith("offset-spike:")) {
            double rho = number(text, s.substring("offset-spike:".length()));
            if (rho != Math.rint(rho) || rho < 1) {
                throw new IllegalArgumentException("strategy '" + text + "': rho must be a whole number >= 1");
            }
            return offsetSpike((int) rho);
        }
        if (s.equals("recommended")) {
            return recommended();
        }
        throw new IllegalArgumentException("unknown strategy '" + text + "'; built-ins: " + builtInNames()
                + ", SNN-side calibrations: " + calibrationNames() + ", recommended"
                + " (percentile:P for another percentile, fitted-dnn:C or fitted-snn:C for a factor C on v)");
    }

    private static double number(String text, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strategy '" + text + "': '" + value + "' is not a number", e);
        }
    }

    /**
     * A strategy with a name.
     *
     * @param name        the name
     * @param calibration the calibration it asks for, or {@code null} for the wrapped strategy's
     * @param strategy    the wrapped strategy
     */
    record Named(String name, Calibration calibration, ThresholdStrategy strategy) implements ThresholdStrategy {
        public Named {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a strategy name must not be blank");
            }
            if (strategy == null) {
                throw new IllegalArgumentException("strategy '" + name + "' wraps nothing");
            }
        }

        /** Named, with the wrapped strategy's calibration. */
        public Named(String name, ThresholdStrategy strategy) {
            this(name, null, strategy);
        }

        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            return strategy.choose(stats, timesteps);
        }

        @Override
        public Calibration calibration() {
            return calibration != null ? calibration : strategy.calibration();
        }

        @Override
        public boolean dependsOnTimesteps() {
            return strategy.dependsOnTimesteps();
        }

        @Override
        public boolean correctsOutputBias() {
            return strategy.correctsOutputBias();
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
            GridEdge.check(name(), stats.layer(), timesteps, ab.alpha(), grid);
            double mu = stats.mu();
            return new LayerThreshold(ab.alpha() * mu, c * ab.beta() * mu, 0);
        }

        @Override
        public String name() {
            String base = calibration == Calibration.SNN ? "fitted-snn" : "fitted-dnn";
            return c == 1.0 ? base : base + String.format(Locale.ROOT, "(c=%s)", c);
        }
    }

    /**
     * Li et al. (ICML 2021, "A Free Lunch From ANN"), the "light" pipeline of their code
     * (github.com/yhhhli/SNN_Calibration, {@code main_cal_cifar.py --calib light}), layer by layer on the SNN side:
     * theta by MMSE on a grid of {@code max a (1 - 0.01 i)}, {@code i = 0..94}; v = theta; u0 = 0; the input current
     * shifted per channel by {@code theta/(2T)} and by the bias correction {@code mean_c a - mean_c y},
     * {@code y = theta N / T} measured with the shift in place ({@link LiCalibration}). Channel means are taken
     * over the paired samples. Cost: that of SNN-mode calibration, about two T-step SNN passes.
     */
    record BiasCorrected() implements ThresholdStrategy {
        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            LiCalibration.Result r = LiCalibration.fit(stats.layer(), snnPairs(stats, name()), timesteps,
                    stats.reset());
            r.threshold().edgeWarning(name(), stats.layer(), timesteps);
            double theta = r.threshold().theta();
            return new LayerThreshold(theta, theta, 0).with(LayerAdjustment.biasShift(r.shift()));
        }

        @Override
        public String name() {
            return "bias-corrected";
        }

        @Override
        public Calibration calibration() {
            return Calibration.SNN;
        }
    }

    /**
     * Li et al. (ICML 2021), the "advanced" pipeline of their code as run on CIFAR (potential correction only, weight
     * calibration off; {@code main_cal_cifar.py --calib advanced}), layer by layer on the SNN side: theta by MMSE as in
     * {@link BiasCorrected}, v = theta, u0 = 0, the input current shifted by {@code theta/(2T)}, and per neuron an
     * initial potential {@code T (mean a - mean y)} ({@link LiCalibration#potentialCorrection}), both means over the
     * calibration images, y measured with the layer converted so far ({@link SnnProbe}). Cost: SNN-mode calibration
     * plus one more run of each layer's segment ({@code snn_passes} 4 on VGG-16, against 2 for the other SNN-mode
     * strategies). Our IF layers cannot be
     * traced ({@code SpikingNetwork.dynamics}) with per-neuron potentials.
     */
    record PotentialCorrected() implements ThresholdStrategy {
        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            PairedSamples pairs = snnPairs(stats, name());
            MmseThreshold.Result mmse = MmseThreshold.fit(stats.layer(), pairs.activations(), timesteps);
            mmse.edgeWarning(name(), stats.layer(), timesteps);
            double theta = mmse.theta();
            double[] half = new double[pairs.channelCount()];
            Arrays.fill(half, theta / (2.0 * timesteps));
            LayerThreshold candidate = new LayerThreshold(theta, theta, 0).with(LayerAdjustment.biasShift(half));
            SnnProbe probe = stats.snnProbe().orElseThrow(() -> new IllegalStateException("layer " + stats.layer()
                    + ": potential-corrected needs the SNN probe, which the Converter gives in SNN mode"));
            double[] u = LiCalibration.potentialCorrection(probe.dnnMeanActivation(),
                    probe.snnMeanOutput(candidate), timesteps);
            return candidate.with(candidate.adjustment().withInitialPotential(u));
        }

        @Override
        public String name() {
            return "potential-corrected";
        }

        @Override
        public Calibration calibration() {
            return Calibration.SNN;
        }
    }

    /**
     * Hao et al. (ICLR 2023, "Bridging the Gap between ANNs and SNNs by Calibrating Offset Spikes"; their code
     * github.com/hzc1208/ANN2SNN_COS): the half-shift thresholds (theta = v = mu, u0 = theta/2), and every IF layer
     * corrects each sample's neurons at inference after a pre-run of its first {@code rho} input steps
     * ({@code org.ullsnn.snn.OffsetSpikes}): one spike too many (negative residual) or too few (residual >= theta)
     * moves the start potential by about one theta, then the layer runs its input again. No calibration pass. The
     * network must run at least rho steps ({@code T >= rho}); accuracy read at t &lt; T still used rho input steps
     * per layer for the pre-run, so the latency is about rho + t per layer in a streaming implementation. Their ANNs
     * are trained with quantisation-aware clipping (QCFS), ours are not.
     *
     * @param rho pre-run steps, >= 1
     */
    record OffsetSpike(int rho) implements ThresholdStrategy {
        /** The authors' CIFAR value. */
        public static final int DEFAULT_RHO = 4;

        public OffsetSpike {
            if (rho < 1) {
                throw new IllegalArgumentException("offset-spike needs rho >= 1, got " + rho);
            }
        }

        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            if (timesteps < rho) {
                throw new IllegalArgumentException("offset-spike's pre-run needs T >= rho = " + rho + ", got T = "
                        + timesteps);
            }
            double mu = stats.mu();
            return new LayerThreshold(mu, mu, mu / 2).with(LayerAdjustment.offsetSpikes(rho));
        }

        @Override
        public String name() {
            return rho == DEFAULT_RHO ? "offset-spike" : "offset-spike:" + rho;
        }

        @Override
        public boolean dependsOnTimesteps() {
            return false;
        }
    }

    /**
     * Ours ({@code docs/plans/issue15-design.md} §3.2, {@link SignalFitter}): per layer on the SNN side, the current
     * drift removed per channel ({@code delta_c = mean_c (z - mean_t I)}), theta = alpha mu and u0 = kappa theta
     * chosen to maximise the correlation between the DNN activation and the spike count, and
     * {@code v = T var(a) / cov(a, N)} (the conditionally unbiased gain); after the last layer, the logits' mean drift
     * per class is removed in the output layer's bias. No hand-set factor. Cost: that of SNN-mode
     * calibration, about two T-step SNN passes, plus the grid search (alpha grid x 8 kappas on the samples).
     *
     * <p>With {@code perNeuronPotentials} ({@code signal-fit-pc}), each layer then also gets Li et al.'s potential
     * correction per neuron: the initial potential {@code T (theta / v) (mean a - mean y)}, with y the layer's mean
     * output under the fitted threshold over the calibration images ({@link SnnProbe}, one more run of the layer's
     * segment; {@link LiCalibration#potentialCorrection(double[], double[], int, double)}). The shift and the
     * correlation fit correct what is common to a channel; the potentials what is particular to a neuron (its position
     * in the image, in a conv).
     *
     * @param grid                the alpha grid
     * @param perNeuronPotentials whether to add the per-neuron potential correction
     */
    record SignalFit(AlphaGrid grid, boolean perNeuronPotentials) implements ThresholdStrategy {
        /**
         * The paper's alpha grid (0.05 to 1.5 in steps of 0.005) extended to 3: on VGG-16 w0.25 at T = 3 and 4 the
         * correlation optimum of several deep layers sat on the paper grid's upper edge (the edge warning).
         */
        public static final AlphaGrid GRID = new AlphaGrid(0.05, 3.0, 0.005);

        public SignalFit {
            if (grid == null) {
                throw new IllegalArgumentException("the alpha grid must be set");
            }
        }

        /** The fit of a layer (alpha, kappa, correlation, gain, shift). */
        SignalFitter.Fit fit(LayerStats stats) {
            return SignalFitter.fit(stats.layer(), snnPairs(stats, name()), stats.mu(), grid, stats.reset());
        }

        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            SignalFitter.Fit f = fit(stats);
            GridEdge.check(name(), stats.layer(), timesteps, f.alpha(), grid);
            double mu = stats.mu();
            double theta = f.alpha() * mu;
            LayerThreshold fitted = new LayerThreshold(theta, f.gainRatio() * mu, f.kappa() * theta)
                    .with(LayerAdjustment.biasShift(f.shift()));
            if (!perNeuronPotentials) {
                return fitted;
            }
            SnnProbe probe = stats.snnProbe().orElseThrow(() -> new IllegalStateException("layer " + stats.layer()
                    + ": " + name() + " needs the SNN probe, which the Converter gives in SNN mode"));
            double[] u = LiCalibration.potentialCorrection(probe.dnnMeanActivation(), probe.snnMeanOutput(fitted),
                    timesteps, fitted.theta() / fitted.v());
            return fitted.with(fitted.adjustment().withInitialPotential(u));
        }

        @Override
        public String name() {
            return perNeuronPotentials ? "signal-fit-pc" : "signal-fit";
        }

        @Override
        public Calibration calibration() {
            return Calibration.SNN;
        }

        /** The logits' mean drift is removed as each layer's is ({@link ThresholdStrategy#correctsOutputBias()}). */
        @Override
        public boolean correctsOutputBias() {
            return true;
        }
    }

    private static PairedSamples snnPairs(LayerStats stats, String strategy) {
        return stats.snn().orElseThrow(() -> new IllegalStateException("layer " + stats.layer() + ": " + strategy
                + " needs paired SNN samples, which the Converter collects for strategies whose calibration() is SNN"));
    }

    /** The names of the built-ins, for help texts. */
    static String builtInNames() {
        return Arrays.toString(builtIns().stream().map(ThresholdStrategy::name).toArray());
    }

    /** The names of the SNN-side calibrations ({@link #calibrations()}), for help texts. */
    static String calibrationNames() {
        return calibrations().stream().map(ThresholdStrategy::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
