package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

class ReservoirSamplerTest {

    /** Reject uniformity only below this p-value: a false alarm once in 1000 seeds. */
    private static final double UNIFORMITY_P_VALUE = 1e-3;

    @Test
    void keepsEveryValueInStreamOrderWhileTheStreamFitsTheCapacity() {
        ReservoirSampler r = new ReservoirSampler(10, 1);
        r.offer(new double[] {5, 4, 3}, 0, 3);
        r.offer(2);
        assertTrue(r.holdsAll());
        assertArrayEquals(new double[] {5, 4, 3, 2}, r.sample());
        r.offer(new double[] {1, 0, -1, -2, -3, -4}, 0, 6);
        assertTrue(r.holdsAll());
        assertEquals(10, r.seen());
        assertArrayEquals(new double[] {5, 4, 3, 2, 1, 0, -1, -2, -3, -4}, r.sample());
    }

    @Test
    void holdsExactlyCapacityDistinctStreamValuesAfterTenMillion() {
        int k = 1000;
        ReservoirSampler r = new ReservoirSampler(k, 7);
        double[] chunk = new double[100_000];
        for (int c = 0; c < 100; c++) {
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (double) c * chunk.length + i;
            }
            r.offer(chunk);
        }
        assertEquals(10_000_000L, r.seen());
        assertFalse(r.holdsAll());
        double[] s = r.sample();
        assertEquals(k, s.length);
        assertEquals(k, Arrays.stream(s).distinct().count(), "each stream value is taken at most once");
        double mean = Arrays.stream(s).average().orElseThrow();
        double sd = 1e7 / Math.sqrt(12) / Math.sqrt(k);
        assertEquals(5e6, mean, 5 * sd, "a uniform sample of 0..1e7-1 has mean near 5e6");
    }

    @Test
    void everyStreamPositionIsEquallyLikelyToBeKept() {
        int n = 1000;
        int k = 50;
        int runs = 4000;
        long[] keptPerDecile = new long[10];
        for (int run = 0; run < runs; run++) {
            ReservoirSampler r = new ReservoirSampler(k, run);
            for (int i = 0; i < n; i++) {
                r.offer(i);
            }
            for (double v : r.sample()) {
                keptPerDecile[(int) v / (n / 10)]++;
            }
        }
        assertEquals((long) runs * k, Arrays.stream(keptPerDecile).sum());
        double p = ChiSquareTest.withDefaults().test(keptPerDecile).getPValue();
        assertTrue(p > UNIFORMITY_P_VALUE, "inclusion counts per decile " + Arrays.toString(keptPerDecile)
                + " are not uniform, chi-square p = " + p);
    }

    @Test
    void arraysOfAnySizeGiveTheSameSampleAsSingleValues() {
        double[] stream = new SplittableRandom(3).doubles(200_000).toArray();
        ReservoirSampler single = new ReservoirSampler(300, 11);
        for (double v : stream) {
            single.offer(v);
        }
        ReservoirSampler bulk = new ReservoirSampler(300, 11);
        SplittableRandom sizes = new SplittableRandom(5);
        int i = 0;
        while (i < stream.length) {
            int to = Math.min(stream.length, i + sizes.nextInt(1, 5000));
            bulk.offer(stream, i, to);
            i = to;
        }
        assertEquals(single.seen(), bulk.seen());
        assertArrayEquals(single.sample(), bulk.sample());
    }

    @Test
    void sameSeedGivesSameSampleAndAnotherSeedAnother() {
        double[] stream = new SplittableRandom(3).doubles(50_000).toArray();
        ReservoirSampler a = new ReservoirSampler(100, 1);
        ReservoirSampler b = new ReservoirSampler(100, 1);
        ReservoirSampler c = new ReservoirSampler(100, 2);
        a.offer(stream);
        b.offer(stream);
        c.offer(stream);
        assertArrayEquals(a.sample(), b.sample());
        assertFalse(Arrays.equals(a.sample(), c.sample()));
    }

    @Test
    void capacityBelowOneIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReservoirSampler(0, 1));
        assertEquals("reservoir capacity must be >= 1, got 0", e.getMessage());
    }
}
