package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ullsnn.snn.IFNeuronLayer;
import org.ullsnn.snn.NeuronDynamics;
import org.ullsnn.snn.ResetMode;

/**
 * The sorted (DNN mode) and bisected (SNN mode) fits against the scalar reference {@link ScalarAlphaBetaFit}:
 * the same spike counts for every (alpha, sample) pair, ties and threshold boundaries included, under both
 * resets.
 */
class AlphaBetaFitTest {

    private static final double MU = 1.7;
    private static final AlphaGrid GRID = AlphaGrid.defaults();

    static Stream<Arguments> stepsAndResets() {
        return Stream.of(ResetMode.values()).flatMap(r -> Stream.of(1, 2, 3, 4, 8).map(t -> Arguments.of(t, r)));
    }

    /**
     * Pre-activations with what breaks naive versions: exact boundaries {@code z = k theta_g / T} of grid
     * thresholds and their floating-point neighbours, repeated values, zeros (+0 and -0), negatives, values at
     * and beyond mu, infinities, and float-valued samples as the capture delivers them.
     */
    static double[] awkwardSamples(int n, int timesteps, long seed) {
        Random r = new Random(seed);
        double[] theta = AlphaBetaFit.thresholds(GRID, MU);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            double boundary = (1 + r.nextInt(timesteps)) * theta[r.nextInt(theta.length)] / timesteps;
            z[i] = switch (kind) {
                case 0 -> boundary;
                case 1 -> Math.nextUp(boundary);
                case 2 -> Math.nextDown(boundary);
                case 3 -> i > 0 ? z[r.nextInt(i)] : 0.0; // a tie with an earlier sample
                case 4 -> r.nextBoolean() ? 0.0 : -0.0;
                case 5 -> -r.nextDouble() * MU;
                case 6 -> r.nextInt(20) == 0 ? (r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
                        : MU * (1 + r.nextDouble());
                case 7 -> (float) (r.nextDouble() * MU);
                default -> r.nextGaussian() * MU / 2;
            };
        }
        return z;
    }

    @ParameterizedTest(name = "T = {0}, reset {1}")
    @MethodSource("stepsAndResets")
    void dnnModeBoundariesCountExactlyWhatTheScalarModelCounts(int timesteps, ResetMode reset) {
        double[] z = awkwardSamples(4000, timesteps, 10 + timesteps);
        AlphaBetaFit.ConstantDrive drive = AlphaBetaFit.ConstantDrive.of(z, MU);
        int[] firsts = new int[timesteps + 1];
        for (double theta : AlphaBetaFit.thresholds(GRID, MU)) {
            drive.boundaries(theta, timesteps, reset, firsts);
            int[] n = ScalarAlphaBetaFit.dnnCounts(z, theta, timesteps, reset);
            for (int k = 1; k <= timesteps; k++) {
                int atLeastK = 0;
                for (int c : n) {
                    atLeastK += c >= k ? 1 : 0;
                }
                assertEquals(atLeastK, drive.size() - firsts[k], "theta " + theta + ", N >= " + k);
            }
        }
    }

    @ParameterizedTest(name = "T = {0}, reset {1}")
    @MethodSource("stepsAndResets")
    void dnnModeSumsEqualTheSampleBySampleSums(int timesteps, ResetMode reset) {
        double[] z = awkwardSamples(4000, timesteps, 20 + timesteps);
        double[][] sums = AlphaBetaFit.dnnSums(z, MU, timesteps, GRID, reset);
        double[] theta = AlphaBetaFit.thresholds(GRID, MU);
        for (int g = 0; g < theta.length; g++) {
            int[] n = ScalarAlphaBetaFit.dnnCounts(z, theta[g], timesteps, reset);
            double sumAN = 0;
            double sumN2 = 0;
            for (int i = 0; i < z.length; i++) {
                sumAN += Math.min(Math.max(z[i], 0), MU) * n[i];
                sumN2 += (double) n[i] * n[i];
            }
            assertEquals(sumN2, sums[1][g], 0, "sum N^2 is exact");
            // sum a N is summed in another order (suffix sums over sorted samples): equal up to rounding
            assertEquals(sumAN, sums[0][g], 1e-12 * Math.max(1, sumAN), "sum a N at alpha " + GRID.at(g));
        }
    }

