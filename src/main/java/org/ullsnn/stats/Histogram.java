package org.ullsnn.stats;

import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Exact counts of values in {@code B} equal-width bins. Bin {@code i} is {@code [edges[i], edges[i + 1])};
 * the last bin also holds its upper edge, so a histogram over {@code [min z, max z]} counts every value
 * (the convention of {@code numpy.histogram}).
 * <ul>
 *   <li>{@code edges[i] = lo + (hi - lo) i / B}, with {@code edges[B] = hi} exactly.</li>
 *   <li>When all values are equal ({@code lo == hi}) the range becomes {@code [lo - 1/2, hi + 1/2]}, as numpy
 *       does, so the bins keep a positive width.</li>
 *   <li>Which bin a value falls in is decided against the stored edges, never by a rounded division alone,
 *       so a brute-force scan over {@link #edges()} gives the same counts.</li>
 * </ul>
 *
 * @param edges  {@code B + 1} finite, non-decreasing bin edges
 * @param counts {@code B} counts, each {@code >= 0}
 */
public record Histogram(double[] edges, long[] counts) {

    public Histogram {
        Checks.notNull("edges", edges);
        Checks.notNull("counts", counts);
        if (counts.length < 1 || edges.length != counts.length + 1) {
            throw new IllegalArgumentException("a histogram needs B >= 1 counts and B + 1 edges, got "
                    + counts.length + " counts and " + edges.length + " edges");
        }
        for (int i = 0; i < edges.length; i++) {
            Checks.finite("histogram edge " + i, edges[i]);
            if (i > 0 && edges[i] < edges[i - 1]) {
                throw new IllegalArgumentException("histogram edges must be non-decreasing, got " + edges[i - 1]
                        + " then " + edges[i] + " at index " + i);
            }
        }
        for (int i = 0; i < counts.length; i++) {
            Checks.nonNegative("histogram count " + i, counts[i]);
        }
        edges = edges.clone();
        counts = counts.clone();
    }

    /** The histogram of {@code values} with {@code bins} equal bins over {@code [min, max]} of the values. */
    public static Histogram of(double[] values, int bins) {
        Checks.notNull("values", values);
        if (values.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one value, got none");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            Checks.finite("histogram value", v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] edges = equalEdges(min, max, bins);
        long[] counts = new long[bins];
        for (double v : values) {
            counts[bin(edges, v)]++;
        }
        return new Histogram(edges, counts);
    }

    /**
     * {@code bins + 1} equal-width edges over {@code [min, max]} (widened to {@code [min - 1/2, max + 1/2]} when
     * {@code min == max}).
     */
    static double[] equalEdges(double min, double max, int bins) {
        Checks.positive("histogram bins", bins);
        Checks.finite("histogram min", min);
        Checks.finite("histogram max", max);
        if (min > max) {
            throw new IllegalArgumentException("histogram range needs min <= max, got [" + min + ", " + max + "]");
        }
        double lo = min;
        double hi = max;
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            edges[i] = lo + (hi - lo) * i / bins;
        }
        edges[bins] = hi;
        return edges;
    }

    /**
     * The bin of {@code z} for these edges: {@code i} with {@code edges[i] <= z < edges[i + 1]}, the last bin
     * closed; {@code -1} when {@code z} lies outside {@code [edges[0], edges[B]]} or is NaN.
     */
    static int bin(double[] edges, double z) {
        int bins = edges.length - 1;
        double lo = edges[0];
        double hi = edges[bins];
        if (!(z >= lo && z <= hi)) {
            return -1;
        }
        int i = (int) ((z - lo) / (hi - lo) * bins);
        i = Math.max(0, Math.min(bins - 1, i));
        while (i > 0 && z < edges[i]) {
            i--;
        }
        while (i < bins - 1 && z >= edges[i + 1]) {
            i++;
        }
        return i;
    }

    /** A copy of the {@code B + 1} edges. */
    @Override
    public double[] edges() {
        return edges.clone();
    }

    /** A copy of the {@code B} counts. */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** The number of bins, {@code B}. */
    public int bins() {
        return counts.length;
    }

    /** The sum of all counts. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** One row per bin: bin, lower, upper, count, fraction of the total. */
    public Table toTable() {
        IntColumn bin = IntColumn.create("bin");
        DoubleColumn lower = DoubleColumn.create("lower");
        DoubleColumn upper = DoubleColumn.create("upper");
        LongColumn count = LongColumn.create("count");
        DoubleColumn fraction = DoubleColumn.create("fraction");
        long total = total();
        for (int i = 0; i < counts.length; i++) {
            bin.append(i);
            lower.append(edges[i]);
            upper.append(edges[i + 1]);
            count.append(counts[i]);
            fraction.append(total == 0 ? Double.NaN : (double) counts[i] / total);
        }
        return Table.create("histogram", bin, lower, upper, count, fraction);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Arrays.equals(edges, h.edges) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[bins=" + counts.length + ", range=[" + edges[0] + ", " + edges[counts.length] + "], total="
                + total() + "]";
    }
}
