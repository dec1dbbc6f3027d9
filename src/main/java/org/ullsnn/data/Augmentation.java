package org.ullsnn.data;

import java.util.random.RandomGenerator;

/**
 * Random training-time augmentation of METHOD.md section 1: a random crop of the image's own size from the
 * image zero-padded by {@code padding} pixels on every side (zero pixel values, i.e. before normalising),
 * then a horizontal flip with probability {@code flipProbability}. The randomness comes from a generator
 * the caller seeds; {@link #sample(RandomGenerator)} draws the crop row offset, the column offset, then the
 * flip, in that order.
 *
 * @param padding         zero pixels added on each side before cropping, {@code >= 0} (4 for CIFAR)
 * @param flipProbability chance of a horizontal flip, in [0, 1] (0.5 for CIFAR)
 */
public record Augmentation(int padding, double flipProbability) {

    /** No augmentation (evaluation). */
    public static final Augmentation NONE = new Augmentation(0, 0.0);

    /** Random crop 32 with padding 4 and horizontal flip with p = 0.5, as in the paper's training. */
    public static final Augmentation CIFAR = new Augmentation(4, 0.5);

    public Augmentation {
        Checks.nonNegative("padding", padding);
        if (!(flipProbability >= 0 && flipProbability <= 1)) {
            throw new IllegalArgumentException("flipProbability must be in [0, 1], got " + flipProbability);
        }
    }

    /** Whether every sample leaves images unchanged. */
    public boolean isIdentity() {
        return padding == 0 && flipProbability == 0;
    }

    /** Draws one crop-and-flip: offsets uniform in {@code [-padding, padding]}, flip with the set probability. */
    public CropFlip sample(RandomGenerator rng) {
        int dy = padding == 0 ? 0 : rng.nextInt(2 * padding + 1) - padding;
        int dx = padding == 0 ? 0 : rng.nextInt(2 * padding + 1) - padding;
        boolean flip = flipProbability > 0 && rng.nextDouble() < flipProbability;
        return new CropFlip(dy, dx, flip);
    }
}
