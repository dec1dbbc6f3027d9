package org.ullsnn.stats;

import java.util.Arrays;

/**
 * What calibration saw of one spiking layer's pre-activation {@code z} (before the clip
 * {@code a = clip(z, 0, mu)}), over all {@code count} values that the calibration images produced.
 * <ul>
 *   <li>Exact over all values: {@code count}, {@code min}, {@code max}, the three counts
 *       {@code #(z <= 0)}, {@code #(0 < z < mu)}, {@code #(z >= mu)}, and the {@link Histogram}.</li>
 *   <li>{@code samples}: a uniform random sample of all values of {@code z} (zeros and negatives included),
 *       or all of them; {@link #exact()} says which.</li>
 *   <li>Percentiles of {@code a} ({@link #activationPercentile(double)}) come from {@code samples}, by
 *       linear interpolation (Hyndman-Fan type 7, as numpy and torch): exact when {@link #exact()}, an
 *       estimate from the reservoir otherwise.</li>
 * </ul>
 * Immutable: arrays are copied in and out.
 *
 * @param layer         the activation vertex's name
 * @param mu            the clip value ({@code +Infinity} for a plain ReLU)
 * @param count         number of values of {@code z}, {@code >= 1}
 * @param atOrBelowZero {@code #(z <= 0)}
 * @param inside        {@code #(0 < z < mu)}
 * @param clipped       {@code #(z >= mu)}
 * @param min           smallest {@code z}
 * @param max           largest {@code z}
 * @param samples       between 1 and {@code count} values of {@code z}, all in {@code [min, max]}
 * @param histogram     counts of {@code z} over {@code [min, max]}, summing to {@code count}
 */
public record LayerDistribution(String layer, double mu, long count, long atOrBelowZero, long inside,
        long clipped, double min, double max, double[] samples, Histogram histogram) {

    public LayerDistribution {
        Checks.named("layer", layer);
        Checks.clipValue("mu of " + layer, mu);
        if (count < 1) {
            throw new IllegalArgumentException("layer " + layer + " needs count >= 1, got " + count);
        }
        Checks.nonNegative("#(z <= 0) of " + layer, atOrBelowZero);
        Checks.nonNegative("#(0 < z < mu) of " + layer, inside);
        Checks.nonNegative("#(z >= mu) of " + layer, clipped);
        if (atOrBelowZero + inside + clipped != count) {
            throw new IllegalArgumentException("layer " + layer + ": #(z <= 0) + #(0 < z < mu) + #(z >= mu) must"
                    + " equal count " + count + ", got " + atOrBelowZero + " + " + inside + " + " + clipped);
        }
        Checks.finite("min of " + layer, min);
        Checks.finite("max of " + layer, max);
        if (min > max) {
            throw new IllegalArgumentException("layer " + layer + " needs min <= max, got " + min + " > " + max);
        }
        Checks.notNull("samples", samples);
        if (samples.length < 1 || samples.length > count) {
            throw new IllegalArgumentException("layer " + layer + " needs between 1 and count = " + count
                    + " samples, got " + samples.length);
        }
        for (double z : samples) {
            if (!(z >= min && z <= max)) {
                throw new IllegalArgumentException("layer " + layer + ": every sample must lie in [min, max] = ["
                        + min + ", " + max + "], got " + z);
            }
        }
        Checks.notNull("histogram", histogram);
        if (histogram.total() != count) {
            throw new IllegalArgumentException("layer " + layer + ": histogram must count all " + count
                    + " values, got " + histogram.total());
        }
        samples = samples.clone();
    }

    /**
     * The distribution of the values {@code z} themselves (all kept, so {@link #exact()}), with
     * {@code bins} histogram bins: for tests, and for samples that did not come from a DNN.
     */
    public static LayerDistribution of(String layer, double mu, double[] z, int bins) {
        Checks.notNull("z", z);
        if (z.length == 0) {
            throw new IllegalArgumentException("layer " + layer + " needs at least one value of z, got none");
        }
        Checks.clipValue("mu of " + layer, mu);
        long low = 0;
        long clip = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            Checks.finite("z of " + layer, v);
            if (v <= 0) {
                low++;
            } else if (v >= mu) {
                clip++;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new LayerDistribution(layer, mu, z.length, low, z.length - low - clip, clip, min, max, z,
                Histogram.of(z, bins));
    }

    /** {@code true} when {@link #samples()} holds every value of {@code z}, not a reservoir sample. */
    public boolean exact() {
        return samples.length == count;
    }

    /** A copy of the sampled values of {@code z} (all of them when {@link #exact()}). */
    @Override
    public double[] samples() {
        return samples.clone();
    }

    /** The number of sampled values. */
    public int sampleSize() {
        return samples.length;
    }

    /** The sampled values with {@code z > 0}: what the distribution families are fitted to. */
    public double[] positiveSamples() {
        return Arrays.stream(samples).filter(z -> z > 0).toArray();
    }

    /** {@code P(z <= 0)}, exact: the zero-inflation weight {@code p0}. */
    public double fractionAtOrBelowZero() {
        return (double) atOrBelowZero / count;
    }

    /** {@code P(0 < z < mu)}, exact. */
    public double fractionInside() {
        return (double) inside / count;
    }

    /** {@code P(z >= mu)}, exact. */
    public double fractionClipped() {
        return (double) clipped / count;
    }

    /** The sampled activations {@code a = clip(z, 0, mu)}. */
    public double[] activations() {
        double[] a = new double[samples.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.min(Math.max(samples[i], 0.0), mu);
        }
        return a;
    }

    /**
     * The {@code percent}-th percentile (in [0, 100]) of {@code a = clip(z, 0, mu)} by {@link QuantileMethod#HF7};
     * exact when {@link #exact()}, from the reservoir otherwise.
     */
    public double activationPercentile(double percent) {
        return activationPercentiles(QuantileMethod.HF7, percent)[0];
    }

    /** Percentiles (each in [0, 100]) of {@code a = clip(z, 0, mu)} by {@code method}. */
    public double[] activationPercentiles(QuantileMethod method, double... percents) {
        Checks.notNull("method", method);
        double[] p = new double[percents.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Checks.percent("percentile", percents[i]) / 100.0;
        }
        return method.evaluate(activations(), p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerDistribution d && layer.equals(d.layer) && Double.compare(mu, d.mu) == 0
                && count == d.count && atOrBelowZero == d.atOrBelowZero && inside == d.inside
                && clipped == d.clipped && Double.compare(min, d.min) == 0 && Double.compare(max, d.max) == 0
                && Arrays.equals(samples, d.samples) && histogram.equals(d.histogram);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * layer.hashCode() + Long.hashCode(count)) + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "LayerDistribution[layer=" + layer + ", mu=" + mu + ", count=" + count + ", P(z<=0)="
                + fractionAtOrBelowZero() + ", P(0<z<mu)=" + fractionInside() + ", P(z>=mu)=" + fractionClipped()
                + ", min=" + min + ", max=" + max + ", samples=" + samples.length + (exact() ? " (all)" : "")
                + "]";
    }
}
