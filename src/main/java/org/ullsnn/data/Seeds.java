package org.ullsnn.data;

/**
 * Derives independent 64-bit seeds from a base seed and a few integers (epoch, position), so that every
 * random decision depends only on its coordinates and not on the order in which it is made. Uses the
 * SplitMix64 finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014).
 */
final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {
    }

    static long mix(long seed, long... parts) {
        long h = finalise(seed + GOLDEN_GAMMA);
        for (long part : parts) {
            h = finalise(h ^ finalise(part + GOLDEN_GAMMA * 2));
        }
        return h;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