    @ParameterizedTest(name = "T = {0}, reset {1}")
    @MethodSource("stepsAndResets")
    void dnnModeFitEqualsTheScalarFit(int timesteps, ResetMode reset) {
        for (long seed = 0; seed < 3; seed++) {
            double[] z = awkwardSamples(3000, timesteps, 100 * timesteps + seed);
            AlphaBeta expected = ScalarAlphaBetaFit.fitDnn("l", z, MU, timesteps, GRID, reset);
            AlphaBeta fast = AlphaBetaFit.fitDnn("l", z, MU, timesteps, GRID, reset);
            // alpha and the sample count are identical; beta and the error differ by float summation order only
            assertEquals(expected.alpha(), fast.alpha(), 0, "alpha");
            assertEquals(expected.samples(), fast.samples());
            assertEquals(expected.beta(), fast.beta(), 1e-12 * expected.beta(), "beta");
            // mse = (sum a^2 - (sum aN)^2 / sum N^2) / n cancels: its rounding is relative to mean a^2
            double meanA2 = Arrays.stream(z).map(x -> Math.min(Math.max(x, 0), MU)).map(a -> a * a).average()
                    .orElseThrow();
            assertEquals(expected.mse(), fast.mse(), 1e-12 * meanA2, "mse");
        }
    }

    @Test
    void dnnModeKeepsTheErrorsOfTheScalarFit() {
        double[] silent = new double[50];
        Arrays.fill(silent, -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlphaBetaFit.fitDnn("fc1_act", silent, MU, 2, GRID));
        assertTrue(e.getMessage().contains("fc1_act") && e.getMessage().contains("never fires"), e.getMessage());
        double[] withNan = {0.5, Double.NaN, 1.0};
        assertEquals(assertThrows(IllegalArgumentException.class,
                        () -> ScalarAlphaBetaFit.fitDnn("l", withNan, MU, 2, GRID)).getMessage(),
                assertThrows(IllegalArgumentException.class,
                        () -> AlphaBetaFit.fitDnn("l", withNan, MU, 2, GRID)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> AlphaBetaFit.fitDnn("l", withNan, Double.NaN, 2, GRID));
    }

    /**
     * Current series with what breaks naive versions: constant drives (DNN-mode-like), currents that are
     * exact multiples of grid thresholds (potentials landing exactly on theta), repeated series, zeros,
     * negative and mixed-sign series, float-valued currents as the SNN delivers them, and a few huge or
     * non-finite series on which bisection is not provably exact.
     */
    static PairedSamples awkwardPairs(int n, int timesteps, long seed) {
        Random r = new Random(seed);
        double[] theta = AlphaBetaFit.thresholds(GRID, MU);
        double[] a = new double[n];
        double[][] currents = new double[n][timesteps];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            double[] c = currents[i];
            for (int t = 0; t < timesteps; t++) {
                c[t] = switch (kind) {
                    case 0 -> t == 0 ? r.nextGaussian() * MU : c[0];
                    case 1 -> theta[r.nextInt(theta.length)] * (r.nextInt(5) - 1) / (1 + r.nextInt(3));
                    case 2 -> i > 0 ? currents[r.nextInt(i)][t] : 0.0;
                    case 3 -> 0.0;
                    case 4 -> -r.nextDouble();
                    case 5 -> r.nextInt(200) == 0 ? (r.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY)
                            : r.nextInt(50) == 0 ? 1e20 * r.nextGaussian() : r.nextGaussian() * MU;
                    default -> (float) (r.nextGaussian() * MU + MU / 3);
                };
            }
            if (kind == 2 && i > 0) {
                currents[i] = currents[r.nextInt(i)].clone();
            }
            a[i] = switch (r.nextInt(6)) {
                case 0 -> 0.0;
                case 1 -> MU;
                default -> (float) (r.nextDouble() * MU);
            };
        }
        return new PairedSamples(a, currents);
    }

