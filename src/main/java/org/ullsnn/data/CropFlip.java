package org.ullsnn.data;

/**
 * One drawn augmentation: shift the crop window by {@code (shiftY, shiftX)} and then optionally mirror
 * left-right. For an image of height H and width W:
 * <pre>
 * out[c][y][x] = in[c][y + shiftY][x' + shiftX]     x' = flip ? W - 1 - x : x
 *              = 0                                   where that source pixel lies outside the image
 * </pre>
 * This equals torchvision's {@code RandomCrop(H, padding=p)} with crop origin {@code (p + shiftY, p + shiftX)}
 * in the zero-padded image, followed by {@code RandomHorizontalFlip}.
 *
 * @param shiftY rows the window moves down (negative: up); a pixel moves up by this much
 * @param shiftX columns the window moves right (negative: left)
 * @param flip   mirror left-right after cropping
 */
public record CropFlip(int shiftY, int shiftX, boolean flip) {

    /** Leaves images unchanged. */
    public static final CropFlip IDENTITY = new CropFlip(0, 0, false);

    /**
     * Writes the augmented image of {@code shape} read from {@code src} at {@code srcOffset} into {@code dst}
     * at {@code dstOffset}; source and destination must not overlap.
     */
    public void apply(byte[] src, int srcOffset, ImageShape shape, byte[] dst, int dstOffset) {
        int h = shape.height();
        int w = shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + shiftY;
                int outRow = dstOffset + plane + y * w;
                if (sy < 0 || sy >= h) {
                    java.util.Arrays.fill(dst, outRow, outRow + w, (byte) 0);
                    continue;
                }
                int inRow = srcOffset + plane + sy * w;
                for (int x = 0; x < w; x++) {
                    int sx = (flip ? w - 1 - x : x) + shiftX;
                    dst[outRow + x] = sx < 0 || sx >= w ? 0 : src[inRow + sx];
                }
            }
        }
    }
}
