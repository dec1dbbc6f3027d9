package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class ImageSetIteratorTest {

    private static final ImageShape SHAPE = new ImageShape(3, 8, 8);
    private static final ImageSet IMAGES = SyntheticImages.generate(4, 5, SHAPE, 1);
    private static final Normalization NORM = SyntheticImages.normalization(3);

    private static IteratorOptions plain(int batch) {
        return IteratorOptions.evaluation(batch);
    }

    private static List<DataSet> epoch(DataSetIterator it) {
        List<DataSet> batches = new ArrayList<>();
        while (it.hasNext()) {
            batches.add(it.next());
        }
        return batches;
    }

    private static List<DataSet> epochs(IteratorOptions options, int count) {
        try (ImageSetIterator it = new ImageSetIterator(IMAGES, NORM, options)) {
            List<DataSet> all = new ArrayList<>();
            for (int e = 0; e < count; e++) {
                all.addAll(epoch(it));
                it.reset();
            }
            return all;
        }
    }

    private static void assertSameBatches(List<DataSet> expected, List<DataSet> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getFeatures(), actual.get(i).getFeatures(), "features of batch " + i);
            assertEquals(expected.get(i).getLabels(), actual.get(i).getLabels(), "labels of batch " + i);
        }
    }

    @Test
    void batchesAreFloatNchwNormalisedFeaturesWithOneHotLabels() {
        ImageSetIterator it = new ImageSetIterator(IMAGES, NORM, plain(8));

        DataSet first = it.next();

        INDArray f = first.getFeatures();
        assertArrayEquals(new long[] {8, 3, 8, 8}, f.shape());
        assertEquals(DataType.FLOAT, f.dataType());
        assertEquals(NORM.apply(2, IMAGES.pixel(5, 2, 3, 6)), f.getFloat(5, 2, 3, 6), 1e-6);
        INDArray l = first.getLabels();
        assertArrayEquals(new long[] {8, 4}, l.shape());
        assertEquals(DataType.FLOAT, l.dataType());
        for (int i = 0; i < 8; i++) {
            assertEquals(1.0, l.getRow(i).sumNumber().doubleValue(), 0);
            assertEquals(1.0, l.getDouble(i, IMAGES.label(i)), 0);
        }
    }

    @Test
    void theLastPartialBatchIsKeptOrDropped() {
        ImageSetIterator keep = new ImageSetIterator(IMAGES, NORM, plain(8));
        ImageSetIterator drop = new ImageSetIterator(IMAGES, NORM,
                plain(8).withLastBatch(IteratorOptions.LastBatch.DROP));

        assertEquals(List.of(8L, 8L, 4L), epoch(keep).stream().map(d -> d.getFeatures().size(0)).toList());
        assertEquals(List.of(8L, 8L), epoch(drop).stream().map(d -> d.getFeatures().size(0)).toList());
        assertEquals(3, keep.batchesPerEpoch());
        assertEquals(16, drop.examplesPerEpoch());
    }

    @Test
    void theIteratorDescribesItselfToDl4j() {
        ImageSetIterator it = new ImageSetIterator(IMAGES, NORM, plain(8));
        assertEquals(192, it.inputColumns());
        assertEquals(4, it.totalOutcomes());
        assertEquals(8, it.batch());
        assertTrue(it.resetSupported());
        assertTrue(it.asyncSupported());
        try (ImageSetIterator prefetching = new ImageSetIterator(IMAGES, NORM, plain(8).withPrefetch(2))) {
            assertFalse(prefetching.asyncSupported(), "it prefetches already");
        }
        assertEquals(IMAGES.classNames(), it.getLabels());
    }

    @Test
    void zeroPaddingHappensOnRawPixelsBeforeNormalising() {
        byte[] bright = new byte[20 * SHAPE.size()];
        Arrays.fill(bright, (byte) 200);
        ImageSet flat = new ImageSet(SHAPE, bright, IMAGES.labels());
        IteratorOptions shiftOnly = plain(20).withAugmentation(new Augmentation(4, 0));

        INDArray f = new ImageSetIterator(flat, NORM, shiftOnly).next().getFeatures();

        float padded = NORM.apply(0, 0);
        float image = NORM.apply(0, 200);
        int paddedCount = 0;
        for (float v : f.data().asFloat()) {
            assertTrue(v == padded || v == image, "only image or zero-pixel values, got " + v);
            paddedCount += v == padded ? 1 : 0;
        }
        assertTrue(paddedCount > 0, "some crops reach into the padding");
        assertEquals(-0.5 / 0.25, padded, 1e-6);
    }

    @Test
    void eachEpochHasItsOwnShuffleThatDependsOnlyOnSeedAndEpoch() {
        IteratorOptions shuffled = plain(20).withOrdering(IteratorOptions.Ordering.SHUFFLED).withSeed(9);
        ImageSetIterator it = new ImageSetIterator(IMAGES, NORM, shuffled);
        int[] epoch0 = it.epochOrder();
        epoch(it);
        it.reset();
        int[] epoch1 = it.epochOrder();

        assertEquals(1, it.epoch());
        assertFalse(Arrays.equals(epoch0, epoch1));
        assertArrayEquals(epoch1, new ImageSetIterator(IMAGES, NORM, shuffled.withStartEpoch(1)).epochOrder());
        assertArrayEquals(EpochOrder.shuffled(9, 1, 20), epoch1);
    }

    @Test
    void aRunResumedAtEpochTwoSeesTheSameBatchesAsAnUninterruptedOne() {
        IteratorOptions training = IteratorOptions.training(6).withSeed(3).withPrefetch(0);

        List<DataSet> uninterrupted = epochs(training, 4);
        List<DataSet> resumed = epochs(training.withStartEpoch(2), 2);

        assertSameBatches(uninterrupted.subList(8, 16), resumed);
        assertNotEquals(uninterrupted.get(0).getFeatures(), uninterrupted.get(4).getFeatures());
    }

    @Test
    void resetBeforeTheFirstBatchOnlyRewindsAndResetAfterItAdvancesTheEpoch() {
        ImageSetIterator it = new ImageSetIterator(IMAGES, NORM, plain(8).withStartEpoch(5));
        it.reset();
        assertEquals(5, it.epoch());
        it.next();
        it.reset();
        assertEquals(6, it.epoch());
        assertTrue(it.hasNext());
    }

    @Test
    void prefetchedBatchesEqualBatchesBuiltOnDemand() {
        IteratorOptions training = IteratorOptions.training(6).withSeed(17);

        List<DataSet> onDemand = epochs(training.withPrefetch(0), 3);
        List<DataSet> prefetched = epochs(training.withPrefetch(3), 3);

        assertSameBatches(onDemand, prefetched);
        for (DataSet d : prefetched) {
            assertFalse(d.getFeatures().isAttached(), "prefetched arrays must not live in a workspace");
        }
    }

    @Test
    void nextWithACountServesThatManyImagesAndKeepsTheEpochConsistent() {
        IteratorOptions training = IteratorOptions.training(8).withSeed(4).withPrefetch(2);
        List<DataSet> reference = epochs(training.withBatchSize(4), 1);

        try (ImageSetIterator it = new ImageSetIterator(IMAGES, NORM, training.withBatchSize(4))) {
            DataSet first = it.next(8);
            DataSet second = it.next();
            assertEquals(8, first.getFeatures().size(0));
            assertEquals(DataSet.merge(reference.subList(0, 2)).getFeatures(), first.getFeatures());
            assertEquals(reference.get(2).getFeatures(), second.getFeatures());
        }
    }

    @Test
    void aPreProcessorIsAppliedToEveryBatch() {
        ImageSetIterator it = new ImageSetIterator(IMAGES, NORM, plain(20));
        it.setPreProcessor(ds -> ds.getFeatures().assign(7));

        assertEquals(7.0, it.next().getFeatures().getDouble(0, 0, 0, 0), 0);
        assertTrue(it.getPreProcessor() != null);
    }

    @Test
    void askingPastTheEndOfAnEpochSaysToReset() {
        ImageSetIterator it = new ImageSetIterator(IMAGES, NORM, plain(20));
        it.next();

        NoSuchElementException e = assertThrows(NoSuchElementException.class, it::next);

        assertEquals("epoch 0 has no more batches (20 images served); call reset() to start epoch 1", e.getMessage());
    }

    @Test
    void theNormalisationMustCoverEveryChannel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSetIterator(IMAGES, Normalization.unitScale(1), plain(4)));
        assertEquals("normalization must cover the images' 3 channels, got 1", e.getMessage());
    }
}