    @ParameterizedTest(name = "T = {0}, reset {1}")
    @MethodSource("stepsAndResets")
    void snnModeCountsEqualTheSimulatedNeuronAtEveryThreshold(int timesteps, ResetMode reset) {
        PairedSamples pairs = awkwardPairs(3000, timesteps, 30 + timesteps);
        double[] theta = AlphaBetaFit.thresholds(GRID, MU);
        int[] counts = new int[theta.length];
        int monotone = 0;
        for (boolean predict : new boolean[] {true, false}) { // steps predicted and checked, or bisected
            AlphaBetaFit.IfCountProfile profile = new AlphaBetaFit.IfCountProfile(theta, timesteps, reset, predict);
            for (double[] current : pairs.currents()) {
                Arrays.fill(counts, -1);
                int firing = profile.counts(current, counts);
                monotone += profile.monotone(current) ? 1 : 0;
                for (int g = 0; g < theta.length; g++) {
                    int expected = new NeuronDynamics(theta[g], 1.0, 0, reset).spikeCount(current);
                    assertEquals(expected, g < firing ? counts[g] : 0, "theta " + theta[g] + " on "
                            + Arrays.toString(current) + (predict ? ", predicted" : ", bisected"));
                }
            }
        }
        assertTrue(monotone > 0.8 * 2 * pairs.size(), "most series need a few simulations only: " + monotone);
        AlphaBetaFit.IfCountProfile profile = new AlphaBetaFit.IfCountProfile(theta, timesteps, reset);
        assertTrue(profile.monotone(new double[timesteps]));
        assertFalse(profile.monotone(withHuge(timesteps)), "a series with a huge current is simulated at every "
                + "threshold");
    }

    @ParameterizedTest(name = "T = {0}, reset {1}")
    @MethodSource("stepsAndResets")
    void snnModeFitEqualsTheScalarFitBitForBit(int timesteps, ResetMode reset) {
        for (long seed = 0; seed < 3; seed++) {
            PairedSamples pairs = awkwardPairs(2000, timesteps, 200 * timesteps + seed);
            assertEquals(ScalarAlphaBetaFit.fitSnn("l", pairs, MU, GRID, reset),
                    AlphaBetaFit.fitSnn("l", pairs, MU, GRID, reset));
        }
    }

    @ParameterizedTest(name = "reset {0}")
    @EnumSource(ResetMode.class)
    void snnModeSumsEqualTheScalarSumsWithNonFiniteSamplesToo(ResetMode reset) {
        PairedSamples pairs = awkwardPairs(2000, 3, 7);
        pairs.activations()[5] = Double.POSITIVE_INFINITY; // a * 0 = NaN: every sum a N becomes NaN
        double[][] sums = AlphaBetaFit.snnSums(pairs, MU, GRID, reset);
        for (double s : sums[0]) {
            assertTrue(Double.isNaN(s));
        }
        pairs.activations()[5] = 0.3;
        sums = AlphaBetaFit.snnSums(pairs, MU, GRID, reset);
        double[] theta = AlphaBetaFit.thresholds(GRID, MU);
        for (int g = 0; g < theta.length; g++) {
            NeuronDynamics neuron = new NeuronDynamics(theta[g], 1.0, 0, reset);
            double sumAN = 0;
            double sumN2 = 0;
            for (int i = 0; i < pairs.size(); i++) {
                int n = neuron.spikeCount(pairs.currents()[i]);
                sumAN += pairs.activations()[i] * n;
                sumN2 += (double) n * n;
            }
            assertEquals(sumAN, sums[0][g], 0, "sum a N, in sample order, at alpha " + GRID.at(g));
            assertEquals(sumN2, sums[1][g], 0, "sum N^2 at alpha " + GRID.at(g));
        }
    }

