package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayerDistributionTest {

    private static final double TOLERANCE = 1e-12;

    /** Hyndman-Fan type 7 on a sorted copy: {@code h = (n - 1) p}, 0-based, linear between neighbours. */
    static double hf7(double[] values, double p) {
        double[] x = values.clone();
        Arrays.sort(x);
        double h = (x.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, x.length - 1);
        return x[lo] + (h - lo) * (x[hi] - x[lo]);
    }

    @Test
    void activationPercentilesMatchASortedArrayHf7Reference() {
        SplittableRandom r = new SplittableRandom(2);
        double[] z = new double[1001];
        for (int i = 0; i < z.length; i++) {
            z[i] = r.nextGaussian() * 2;
        }
        double mu = 1.5;
        LayerDistribution d = LayerDistribution.of("act", mu, z, 10);
        double[] a = Arrays.stream(z).map(v -> Math.min(Math.max(v, 0), mu)).toArray();
        for (double percent : new double[] {0, 1, 25, 50, 73.3, 90, 99, 99.9, 100}) {
            assertEquals(hf7(a, percent / 100), d.activationPercentile(percent), TOLERANCE, "p" + percent);
        }
        double[] many = d.activationPercentiles(QuantileMethod.HF7, 50, 99.9);
        assertEquals(hf7(a, 0.5), many[0], TOLERANCE);
        assertEquals(hf7(a, 0.999), many[1], TOLERANCE);
    }

    @Test
    void hf7PercentileOfFourValuesInterpolatesAsNumpy() {
        // numpy.percentile([0, 1, 2, 10], 50) = 1.5; 90 -> 2 + 0.7 * 8 = 7.6
        LayerDistribution d = LayerDistribution.of("act", 100, new double[] {10, 0, 2, 1}, 4);
        assertEquals(1.5, d.activationPercentile(50), TOLERANCE);
        assertEquals(7.6, d.activationPercentile(90), TOLERANCE);
    }

    @Test
    void fractionsCountZeroAsBelowAndMuAsClipped() {
        LayerDistribution d = LayerDistribution.of("act", 1.0, new double[] {-1, 0, 0.5, 1, 2}, 4);
        assertEquals(2, d.atOrBelowZero());
        assertEquals(1, d.inside());
        assertEquals(2, d.clipped());
        assertEquals(0.4, d.fractionAtOrBelowZero(), TOLERANCE);
        assertEquals(0.2, d.fractionInside(), TOLERANCE);
        assertEquals(0.4, d.fractionClipped(), TOLERANCE);
        assertArrayEquals(new double[] {0.5, 1, 2}, d.positiveSamples());
        assertTrue(d.exact());
    }

    @Test
    void aReservoirSmallerThanTheCountIsNotExact() {
        Histogram h = new Histogram(new double[] {-1, 2}, new long[] {10});
        LayerDistribution d = new LayerDistribution("act", 1.0, 10, 4, 3, 3, -1, 2, new double[] {-1, 0.5}, h);
        assertFalse(d.exact());
        assertEquals(2, d.sampleSize());
    }

    @Test
    void countsThatDoNotAddUpAreRejectedWithTheValues() {
        Histogram h = new Histogram(new double[] {-1, 2}, new long[] {10});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LayerDistribution("act", 1.0, 10, 4, 3, 2, -1, 2, new double[] {0.5}, h));
        assertEquals("layer act: #(z <= 0) + #(0 < z < mu) + #(z >= mu) must equal count 10, got 4 + 3 + 2",
                e.getMessage());
    }

    @Test
    void samplesAreCopiedInAndOut() {
        double[] z = {1, 2, 3};
        LayerDistribution d = LayerDistribution.of("act", 4, z, 2);
        z[0] = 99;
        d.samples()[1] = 99;
        assertArrayEquals(new double[] {1, 2, 3}, d.samples());
    }

    @Test
    void aNetworkDistributionRejectsDuplicateLayerNames() {
        LayerDistribution d = LayerDistribution.of("act", 1, new double[] {1, 2}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkDistribution(java.util.List.of(d, d), 1, CaptureConfig.defaults()));
        assertEquals("layer names must be unique, got 'act' twice", e.getMessage());
    }
}
