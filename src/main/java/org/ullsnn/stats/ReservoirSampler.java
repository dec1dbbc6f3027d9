package org.ullsnn.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A bounded, uniform random sample of a stream of unknown length: after {@code n} values have been offered,
 * the sampler holds {@code min(n, k)} of them, and every {@code k}-subset of the stream is equally likely.
 * Memory is {@code k} doubles whatever {@code n} is.
 *
 * <p>Li's Algorithm L (K.-H. Li, "Reservoir-sampling algorithms of time complexity O(n(1 + log(N/n)))",
 * ACM TOMS 20(4), 1994): instead of drawing one random number per value, it draws how many values to skip
 * before the next replacement, so a layer that produces millions of values per batch costs
 * {@code O(k (1 + log(n / k)))} random draws in all. With {@code U} uniform on (0, 1]:
 * <pre>
 * fill:    the first k values enter in order;  W = exp(log(U) / k)
 * skip:    s = floor(log(U) / log(1 - W));     the value s + 1 places after the last taken one is taken next
 * replace: it overwrites a uniformly chosen slot;  W = W * exp(log(U) / k)
 * </pre>
 * <ul>
 *   <li>While {@code n <= k} the sample is the whole stream, in stream order ({@link #holdsAll()}).</li>
 *   <li>The same seed and the same stream give the same sample, whether values arrive one at a time or in
 *       arrays of any size.</li>
 *   <li>Not thread-safe: one sampler per stream.</li>
 * </ul>
 */
public final class ReservoirSampler {

    private final double[] reservoir;
    private final SplittableRandom rng;
    private long seen;
    /** Index (0-based, in the stream) of the next value to take once the reservoir is full. */
    private long next;
    private double w;

    /**
     * An empty sampler.
     *
     * @param capacity {@code k >= 1}, the most values kept
     * @param seed     seed of the skip and slot draws
     */
    public ReservoirSampler(int capacity, long seed) {
        this.reservoir = new double[Checks.positive("reservoir capacity", capacity)];
        this.rng = new SplittableRandom(seed);
    }

    /** The most values kept, {@code k}. */
    public int capacity() {
        return reservoir.length;
    }

    /** How many values have been offered so far, {@code n}. */
    public long seen() {
        return seen;
    }

    /** {@code true} while every offered value is kept ({@code n <= k}). */
    public boolean holdsAll() {
        return seen <= reservoir.length;
    }

    /** Offers one value. */
    public void offer(double value) {
        if (seen < reservoir.length) {
            fill(value);
            return;
        }
        if (seen == next) {
            replace(value);
        }
        seen++;
    }

    /** Offers {@code values[from..to)}, skipping over the values that would not be taken. */
    public void offer(double[] values, int from, int to) {
        Checks.notNull("values", values);
        if (from < 0 || to > values.length || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") must lie in [0, " + values.length
                    + "]");
        }
        int i = from;
        while (i < to && seen < reservoir.length) {
            fill(values[i++]);
        }
        while (i < to) {
            long remaining = to - i;
            long gap = next - seen;
            if (gap >= remaining) {
                seen += remaining;
                return;
            }
            i += (int) gap;
            seen += gap;
            replace(values[i++]);
            seen++;
        }
    }

    /** Offers every value of {@code values}. */
    public void offer(double[] values) {
        offer(values, 0, values.length);
    }

    /**
     * A copy of the current sample: {@code min(n, k)} values; in stream order while {@link #holdsAll()},
     * in slot order after that.
     */
    public double[] sample() {
        return Arrays.copyOf(reservoir, (int) Math.min(seen, reservoir.length));
    }

    private void fill(double value) {
        reservoir[(int) seen] = value;
        seen++;
        if (seen == reservoir.length) {
            w = Math.exp(Math.log(uniform()) / reservoir.length);
            next = seen + skip();
        }
    }

    private void replace(double value) {
        reservoir[rng.nextInt(reservoir.length)] = value;
        w *= Math.exp(Math.log(uniform()) / reservoir.length);
        next = saturatedAdd(next, skip() + 1);
    }

    /** {@code floor(log(U) / log(1 - W))}, saturated so that the stream index never overflows. */
    private long skip() {
        double s = Math.floor(Math.log(uniform()) / Math.log1p(-w));
        return s >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) s;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }

    /** Uniform on (0, 1], so that its logarithm is finite. */
    private double uniform() {
        return 1.0 - rng.nextDouble();
    }
}
