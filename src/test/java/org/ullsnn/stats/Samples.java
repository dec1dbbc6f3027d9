package org.ullsnn.stats;

import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/** Seeded samples from Commons Statistics distributions, for tests. */
final class Samples {

    private Samples() {
    }

    /** A random source for Commons samplers, driven by {@link SplittableRandom}. */
    static UniformRandomProvider rng(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return r::nextLong;
    }

    /** {@code n} draws of {@code d}. */
    static double[] of(ContinuousDistribution d, int n, long seed) {
        return d.createSampler(rng(seed)).samples(n).toArray();
    }

    /** {@code n} draws of the zero-inflated model: 0 with probability {@code p0}, else a draw of {@code d}. */
    static double[] zeroInflated(double p0, ContinuousDistribution d, int n, long seed) {
        SplittableRandom coin = new SplittableRandom(seed ^ 0x5DEECE66DL);
        ContinuousDistribution.Sampler s = d.createSampler(rng(seed));
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = coin.nextDouble() < p0 ? -coin.nextDouble() : s.sample();
        }
        return z;
    }
}
