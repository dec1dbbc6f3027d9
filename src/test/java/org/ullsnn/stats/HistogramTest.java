package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistogramTest {

    /** Brute force: the bin {@code i} with {@code edges[i] <= z < edges[i + 1]}, the last bin closed. */
    static long[] linearScan(double[] edges, double[] values) {
        int bins = edges.length - 1;
        long[] counts = new long[bins];
        for (double z : values) {
            for (int i = 0; i < bins; i++) {
                boolean last = i == bins - 1;
                if (z >= edges[i] && (z < edges[i + 1] || last && z <= edges[i + 1])) {
                    counts[i]++;
                    break;
                }
            }
        }
        return counts;
    }

    @Test
    void countsMatchALinearScanOverTheStoredEdges() {
        SplittableRandom r = new SplittableRandom(1);
        double[] values = new double[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextGaussian() * 3 - 1;
        }
        Histogram h = Histogram.of(values, 7);
        // values lying exactly on inner edges must go to the bin above
        double[] withEdges = new double[values.length + 6];
        System.arraycopy(values, 0, withEdges, 0, values.length);
        for (int i = 1; i <= 6; i++) {
            withEdges[values.length + i - 1] = h.edges()[i];
        }
        Histogram h2 = Histogram.of(withEdges, 7);
        assertArrayEquals(h.edges(), h2.edges());
        assertArrayEquals(linearScan(h2.edges(), withEdges), h2.counts());
        assertEquals(withEdges.length, h2.total());
    }

    @Test
    void theMaximumFallsInTheLastBin() {
        Histogram h = Histogram.of(new double[] {0, 1, 2, 3, 4}, 4);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, h.edges());
        assertArrayEquals(new long[] {1, 1, 1, 2}, h.counts());
    }

    @Test
    void equalValuesGetAUnitWideRangeAsInNumpy() {
        Histogram h = Histogram.of(new double[] {2, 2, 2}, 2);
        assertArrayEquals(new double[] {1.5, 2, 2.5}, h.edges());
        assertArrayEquals(new long[] {0, 3}, h.counts());
    }

    @Test
    void tableHasOneRowPerBinWithFractions() {
        var t = Histogram.of(new double[] {0, 1, 2, 3}, 2).toTable();
        assertEquals(2, t.rowCount());
        assertEquals(0.5, t.doubleColumn("fraction").get(0));
    }

    @Test
    void decreasingEdgesAreRejectedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Histogram(new double[] {0, 2, 1}, new long[] {1, 1}));
        assertTrue(e.getMessage().contains("non-decreasing, got 2.0 then 1.0"), e.getMessage());
    }
}
