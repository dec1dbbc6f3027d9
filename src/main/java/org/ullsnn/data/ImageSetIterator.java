package org.ullsnn.data;

import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A DL4J {@link DataSetIterator} over an {@link ImageSet}: features float32 {@code [B, C, H, W]} (NCHW,
 * augmented then normalised), labels one-hot float32 {@code [B, classes]} at the set's selected level.
 *
 * <p>Epochs: the iterator starts at {@link IteratorOptions#startEpoch()}; {@link #reset()} moves to the
 * next epoch, unless no batch of the current epoch has been taken yet (then it only rewinds), so a loop
 * that resets before each epoch and one that resets after each epoch both see epochs {@code e0, e0 + 1,
 * ...}. The order and the augmentation of epoch {@code e} depend only on {@code (seed, e)}: a run resumed
 * at epoch {@code e} sees exactly the batches an uninterrupted run saw.
 *
 * <p>Prefetch: with {@link IteratorOptions#prefetch()} {@code > 0}, from the first {@link #hasNext()} or
 * {@link #next()} of an epoch, batches are built ahead on a daemon thread into a bounded queue; they are
 * equal to those built on demand, and their arrays live outside any workspace, so they are never
 * overwritten. A pre-processor runs on the caller's thread in {@link #next()}. The thread ends by itself
 * once the epoch is built; {@link #close()} stops it at once (use it when leaving an epoch unfinished).
 * Not thread-safe: one consumer.
 */
public final class ImageSetIterator implements DataSetIterator, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final transient ImageSet images;
    private final IteratorOptions options;
    private final transient BatchAssembler assembler;
    private final int limit;

    private int epoch;
    private transient int[] order;
    private int cursor;
    private transient DataSetPreProcessor preProcessor;
    private transient BatchPrefetcher prefetcher;

    /**
     * An iterator over {@code images}, normalised with {@code normalization} (one mean and std per channel
     * of the images).
     */
    public ImageSetIterator(ImageSet images, Normalization normalization, IteratorOptions options) {
        this.images = Checks.notNull("images", images);
        this.options = Checks.notNull("options", options);
        Checks.notNull("normalization", normalization);
        this.assembler = new BatchAssembler(images, normalization, options.augmentation(), options.seed());
        int n = images.size();
        this.limit = options.lastBatch() == IteratorOptions.LastBatch.DROP
                ? n - n % options.batchSize() : n;
        startEpoch(options.startEpoch());
    }

    /** The options this iterator was built with. */
    public IteratorOptions options() {
        return options;
    }

    /** The current epoch (the one {@link #next()} serves). */
    public int epoch() {
        return epoch;
    }

    /** Images served per epoch: all of them, or fewer when the last partial batch is dropped. */
    public int examplesPerEpoch() {
        return limit;
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        return (limit + options.batchSize() - 1) / options.batchSize();
    }

    /** The image indices of the current epoch, in the order they are served (a copy). */
    public int[] epochOrder() {
        return order.clone();
    }

    /** Whether the current epoch has another batch; with prefetch on, starts building batches ahead. */
    @Override
    public boolean hasNext() {
        boolean more = cursor < limit;
        if (more && options.prefetch() > 0 && prefetcher == null) {
            startPrefetch();
        }
        return more;
    }

    @Override
    public DataSet next() {
        requireNext();
        DataSet batch;
        int end = Math.min(cursor + options.batchSize(), limit);
        if (options.prefetch() > 0) {
            if (prefetcher == null) {
                startPrefetch();
            }
            batch = prefetcher.take(cursor);
        } else {
            batch = assembler.assemble(order, epoch, cursor, end);
        }
        cursor = end;
        return preProcessed(batch);
    }

    /** The next {@code num} images of the epoch (fewer at its end), built on the caller's thread. */
    @Override
    public DataSet next(int num) {
        Checks.positive("num", num);
        requireNext();
        stopPrefetch();
        int end = Math.min(cursor + num, limit);
        DataSet batch = assembler.assemble(order, epoch, cursor, end);
        cursor = end;
        return preProcessed(batch);
    }

    @Override
    public int inputColumns() {
        return images.shape().size();
    }

    @Override
    public int totalOutcomes() {
        return images.classes();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** {@code false} when this iterator prefetches already, {@code true} otherwise. */
    @Override
    public boolean asyncSupported() {
        return options.prefetch() == 0;
    }

    /** Next epoch (if a batch of this one was taken), back to its first batch. */
    @Override
    public void reset() {
        startEpoch(cursor > 0 ? epoch + 1 : epoch);
    }

    @Override
    public int batch() {
        return options.batchSize();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** The class names, index = label. */
    @Override
    public List<String> getLabels() {
        return images.classNames();
    }

    /** Stops the prefetch thread, if any; the iterator stays usable (a later call restarts it). */
    @Override
    public void close() {
        stopPrefetch();
    }

    private void startEpoch(int e) {
        stopPrefetch();
        epoch = e;
        order = options.ordering() == IteratorOptions.Ordering.SHUFFLED
                ? EpochOrder.shuffled(options.seed(), e, images.size())
                : EpochOrder.recordOrder(images.size());
        cursor = 0;
    }

    private void startPrefetch() {
        int[] epochOrder = order;
        int e = epoch;
        prefetcher = new BatchPrefetcher((from, to) -> assembler.assemble(epochOrder, e, from, to), cursor,
                options.batchSize(), limit, options.prefetch());
    }

    private void stopPrefetch() {
        if (prefetcher != null) {
            prefetcher.close();
            prefetcher = null;
        }
    }

    private void requireNext() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches (" + limit
                    + " images served); call reset() to start epoch " + (epoch + 1));
        }
    }

    private DataSet preProcessed(DataSet batch) {
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }
}