    @ParameterizedTest(name = "reset {0}")
    @EnumSource(ResetMode.class)
    void gridsTooFineForProvableBisectionAreSimulatedAtEveryPoint(ResetMode reset) {
        AlphaGrid fine = new AlphaGrid(0.9, 0.9 + 40e-16, 1e-16); // neighbouring thresholds one or two ulps apart
        double[] theta = AlphaBetaFit.thresholds(fine, MU);
        AlphaBetaFit.IfCountProfile profile = new AlphaBetaFit.IfCountProfile(theta, 4, reset);
        double[] current = {0.5 * MU, 0.4 * MU, 0.3 * MU, 0.6 * MU};
        assertFalse(profile.monotone(current));
        PairedSamples pairs = awkwardPairs(500, 4, 3);
        assertEquals(ScalarAlphaBetaFit.fitSnn("l", pairs, MU, fine, reset),
                AlphaBetaFit.fitSnn("l", pairs, MU, fine, reset));
        int[] counts = new int[theta.length];
        for (double[] c : pairs.currents()) {
            int firing = profile.counts(c, counts);
            for (int g = 0; g < theta.length; g++) {
                assertEquals(new NeuronDynamics(theta[g], 1.0, 0, reset).spikeCount(c), g < firing ? counts[g] : 0);
            }
        }
    }

    @Test
    void aOnePointGridNeedsNoBisection() {
        AlphaGrid one = new AlphaGrid(0.8, 0.8, 0.1);
        PairedSamples pairs = awkwardPairs(500, 2, 4);
        assertEquals(ScalarAlphaBetaFit.fitSnn("l", pairs, MU, one), AlphaBetaFit.fitSnn("l", pairs, MU, one));
        double[] z = awkwardSamples(500, 2, 4);
        assertEquals(ScalarAlphaBetaFit.fitDnn("l", z, MU, 2, one).alpha(), AlphaBetaFit.fitDnn("l", z, MU, 2, one)
                .alpha());
    }

    @Test
    void theConstantDriveSortsOnlyWhatCanFire() {
        AlphaBetaFit.ConstantDrive drive = AlphaBetaFit.ConstantDrive.of(new double[] {-1, 0, -0.0, 2, 0.5, 2}, MU);
        assertEquals(3, drive.size());
        int[] firsts = drive.boundaries(MU, 2, ResetMode.SUBTRACT, new int[3]);
        assertArrayEquals(new int[] {0, 1, 1}, firsts, "z = 0.5 fires 0 times at theta = mu, z = 2 twice");
        assertEquals(2 * MU, drive.sumAN(firsts, 2) / 2, 1e-12, "both z = 2 samples have a = mu and N = 2");
        assertEquals(8, drive.sumN2(firsts, 2));
    }

