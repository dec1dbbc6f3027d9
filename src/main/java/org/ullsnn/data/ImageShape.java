package org.ullsnn.data;

/**
 * The shape of one image, channels first ({@code [C, H, W]}); pixels are stored channel plane after
 * channel plane, each plane row-major, as in the CIFAR binary files.
 *
 * @param channels colour planes, {@code >= 1} (3 for RGB)
 * @param height   rows, {@code >= 1}
 * @param width    columns, {@code >= 1}
 */
public record ImageShape(int channels, int height, int width) {

    /** CIFAR images: 3 x 32 x 32. */
    public static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    public ImageShape {
        Checks.positive("channels", channels);
        Checks.positive("height", height);
        Checks.positive("width", width);
    }

    /** Values per image: {@code C * H * W} (3,072 for CIFAR). */
    public int size() {
        return channels * height * width;
    }

    /** Offset of pixel {@code (c, y, x)} inside one image. */
    public int offset(int channel, int row, int column) {
        return (channel * height + row) * width + column;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
