package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {

    private static final ImageShape TINY = new ImageShape(1, 1, 2);

    /** Image i holds pixels (i, i); labels as given. */
    private static ImageSet set(int... labels) {
        byte[] pixels = new byte[labels.length * 2];
        for (int i = 0; i < labels.length; i++) {
            pixels[2 * i] = (byte) i;
            pixels[2 * i + 1] = (byte) i;
        }
        return new ImageSet(TINY, pixels, new Labels(labels, List.of("a", "b", "c")));
    }

    @Test
    void firstPerClassKeepsTheFirstImagesOfEachClassInRecordOrder() {
        ImageSet all = set(2, 0, 0, 1, 2, 0, 1, 1, 2);

        ImageSet subset = all.firstPerClass(2);

        assertArrayEquals(new int[] {2, 0, 0, 1, 2, 1}, subset.labels().toArray());
        // images 0, 1, 2, 3, 4, 6 of the original
        assertEquals(6, subset.pixel(5, 0, 0, 1));
        assertArrayEquals(new int[] {2, 2, 2}, subset.classCounts());
    }

    @Test
    void firstPerClassNamesTheClassThatHasTooFewImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> set(0, 0, 1, 1, 2).firstPerClass(2));
        assertEquals("each class must have at least perClass = 2 images, but class 2 (c) has 1", e.getMessage());
    }

    @Test
    void shufflingIsAPermutationThatDependsOnlyOnTheSeed() {
        ImageSet all = set(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2);

        ImageSet a = all.shuffled(5);
        ImageSet b = all.shuffled(5);
        ImageSet c = all.shuffled(6);

        assertEquals(a.labels(), b.labels());
        int[] firstPixels = new int[12];
        for (int i = 0; i < 12; i++) {
            firstPixels[i] = a.pixel(i, 0, 0, 0);
            assertEquals(all.label(firstPixels[i]), a.label(i), "label travels with its image");
        }
        int[] sorted = firstPixels.clone();
        Arrays.sort(sorted);
        assertArrayEquals(EpochOrder.recordOrder(12), sorted);
        int[] otherSeed = new int[12];
        for (int i = 0; i < 12; i++) {
            otherSeed[i] = c.pixel(i, 0, 0, 0);
        }
        assertFalse(Arrays.equals(firstPixels, otherSeed), "another seed gives another order");
    }

    @Test
    void pixelsOfTheWrongLengthAreRejectedWithExpectedAndFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(TINY, new byte[5], new Labels(new int[] {0, 1}, List.of("a", "b"))));
        assertEquals("pixels must hold images x 1x1x2 = 4 bytes for 2 images, got 5", e.getMessage());
    }

    @Test
    void labelsOutOfRangeAreRejectedWithImageAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Labels(new int[] {0, 3}, List.of("a", "b", "c")));
        assertEquals("label of image 1 must be in [0, 3), got 3", e.getMessage());
    }

    @Test
    void theConstructorCopiesThePixels() {
        byte[] pixels = {1, 2};
        ImageSet s = new ImageSet(TINY, pixels, new Labels(new int[] {0}, List.of("a")));
        pixels[0] = 9;
        assertEquals(1, s.pixel(0, 0, 0, 0));
    }

    @Test
    void epochOrdersDependOnlyOnSeedAndEpoch() {
        int[] e3 = EpochOrder.shuffled(11, 3, 1000);
        assertArrayEquals(e3, EpochOrder.shuffled(11, 3, 1000));
        assertFalse(Arrays.equals(e3, EpochOrder.shuffled(11, 4, 1000)));
        assertFalse(Arrays.equals(e3, EpochOrder.shuffled(12, 3, 1000)));
        int[] sorted = e3.clone();
        Arrays.sort(sorted);
        assertArrayEquals(EpochOrder.recordOrder(1000), sorted);
    }
}
