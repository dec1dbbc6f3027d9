package org.ullsnn.convert;

import java.util.Arrays;
import org.ullsnn.snn.NeuronDynamics;
import org.ullsnn.snn.ResetMode;
import org.ullsnn.stats.ConversionSetting;

/**
 * The paper's per-layer fit (METHOD.md §4): with DNN activations {@code a_i} and predicted spike counts
 * {@code N_i(theta)},
 * <pre>
 * (alpha, beta) = argmin  sum_i ( a_i - (beta mu / T) N_i(theta = alpha mu) )^2
 * for fixed alpha:  v* = beta* mu = T sum_i a_i N_i / sum_i N_i^2      (skip alpha when sum_i N_i^2 = 0)
 * </pre>
 * alpha runs over an {@link AlphaGrid}; beta has the closed form. {@code N_i} comes from the constant-drive
 * model {@code N_T(z_i)} (DNN mode) or from simulating an IF neuron over the real current series
 * {@code I_i(1..T)} (SNN mode); {@code u0 = 0} in both, as in the paper.
 *
 * <p><b>Reset.</b> The counts follow the reset of the network being built ({@link ConvertConfig#reset()}, passed
 * on in {@link LayerStats#reset()}); the overloads without a reset are the paper's reset by subtraction.
 * <ul>
 *   <li>{@link ResetMode#SUBTRACT}: DNN mode uses the closed form
 *       {@link ConversionSetting#spikeCount(double, double, double, int)}, SNN mode simulates
 *       {@link NeuronDynamics} with reset by subtraction.</li>
 *   <li>{@link ResetMode#ZERO}: METHOD.md's {@code N_T(z) = floor(T z / theta)} does not hold (a constant drive
 *       fires every {@code ceil(theta / z)} steps, so {@code N = floor(T / ceil(theta / z))}, and the surplus above
 *       theta is lost); both modes count with the scalar reference {@link NeuronDynamics} with reset to zero, DNN
 *       mode through {@link NeuronDynamics#spikeCount(double, int)} for the constant drive {@code z_i}.</li>
 * </ul>
 *
 * <p><b>How the sums are computed.</b> Only two sums per alpha enter the fit: {@code sum_i a_i N_i} and
 * {@code sum_i N_i^2}.
 * <ul>
 *   <li>DNN mode sorts the samples once. {@code N(z)} is non-decreasing in {@code z}, and
 *       {@code N = sum_{k=1..T} 1[N >= k]}, so {@code sum_i a_i N_i = sum_k (sum of a over the samples with
 *       N >= k)}, a suffix sum of the sorted {@code a}, and {@code sum_i N_i^2 = sum_k (2k - 1) #(N >= k)}.
 *       Each boundary {@code #(N >= k)} is a binary search whose test is
 *       {@link ConversionSetting#spikeCount(double, double, double, int)} itself, so every count is the one the
 *       scalar model gives: O(T log n) per alpha after an O(n log n) sort. {@code sum_i N_i^2} is exact;
 *       {@code sum_i a_i N_i} is summed in another order than sample by sample (compensated suffix sums), so
 *       it can differ from a sample-order sum in the last bits.</li>
 *   <li>SNN mode simulates each sample's IF neuron ({@link NeuronDynamics}) at a few thresholds only: its
 *       count is non-increasing in theta, so its at most T steps over the grid, predicted in exact arithmetic
 *       and checked by simulation on both sides (or found by bisection), give every count. This is used only
 *       where monotonicity provably survives floating point (see {@link IfCountProfile}); the sums then run
 *       sample by sample in the original order, so the fit equals the simulation of every (alpha, sample) pair
 *       to the last bit. With reset to zero the count is non-increasing in theta too (proved in
 *       {@link IfCountProfile}), so the bisection stays exact; only the prediction, which is specific to reset by
 *       subtraction, is skipped.</li>
 * </ul>
 */
public final class AlphaBetaFit {

    private AlphaBetaFit() {
    }

    /**
     * DNN mode with reset by subtraction: counts from the constant-drive model on pre-activation samples
     * {@code z}.
     *
     * @throws IllegalArgumentException when no alpha of the grid makes any sample spike, or a sample is NaN
     */
    public static AlphaBeta fitDnn(String layer, double[] z, double mu, int timesteps, AlphaGrid grid) {
        return fitDnn(layer, z, mu, timesteps, grid, ResetMode.SUBTRACT);
    }