    @Test
    void resetToZeroLosesTheSurplusAboveThetaByHand() {
        // theta = 1, T = 5, constant drive 0.4: by subtraction U = 0.4, 0.8, 1.2 -> 0.2, 0.6, 1.0 -> 0: 2 spikes;
        // to zero U = 0.4, 0.8, 1.2 -> 0, 0.4, 0.8: 1 spike (every ceil(1 / 0.4) = 3 steps: floor(5 / 3) = 1)
        AlphaBetaFit.ConstantDrive drive = AlphaBetaFit.ConstantDrive.of(new double[] {0.4}, 1.0);
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, drive.boundaries(1.0, 5, ResetMode.SUBTRACT, new int[6]));
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 1}, drive.boundaries(1.0, 5, ResetMode.ZERO, new int[6]));
        assertEquals(1, new NeuronDynamics(1.0, 1.0, 0, ResetMode.ZERO).spikeCount(0.4, 5));
        assertEquals(2, new NeuronDynamics(1.0, 1.0, 0, ResetMode.SUBTRACT).spikeCount(0.4, 5));
        // the fit sees it: a single sample a = 0.4 is matched by v = T a / N, which the reset doubles
        AlphaGrid one = new AlphaGrid(1.0, 1.0, 0.1);
        assertEquals(5 * 0.4 / 2, AlphaBetaFit.fitDnn("l", new double[] {0.4}, 1.0, 5, one).beta(), 1e-12);
        assertEquals(5 * 0.4 / 1, AlphaBetaFit.fitDnn("l", new double[] {0.4}, 1.0, 5, one, ResetMode.ZERO).beta(),
                1e-12);
    }

    /**
     * The bisection over the grid relies on the count never rising with theta; {@link AlphaBetaFit.IfCountProfile}
     * proves it for reset to zero, and this checks it by brute force on mixed-sign series.
     */
    @Test
    void resetToZeroCountsNeverRiseWithTheThreshold() {
        Random r = new Random(41);
        for (int trial = 0; trial < 20_000; trial++) {
            int steps = 1 + r.nextInt(8);
            double[] current = new double[steps];
            for (int t = 0; t < steps; t++) {
                current[t] = r.nextInt(4) == 0 ? (r.nextInt(5) - 1) * 0.5 : r.nextGaussian() + 0.4;
            }
            double[] theta = r.doubles(30, 0.05, 3).sorted().toArray();
            int before = Integer.MAX_VALUE;
            for (double th : theta) {
                int n = new NeuronDynamics(th, 1.0, 0, ResetMode.ZERO).spikeCount(current);
                assertTrue(n <= before, "theta " + th + " on " + Arrays.toString(current));
                before = n;
            }
        }
    }

    /** input -> one IF layer over {@code width} neurons, in DOUBLE (where the kernel rounds as the reference does). */
    private static ComputationGraph ifLayer(int steps, int width, double theta, ResetMode reset) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(width))
                .addLayer("if", new IFNeuronLayer.Builder().timesteps(steps).theta(theta).reset(reset).build(), "in")
                .setOutputs("if").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /**
     * The counts the SNN-mode fit uses for each sample equal the spikes of that neuron in the spiking network's own
     * IF layer ({@link IFNeuronLayer}, the simulator's), at thresholds across the grid, for each reset.
     */
    @ParameterizedTest(name = "T = {0}, reset {1}")
    @MethodSource("stepsAndResets")
    void theFitsCountsAreTheSpikesOfTheNetworksIfLayer(int timesteps, ResetMode reset) {
        PairedSamples pairs = awkwardPairs(1500, timesteps, 60 + timesteps);
        double[][] series = Arrays.stream(pairs.currents())
                .filter(c -> Arrays.stream(c).allMatch(Double::isFinite)).toArray(double[][]::new);
        int width = series.length;
        double[][] rows = new double[timesteps][width]; // one sample (N = 1): row t holds step t of every series
        for (int j = 0; j < width; j++) {
            for (int t = 0; t < timesteps; t++) {
                rows[t][j] = series[j][t];
            }
        }
        INDArray current = Nd4j.createFromArray(rows);
        double[] theta = AlphaBetaFit.thresholds(GRID, MU);
        int[][] fitted = new int[width][theta.length];
        AlphaBetaFit.IfCountProfile profile = new AlphaBetaFit.IfCountProfile(theta, timesteps, reset);
        for (int j = 0; j < width; j++) {
            int firing = profile.counts(series[j], fitted[j]);
            Arrays.fill(fitted[j], firing, theta.length, 0);
        }
        int spiking = 0;
        for (int g = 0; g < theta.length; g += 29) {
            INDArray spikes = ifLayer(timesteps, width, theta[g], reset).outputSingle(current).sum(0);
            for (int j = 0; j < width; j++) {
                assertEquals(fitted[j][g], spikes.getDouble(j), 0, "theta " + theta[g] + " on "
                        + Arrays.toString(series[j]));
                spiking += fitted[j][g] > 0 ? 1 : 0;
            }
        }
        assertTrue(spiking > width, "enough neurons fire to mean something: " + spiking);
    }

    private static double[] withHuge(int timesteps) {
        double[] c = new double[timesteps];
        c[0] = 1e20;
        return c;
    }
}
