package org.ullsnn.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-channel normalisation of 8-bit pixels: {@code x' = (x / 255 - mean[c]) / std[c]}.
 * Immutable and thread-safe; the 256 possible outputs of each channel are precomputed.
 *
 * <p>The CIFAR constants live in {@link CifarDataset#normalization()}.
 */
public final class Normalization {

    private final double[] mean;
    private final double[] std;
    private final float[][] table;

    private Normalization(double[] mean, double[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must give one value per channel (at least one), got "
                    + mean.length + " means and " + std.length + " stds");
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("mean[" + c + "] must be finite, got " + mean[c]);
            }
            if (!(std[c] > 0) || !Double.isFinite(std[c])) {
                throw new IllegalArgumentException("std[" + c + "] must be finite and > 0, got " + std[c]);
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.table = new float[mean.length][256];
        for (int c = 0; c < mean.length; c++) {
            for (int v = 0; v < 256; v++) {
                table[c][v] = (float) ((v / 255.0 - mean[c]) / std[c]);
            }
        }
    }

    /** Normalisation with the given per-channel mean and standard deviation (in units of {@code x / 255}). */
    public static Normalization of(double[] mean, double[] std) {
        return new Normalization(Checks.notNull("mean", mean), Checks.notNull("std", std));
    }

    /** Only scales to [0, 1]: mean 0 and std 1 on each of {@code channels} channels. */
    public static Normalization unitScale(int channels) {
        Checks.positive("channels", channels);
        double[] zeros = new double[channels];
        double[] ones = new double[channels];
        Arrays.fill(ones, 1.0);
        return new Normalization(zeros, ones);
    }

    /** Number of channels this normalisation covers. */
    public int channels() {
        return mean.length;
    }

    /** Mean of channel {@code c}, in units of {@code x / 255}. */
    public double mean(int channel) {
        return mean[channel];
    }

    /** Standard deviation of channel {@code c}, in units of {@code x / 255}. */
    public double std(int channel) {
        return std[channel];
    }

    /** {@code (value / 255 - mean[c]) / std[c]} for a pixel value in [0, 255]. */
    public float apply(int channel, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("pixel value must be in [0, 255], got " + value);
        }
        return table[channel][value];
    }

    /** The precomputed outputs of one channel, indexed by the unsigned pixel value; not copied. */
    float[] table(int channel) {
        return table[channel];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Normalization[mean=(");
        for (int c = 0; c < mean.length; c++) {
            sb.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", mean[c]));
        }
        sb.append("), std=(");
        for (int c = 0; c < std.length; c++) {
            sb.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", std[c]));
        }
        return sb.append(")]").toString();
    }
}
