package org.ullsnn.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Builds the batches of one epoch ahead of the consumer on a daemon thread, into a bounded queue: batch
 * starts {@code first, first + step, ...} below {@code limit}, each covering {@code [start, min(start + step,
 * limit))}. The thread ends when the epoch is built or on {@link #close()}. A failure while building is
 * handed to the consumer by {@link #take(int)}.
 */
final class BatchPrefetcher implements AutoCloseable {

    /** Builds the batch covering positions {@code [from, to)}. */
    @FunctionalInterface
    interface Builder {
        DataSet build(int from, int to);
    }

    private record Item(int start, DataSet batch, RuntimeException error) {
    }

    private final BlockingQueue<Item> queue;
    private final Thread worker;

    BatchPrefetcher(Builder builder, int first, int step, int limit, int capacity) {
        this.queue = new ArrayBlockingQueue<>(Checks.positive("capacity", capacity));
        this.worker = new Thread(() -> {
            int start = first;
            try {
                for (; start < limit; start += step) {
                    queue.put(new Item(start, builder.build(start, Math.min(start + step, limit)), null));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                RuntimeException failure = new IllegalStateException("building the batch at position " + start
                        + " on the prefetch thread failed: " + e, e);
                try {
                    queue.put(new Item(start, null, failure));
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "ullsnn-batch-prefetch");
        worker.setDaemon(true);
        worker.start();
    }

    /** The next batch, which must start at {@code start}; waits until it is built. */
    DataSet take(int start) {
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the batch at position " + start, e);
        }
        if (item.error() != null) {
            throw item.error();
        }
        if (item.start() != start) {
            throw new IllegalStateException("prefetched batch must start at position " + start + ", got "
                    + item.start());
        }
        return item.batch();
    }

    /** Stops the thread and drops what it built; waits for it to end. */
    @Override
    public void close() {
        worker.interrupt();
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        queue.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
