package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ullsnn.snn.NeuronDynamics;

class ConversionSettingTest {

    private static final int CASES = 20_000;
    private static final double TOLERANCE = 1e-12;

    /**
     * The IF neuron with soft reset under constant drive z, step by step ({@link NeuronDynamics}, the one scalar
     * step rule): the spike count, and the membrane after each step's reset into {@code trace} when given.
     */
    private static int simulate(double z, double theta, double u0, int timesteps, double[] trace) {
        double[] current = new double[timesteps];
        Arrays.fill(current, z);
        NeuronDynamics.Trace run = NeuronDynamics.integrateAndFire(theta, u0).run(current);
        if (trace != null) {
            System.arraycopy(run.afterReset(), 0, trace, 0, timesteps);
        }
        return Arrays.stream(run.spikes()).sum();
    }

    @Test
    void spikeCountFormulaEqualsAStepByStepIfSimulation() {
        SplittableRandom r = new SplittableRandom(2024);
        for (int i = 0; i < CASES; i++) {
            double theta = r.nextDouble(0.05, 5);
            double u0 = r.nextDouble() * theta;
            int t = r.nextInt(1, 17);
            double z = r.nextDouble(-1, 3) * theta;
            ConversionSetting s = new ConversionSetting(theta, 1, u0, t);
            assertEquals(simulate(z, theta, u0, t, null), s.spikeCount(z),
                    "z=" + z + " theta=" + theta + " u0=" + u0 + " T=" + t);
        }
    }

    @Test
    void javadocExampleFiresOnceWithTheStatedMembraneTrace() {
        ConversionSetting s = new ConversionSetting(1, 1, 0.5, 4);
        assertEquals(1, s.spikeCount(0.3));
        double[] trace = new double[4];
        assertEquals(1, simulate(0.3, 1, 0.5, 4, trace));
        assertArrayEquals(new double[] {0.8, 0.1, 0.4, 0.7}, trace, TOLERANCE);
        assertEquals(0.25, s.output(0.3), TOLERANCE);
    }

    @Test
    void halfThresholdShiftWithThetaEqualToVEqualToMuIsTheRoundedClip() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < CASES; i++) {
            double mu = r.nextDouble(0.1, 8);
            int t = r.nextInt(1, 9);
            double z = r.nextDouble(-0.5, 1.5) * mu;
            ConversionSetting s = new ConversionSetting(mu, mu, mu / 2, t);
            double rounded = mu / t * Math.min(Math.max(Math.floor(t * z / mu + 0.5), 0), t);
            assertEquals(rounded, s.output(z), TOLERANCE * mu, "z=" + z + " mu=" + mu + " T=" + t);
        }
    }

    @Test
    void breakpointIsTheSmallestInputWithKSpikes() {
        ConversionSetting s = new ConversionSetting(0.8, 1, 0.3, 5);
        for (int k = 1; k <= 5; k++) {
            double zk = s.breakpoint(k);
            assertEquals((k * 0.8 - 0.3) / 5, zk, TOLERANCE);
            assertTrue(s.spikeCount(zk + 1e-9) >= k);
            assertEquals(k - 1, s.spikeCount(zk - 1e-9));
        }
    }

    @Test
    void countIsClippedToZeroAndT() {
        ConversionSetting s = new ConversionSetting(1, 2, 0.9, 3);
        assertEquals(0, s.spikeCount(-1e300));
        assertEquals(0, s.spikeCount(0));
        assertEquals(3, s.spikeCount(1e300));
        assertEquals(2, s.output(1e300), TOLERANCE);
    }

    @Test
    void settingsOutsideTheProvenRangeAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConversionSetting(1, 1, 1, 4));
        assertEquals("u0 must be in [0, theta) = [0, 1.0), got 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConversionSetting(1, 1, -0.1, 4));
        assertEquals("theta must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new ConversionSetting(0, 1, 0, 4)).getMessage());
        assertEquals("timesteps T must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new ConversionSetting(1, 1, 0, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConversionSetting(1, Double.NaN, 0, 2));
    }
}
