package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static final ImageShape SHAPE = new ImageShape(2, 4, 5);

    /** Pixel (c, y, x) = 1 + 100c + 10y + x: every pixel distinct and non-zero. */
    private static byte[] numbered() {
        byte[] img = new byte[SHAPE.size()];
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    img[SHAPE.offset(c, y, x)] = (byte) (1 + 100 * c + 10 * y + x);
                }
            }
        }
        return img;
    }

    private static int at(byte[] img, int c, int y, int x) {
        return img[SHAPE.offset(c, y, x)] & 0xff;
    }

    private static byte[] apply(CropFlip cf) {
        byte[] out = new byte[SHAPE.size()];
        cf.apply(numbered(), 0, SHAPE, out, 0);
        return out;
    }

    @Test
    void aCropShiftMovesPixelsAndFillsTheUncoveredBorderWithZeros() {
        byte[] out = apply(new CropFlip(1, -2, false));
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    int sy = y + 1;
                    int sx = x - 2;
                    int expected = sy < 4 && sx >= 0 ? 1 + 100 * c + 10 * sy + sx : 0;
                    assertEquals(expected, at(out, c, y, x), "pixel " + c + "," + y + "," + x);
                }
            }
        }
    }

    @Test
    void aFlipMirrorsEveryRowLeftRight() {
        byte[] out = apply(new CropFlip(0, 0, true));
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    assertEquals(1 + 100 * c + 10 * y + (4 - x), at(out, c, y, x));
                }
            }
        }
    }

    @Test
    void theFlipComesAfterTheCrop() {
        byte[] out = apply(new CropFlip(0, 1, true));
        // cropped row: x -> in[x + 1]; flipped: out[x] = cropped[4 - x] = in[5 - x], zero for x = 0
        assertEquals(0, at(out, 0, 2, 0));
        assertEquals(1 + 20 + 4, at(out, 0, 2, 1));
        assertEquals(1 + 20 + 1, at(out, 0, 2, 4));
    }

    @Test
    void theIdentityLeavesTheImageUnchanged() {
        assertEquals(java.util.Arrays.toString(numbered()), java.util.Arrays.toString(apply(CropFlip.IDENTITY)));
    }

    @Test
    void samplesCoverEveryShiftWithinThePaddingAndFlipAboutHalfTheTime() {
        SplittableRandom rng = new SplittableRandom(1);
        Set<Integer> shifts = new HashSet<>();
        int flips = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            CropFlip cf = Augmentation.CIFAR.sample(rng);
            assertTrue(Math.abs(cf.shiftY()) <= 4 && Math.abs(cf.shiftX()) <= 4, cf.toString());
            shifts.add(cf.shiftY());
            shifts.add(cf.shiftX());
            flips += cf.flip() ? 1 : 0;
        }
        assertEquals(9, shifts.size());
        assertEquals(0.5, flips / (double) n, 0.05);
    }

    @Test
    void theSameSeedDrawsTheSameAugmentations() {
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(Augmentation.CIFAR.sample(a), Augmentation.CIFAR.sample(b));
        }
    }

    @Test
    void noAugmentationAlwaysDrawsTheIdentity() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            assertEquals(CropFlip.IDENTITY, Augmentation.NONE.sample(rng));
        }
        assertTrue(Augmentation.NONE.isIdentity());
    }

    @Test
    void invalidSettingsAreRejectedWithTheRuleAndTheValue() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> new Augmentation(-1, 0.5));
        assertEquals("padding must be >= 0, got -1", p.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> new Augmentation(4, 1.5));
        assertEquals("flipProbability must be in [0, 1], got 1.5", f.getMessage());
    }
}
