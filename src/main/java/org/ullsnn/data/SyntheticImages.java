package org.ullsnn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tiny seeded image sets that a small network learns in seconds, for tests of other packages.
 * Class {@code k} draws a pattern ({@code k + k / 8} mod 4: horizontal stripes, vertical stripes, a centred
 * square, diagonal stripes) in a colour ({@code k} mod 8: red, green, blue, yellow, cyan, magenta, white,
 * orange) on a dark background, plus uniform noise of +-{@value #NOISE} per pixel. No two classes share
 * both colour and pattern (up to {@value #MAX_CLASSES} classes). Images come in round-robin class order
 * (0, 1, ..., K-1, 0, 1, ...), so every prefix is nearly balanced; the same arguments give the same bytes.
 */
public final class SyntheticImages {

    /** The most classes with distinct colour-and-pattern pairs. */
    public static final int MAX_CLASSES = 32;

    /** Maximum noise added to each pixel value, either sign. */
    public static final int NOISE = 12;

    private static final double[][] PALETTE = {
        {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}, {1, 0.5, 0}};
    private static final String[] COLOURS = {"red", "green", "blue", "yellow", "cyan", "magenta", "white", "orange"};
    private static final String[] PATTERNS = {"hstripes", "vstripes", "square", "diagonal"};
    private static final int BACKGROUND = 30;
    private static final int FLOOR = 40;
    private static final int RANGE = 180;

    private SyntheticImages() {
    }

    /**
     * {@code classes * perClass} images of {@code shape}.
     *
     * @param classes  1..{@value #MAX_CLASSES}
     * @param perClass images per class, {@code >= 1}
     * @param shape    height and width at least 4
     * @param seed     drives the noise
     */
    public static ImageSet generate(int classes, int perClass, ImageShape shape, long seed) {
        if (classes < 1 || classes > MAX_CLASSES) {
            throw new IllegalArgumentException("classes must be in [1, " + MAX_CLASSES + "], got " + classes);
        }
        Checks.positive("perClass", perClass);
        Checks.notNull("shape", shape);
        if (shape.height() < 4 || shape.width() < 4) {
            throw new IllegalArgumentException("synthetic images need height and width >= 4, got " + shape);
        }
        int n = Math.multiplyExact(classes, perClass);
        int size = shape.size();
        byte[] pixels = new byte[Math.multiplyExact(n, size)];
        int[] labels = new int[n];
        SplittableRandom rng = new SplittableRandom(seed);
        int h = shape.height();
        int w = shape.width();
        for (int i = 0; i < n; i++) {
            int k = i % classes;
            labels[i] = k;
            double[] colour = PALETTE[k % PALETTE.length];
            int pattern = (k + k / PALETTE.length) % PATTERNS.length;
            for (int c = 0; c < shape.channels(); c++) {
                int foreground = FLOOR + (int) Math.round(RANGE * colour[c % 3]);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int base = inPattern(pattern, y, x, h, w) ? foreground : BACKGROUND;
                        int v = base + rng.nextInt(2 * NOISE + 1) - NOISE;
                        pixels[i * size + shape.offset(c, y, x)] = (byte) Math.max(0, Math.min(255, v));
                    }
                }
            }
        }
        List<String> names = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            names.add(COLOURS[k % PALETTE.length] + "-" + PATTERNS[(k + k / PALETTE.length) % PATTERNS.length]);
        }
        return ImageSet.wrap(shape, pixels, Map.of(LabelLevel.FINE, new Labels(labels, names)), LabelLevel.FINE);
    }

    /** 4 classes x 16 images of 3 x 8 x 8: small enough for a unit test to train on in well under a second. */
    public static ImageSet small(long seed) {
        return generate(4, 16, new ImageShape(3, 8, 8), seed);
    }

    /** A normalisation for synthetic images: mean 0.5 and std 0.25 on every channel. */
    public static Normalization normalization(int channels) {
        Checks.positive("channels", channels);
        double[] mean = new double[channels];
        double[] std = new double[channels];
        java.util.Arrays.fill(mean, 0.5);
        java.util.Arrays.fill(std, 0.25);
        return Normalization.of(mean, std);
    }

    private static boolean inPattern(int pattern, int y, int x, int h, int w) {
        return switch (pattern) {
            case 0 -> (y * 4 / h) % 2 == 0;
            case 1 -> (x * 4 / w) % 2 == 0;
            case 2 -> Math.abs(2 * y - (h - 1)) < h / 2 && Math.abs(2 * x - (w - 1)) < w / 2;
            default -> ((x + y) * 4 / (h + w - 1)) % 2 == 0;
        };
    }
}