    /**
     * DNN mode: counts of an IF neuron (leak 1, U(0) = 0, the given reset) under the constant drive of each
     * pre-activation sample {@code z}.
     *
     * @throws IllegalArgumentException when no alpha of the grid makes any sample spike, or a sample is NaN
     */
    public static AlphaBeta fitDnn(String layer, double[] z, double mu, int timesteps, AlphaGrid grid,
            ResetMode reset) {
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = Math.min(Math.max(z[i], 0), mu);
        }
        checkClip(layer, mu);
        double[][] sums = dnnSums(z, mu, timesteps, grid, reset);
        return choose(layer, a, mu, timesteps, grid, sums[0], sums[1]);
    }

    /**
     * SNN mode with reset by subtraction: counts from IF neurons (leak 1, U(0) = 0) driven by the recorded
     * currents.
     *
     * @throws IllegalArgumentException when no alpha of the grid makes any sample spike
     */
    public static AlphaBeta fitSnn(String layer, PairedSamples pairs, double mu, AlphaGrid grid) {
        return fitSnn(layer, pairs, mu, grid, ResetMode.SUBTRACT);
    }

    /**
     * SNN mode: counts from IF neurons (leak 1, U(0) = 0, the given reset) driven by the recorded currents.
     *
     * @throws IllegalArgumentException when no alpha of the grid makes any sample spike
     */
    public static AlphaBeta fitSnn(String layer, PairedSamples pairs, double mu, AlphaGrid grid, ResetMode reset) {
        checkClip(layer, mu);
        double[][] sums = snnSums(pairs, mu, grid, reset);
        return choose(layer, pairs.activations(), mu, pairs.timesteps(), grid, sums[0], sums[1]);
    }

    /** The thresholds {@code theta_g = alpha_g mu} of the grid, computed as the fit uses them. */
    static double[] thresholds(AlphaGrid grid, double mu) {
        double[] theta = new double[grid.size()];
        for (int g = 0; g < theta.length; g++) {
            theta[g] = grid.at(g) * mu;
        }
        return theta;
    }

    /** DNN mode: {@code {sum_i a_i N_i, sum_i N_i^2}} per grid point (two arrays of {@code grid.size()}). */
    static double[][] dnnSums(double[] z, double mu, int timesteps, AlphaGrid grid, ResetMode reset) {
        ConstantDrive drive = ConstantDrive.of(z, mu);
        double[] theta = thresholds(grid, mu);
        double[] sumAN = new double[theta.length];
        double[] sumN2 = new double[theta.length];
        int[] firsts = new int[timesteps + 1];
        for (int g = 0; g < theta.length; g++) {
            drive.boundaries(theta[g], timesteps, reset, firsts);
            sumAN[g] = drive.sumAN(firsts, timesteps);
            sumN2[g] = drive.sumN2(firsts, timesteps);
        }
        return new double[][] {sumAN, sumN2};
    }

    /** SNN mode: {@code {sum_i a_i N_i, sum_i N_i^2}} per grid point, each summed in sample order. */
    static double[][] snnSums(PairedSamples pairs, double mu, AlphaGrid grid, ResetMode reset) {
        double[] theta = thresholds(grid, mu);
        IfCountProfile profile = new IfCountProfile(theta, pairs.timesteps(), reset);
        int size = theta.length;
        double[] sumAN = new double[size];
        long[] sumN2 = new long[size];
        int[] counts = new int[size];
        double[] a = pairs.activations();
        double[][] currents = pairs.currents();
        for (int i = 0; i < a.length; i++) {
            // counts are non-increasing in g: those > 0 form a prefix [0, firing)
            int firing = profile.counts(currents[i], counts);
            double ai = a[i];
            for (int g = 0; g < firing; g++) {
                int c = counts[g];
                sumAN[g] += ai * c;
                sumN2[g] += c * c;
            }
            if (!Double.isFinite(ai)) {
                // a_i * 0 adds nothing to a running sum (never -0.0) for a finite a_i, but NaN for an infinite one
                for (int g = firing; g < size; g++) {
                    sumAN[g] += ai * 0;
                }
            }
        }
        double[] n2 = new double[size];
        for (int g = 0; g < size; g++) {
            n2[g] = sumN2[g]; // exact: a sum of integers below 2^53, as the sample-by-sample double sum is
        }
        return new double[][] {sumAN, n2};
    }

    private static void checkClip(String layer, double mu) {
        if (!(mu > 0) || !Double.isFinite(mu)) {
            throw new IllegalArgumentException("layer " + layer + ": the fit needs a finite clip mu > 0, got " + mu);
        }
    }

    private static AlphaBeta choose(String layer, double[] a, double mu, int timesteps, AlphaGrid grid,
            double[] sumsAN, double[] sumsN2) {
        double sumA2 = 0;
        for (double ai : a) {
            sumA2 += ai * ai;
        }
        double bestSse = Double.POSITIVE_INFINITY;
        double bestAlpha = Double.NaN;
        double bestV = Double.NaN;
        for (int g = 0; g < grid.size(); g++) {
            double alpha = grid.at(g);
            double sumAN = sumsAN[g];
            double sumN2 = sumsN2[g];
            if (sumN2 == 0) {
                continue;
            }
            double v = timesteps * sumAN / sumN2;
            // SSE(v) = sum a^2 - 2 (v/T) sum aN + (v/T)^2 sum N^2, minimised by v*: sum a^2 - (sum aN)^2 / sum N^2
            double sse = sumA2 - sumAN * sumAN / sumN2;
            if (sse < bestSse - 1e-12 * Math.max(1, sumA2)) {
                bestSse = sse;
                bestAlpha = alpha;
                bestV = v;
            }
        }
        if (Double.isNaN(bestAlpha)) {
            throw new IllegalArgumentException("layer " + layer + " never fires on the calibration samples for any "
                    + "alpha in [" + grid.from() + ", " + grid.to() + "]: all spike counts are 0; calibrate on more "
                    + "images or use a strategy with an explicit fallback");
        }
        if (!(bestV > 0)) {
            throw new IllegalArgumentException("layer " + layer + ": the fitted output scale is " + bestV
                    + " (the DNN activations are all 0 where the layer fires); this layer cannot be fitted");
        }
        return new AlphaBeta(bestAlpha, bestV / mu, Math.max(0, bestSse) / a.length, a.length);
    }

    /**
     * The positive DNN-mode samples sorted, with suffix sums of their activations {@code a = min(z, mu)}:
     * the counts at one threshold are T binary searches, and the sums follow from the suffix sums.
     */
    static final class ConstantDrive {
        private final double[] z;      // samples z > 0, ascending
        private final double[] suffix; // suffix[j] = sum_{i >= j} min(z[i], mu); suffix[z.length] = 0

        private ConstantDrive(double[] z, double[] suffix) {
            this.z = z;
            this.suffix = suffix;
        }

        /**
         * Sorts the samples {@code z > 0} (the others never fire and have {@code a = 0}).
         *
         * @throws IllegalArgumentException if a sample is NaN (as {@link ConversionSetting#spikeCount} does)
         */
        static ConstantDrive of(double[] samples, double mu) {
            double[] positive = new double[samples.length];
            int m = 0;
            for (double s : samples) {
                if (Double.isNaN(s)) {
                    throw new IllegalArgumentException("input z must not be NaN");
                }
                if (s > 0) {
                    positive[m++] = s;
                }
            }
            positive = Arrays.copyOf(positive, m);
            Arrays.sort(positive);
            double[] suffix = new double[m + 1];
            double sum = 0;
            double compensation = 0; // Neumaier's compensated summation: the suffix sums are (nearly) exact
            for (int j = m - 1; j >= 0; j--) {
                double x = Math.min(positive[j], mu);
                double t = sum + x;
                compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
                sum = t;
                suffix[j] = sum + compensation;
            }
            return new ConstantDrive(positive, suffix);
        }

        /** Number of positive samples. */
        int size() {
            return z.length;
        }

        /**
         * {@code firsts[k]} (k = 1..T): the index of the first sorted sample with {@code N >= k}, so
         * {@code size() - firsts[k]} samples have {@code N >= k} at threshold {@code theta}.
         * <p>The binary search needs {@code N(z)} non-decreasing in {@code z}. With reset by subtraction that is the
         * closed form's floor. With reset to zero the neuron restarts from exactly 0 after every spike, so a
         * constant drive fires every {@code m(z)} steps, {@code m(z)} the first step at which the rounded running
         * sum {@code z + z + ...} reaches theta; that sum is non-decreasing in {@code z} (rounding is monotone), so
         * {@code m(z)} is non-increasing and {@code N = floor(T / m(z))} non-decreasing, rounding included.
         *
         * @param into an array of length {@code T + 1} to fill and return
         */
        int[] boundaries(double theta, int timesteps, ResetMode reset, int[] into) {
            NeuronDynamics zeroReset = switch (reset) { // null: the closed form
                case SUBTRACT -> null;
                case ZERO -> new NeuronDynamics(theta, 1.0, 0, reset);
            };
            int lo = 0;
            for (int k = 1; k <= timesteps; k++) {
                int hi = z.length; // invariant: N(z[j]) < k for j < lo, N(z[j]) >= k for j >= hi
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    int count = zeroReset == null ? ConversionSetting.spikeCount(z[mid], theta, 0, timesteps)
                            : zeroReset.spikeCount(z[mid], timesteps);
                    if (count >= k) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                into[k] = lo; // N >= k + 1 implies N >= k: the next boundary is not before this one
            }
            return into;
        }

        /** {@code sum_i a_i N_i = sum_k (sum of a over samples with N >= k)}. */
        double sumAN(int[] firsts, int timesteps) {
            double s = 0;
            for (int k = 1; k <= timesteps; k++) {
                s += suffix[firsts[k]];
            }
            return s;
        }

        /** {@code sum_i N_i^2 = sum_k (2k - 1) #(N >= k)}, exact. */
        double sumN2(int[] firsts, int timesteps) {
            long s = 0;
            for (int k = 1; k <= timesteps; k++) {
                s += (2L * k - 1) * (z.length - firsts[k]);
            }
            return s;
        }
    }

    /**
     * The spike counts of one IF neuron ({@link NeuronDynamics}, leak 1, {@code u0 = 0}, reset by subtraction or
     * to zero) at every threshold of an increasing grid, simulating it at a few thresholds only.
     *
     * <p><b>Why the count is monotone, and when that survives rounding (reset by subtraction).</b> In exact
     * arithmetic, with
     * {@code S_t} the partial sums of the current, a neuron with {@code m} spikes before step t fires at t iff
     * {@code S_t >= (m + 1) theta}; if two thresholds {@code theta1 < theta2} have the same count m before t,
     * {@code theta2} firing implies {@code theta1} firing, and a larger count stays at least as large: the count
     * {@code N(theta)} is non-increasing. In floating point the potential at step t is
     * {@code S_t - m theta + e} with a rounding error {@code |e| <= E = 2 T u R / (1 - 2 T u)}, {@code u = 2^-53},
     * {@code R = sum_t |I_t| + T theta_max} (each of the at most {@code 2T} additions and subtractions rounds a
     * value of size at most {@code R + E}). The argument goes through when {@code (m + 1)(theta2 - theta1) > 2E},
     * so for every pair of grid points when the smallest gap between neighbouring thresholds exceeds {@code 2E}.
     * {@link #monotone} checks a stronger condition ({@code gap > 8 T u R}) per sample; a sample that fails it
     * (non-finite currents, or currents so large that rounding matters at the grid's resolution) is simulated
     * at every threshold.
     *
     * <p><b>Reset to zero: monotone too, under the same check.</b> Take {@code theta1 < theta2}, let
     * {@code d = N1 - N2} be the difference of the counts so far and {@code U1, U2} the potentials after a step.
     * In exact arithmetic {@code d >= 0}, with {@code U1 >= U2} while {@code d = 0} and {@code U1 >= U2 - theta2}
     * while {@code d >= 1}, holds at every step: from {@code d = 0}, neuron 2 firing means
     * {@code U1 + I >= U2 + I >= theta2 > theta1}, so neuron 1 fires too and both restart at 0; neuron 1 firing
     * alone gives {@code d = 1}, {@code U1 = 0 > U2 - theta2}; from {@code d >= 1}, neuron 2 firing alone needs
     * {@code U2 + I >= theta2}, so {@code U1 + I >= 0 = U2} after its reset, which is what {@code d - 1} needs;
     * steps without a spike keep {@code U1 - U2}. So {@code N1 >= N2}: the count is non-increasing in theta
     * (checked by brute force on random series as well). In floating point each potential is a rounded sum of
     * at most T currents since its last reset to exactly 0, off the exact sum by at most
     * {@code E = T u A / (1 - T u)}, {@code A = sum_t |I_t|}; the same steps, with the invariants weakened to
     * {@code U1 >= U2 - 2E} ({@code d = 0}) and {@code U1 >= U2 - theta2 - E} ({@code d >= 1}), go through when
     * {@code theta2 - theta1 > 4E}, which {@code gap > 8 T u R} implies ({@code R >= A}). So the check and the
     * bisection serve both resets; the prediction below is the subtraction neuron's and is not used for reset to
     * zero, whose samples are bisected.
     *
     * <p><b>Where the count steps.</b> A monotone count is known once, for each level k = 1..T, the last grid
     * point {@code b_k} with {@code N >= k} is. In exact arithmetic the neuron fires greedily at the first t
     * with {@code S_t >= theta}, then at the first later t with {@code S_t >= 2 theta}, and so on, so
     * {@code N(theta) >= k} iff some {@code t_1 < ... < t_k} have {@code S_{t_j} >= j theta}: the level's
     * largest threshold is {@code max over such sequences of min_j S_{t_j} / j}, an O(T^2) dynamic programme.
     * That prediction is then checked by simulating at {@code b_k} and {@code b_k + 1} (simulated counts equal
     * to the predicted ones pin every level, by monotonicity); where a check fails (rounding near a grid point),
     * a bisection over the grid finds the steps instead.
     */
    static final class IfCountProfile {
        private static final double UNIT_ROUNDOFF = 0x1p-53;

        private final double[] theta;
        private final NeuronDynamics[] neurons;
        private final int timesteps;
        private final double minGap;
        private final double thetaMax;
        private final boolean predict;
        private final double[] best;    // dynamic programme, per step
        private final int[] last;       // last[k], k = 1..T: predicted last grid index with N >= k, or -1
        private final int[] checkedAt;  // grid indices simulated to check a prediction
        private final int[] checked;    // their simulated counts

        IfCountProfile(double[] theta, int timesteps, ResetMode reset) {
            this(theta, timesteps, reset, true);
        }

        /**
         * With {@code predict = false} every monotone sample is bisected (a test of that path); with reset to zero
         * they always are.
         */
        IfCountProfile(double[] theta, int timesteps, ResetMode reset, boolean predict) {
            this.theta = theta.clone();
            this.timesteps = timesteps;
            this.predict = predict && reset == ResetMode.SUBTRACT;
            this.neurons = new NeuronDynamics[theta.length];
            for (int g = 0; g < theta.length; g++) {
                neurons[g] = new NeuronDynamics(theta[g], 1.0, 0, reset);
            }
            double gap = Double.POSITIVE_INFINITY;
            double max = 0;
            for (int g = 0; g < theta.length; g++) {
                max = Math.max(max, theta[g]);
                if (g > 0) {
                    gap = Math.min(gap, theta[g] - theta[g - 1]); // <= 0 (or NaN) turns bisection off
                }
            }
            this.minGap = gap * (1 - 1e-9);
            this.thetaMax = max;
            this.best = new double[timesteps];
            this.last = new int[timesteps + 2];
            this.checkedAt = new int[2 * timesteps];
            this.checked = new int[2 * timesteps];
        }

        /** Whether the counts of this current series are provably non-increasing over the grid. */
        boolean monotone(double[] current) {
            double r = timesteps * thetaMax;
            for (double i : current) {
                r += Math.abs(i);
            }
            return Double.isFinite(r) && minGap > 8 * timesteps * UNIT_ROUNDOFF * r;
        }

        /**
         * Fills {@code counts[g]} with the spike count of the neuron with threshold {@code theta_g} over
         * {@code current}.
         *
         * @return the number of leading grid points with a count {@code > 0}; later entries of {@code counts}
         *         are 0 and are not written
         */
        int counts(double[] current, int[] counts) {
            if (!monotone(current)) {
                int firing = 0;
                for (int g = 0; g < theta.length; g++) {
                    counts[g] = neurons[g].spikeCount(current);
                    if (counts[g] > 0) {
                        firing = g + 1;
                    }
                }
                return firing;
            }
            if (predict && predicted(current)) {
                int k = timesteps;
                for (int g = 0; g <= last[1]; g++) {
                    while (last[k] < g) {
                        k--; // the count at g: the highest level whose last grid point is at or after g
                    }
                    counts[g] = k;
                }
                return last[1] + 1;
            }
            return bisected(current, counts);
        }

        /**
         * Predicts {@code last[1..T]} from the exact-arithmetic boundaries and checks them by simulation.
         *
         * @return whether the simulated counts agree with the prediction on both sides of every step
         */
        private boolean predicted(double[] current) {
            // best[t]: the largest theta for which some spike sequence of the current level ends at step t
            double sum = 0;
            for (int t = 0; t < timesteps; t++) {
                sum += current[t];
                best[t] = sum;
            }
            last[timesteps + 1] = -1;
            for (int k = 1; k <= timesteps; k++) {
                double level = Double.NEGATIVE_INFINITY; // max over t of best[t] at level k
                for (double b : best) {
                    level = Math.max(level, b);
                }
                last[k] = level > 0 ? lastAtMost(level) : -1;
                if (k < timesteps) {
                    // next level: the (k+1)-th spike at t needs S_t >= (k+1) theta after a k-th spike before t
                    double before = Double.NEGATIVE_INFINITY;
                    double perSpike = 1.0 / (k + 1); // a prediction only: rounding here is caught by the checks
                    sum = 0;
                    for (int t = 0; t < timesteps; t++) {
                        sum += current[t];
                        double earlier = before;
                        before = Math.max(before, best[t]);
                        best[t] = Math.min(earlier, sum * perSpike);
                    }
                }
            }
            int points = 0;
            for (int k = 1; k <= timesteps; k++) {
                if (k > 1 && last[k] == last[k - 1]) {
                    continue;
                }
                for (int g = last[k]; g <= last[k] + 1; g++) {
                    if (g >= 0 && g < theta.length && (points == 0 || checkedAt[points - 1] != g)) {
                        checkedAt[points] = g;
                        checked[points++] = neurons[g].spikeCount(current);
                    }
                }
            }
            for (int i = 0; i < points; i++) {
                int expected = 0;
                while (expected < timesteps && last[expected + 1] >= checkedAt[i]) {
                    expected++;
                }
                if (checked[i] != expected) {
                    return false;
                }
            }
            return true;
        }

        /** The last grid index whose threshold is {@code <= level}, or -1. */
        private int lastAtMost(double level) {
            int end = theta.length - 1;
            // the grid is (nearly) evenly spaced: start from the interpolated index, then step to the answer
            double guess = end == 0 ? 0 : Math.floor((level - theta[0]) / (theta[end] - theta[0]) * end);
            int g = (int) Math.max(-1, Math.min(end, guess));
            while (g < end && theta[g + 1] <= level) {
                g++;
            }
            while (g >= 0 && theta[g] > level) {
                g--;
            }
            return g;
        }

        /** Counts by bisection over the grid: simulates only where the count can still change. */
        private int bisected(double[] current, int[] counts) {
            int end = theta.length - 1;
            int top = neurons[0].spikeCount(current);
            if (top == 0) {
                return 0;
            }
            counts[0] = top;
            if (end == 0) {
                return 1;
            }
            counts[end] = neurons[end].spikeCount(current);
            fill(current, counts, 0, end);
            if (counts[end] > 0) {
                return theta.length;
            }
            int lo = 0; // counts[lo] > 0, counts[end] == 0
            int hi = end;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (counts[mid] > 0) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return hi;
        }

        /** Given counts[lo] and counts[hi], fills the counts strictly between them. */
        private void fill(double[] current, int[] counts, int lo, int hi) {
            if (hi - lo <= 1) {
                return;
            }
            if (counts[lo] == counts[hi]) {
                Arrays.fill(counts, lo + 1, hi, counts[lo]);
                return;
            }
            int mid = (lo + hi) >>> 1;
            counts[mid] = neurons[mid].spikeCount(current);
            fill(current, counts, lo, mid);
            fill(current, counts, mid, hi);
        }
    }
}
