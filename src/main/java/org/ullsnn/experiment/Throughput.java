package org.ullsnn.experiment;

import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

/** Times a repeated step: {@code warmup} untimed runs, then {@code iterations} timed ones. */
final class Throughput {

    private Throughput() {
    }

    /**
     * @param imagesPerStep images one step processes
     * @return images per second over the timed steps
     */
    static double imagesPerSecond(String task, int warmup, int iterations, int imagesPerStep, Runnable step,
            ProgressListener progress) {
        int total = warmup + iterations;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            if (i == warmup) {
                start = System.nanoTime();
            }
            step.run();
            progress.onProgress(i + 1 == total ? ProgressEvent.done(task, i + 1, total, "step", "")
                    : ProgressEvent.of(task, i + 1, total, "step", i < warmup ? "warm-up" : ""));
        }
        return (double) imagesPerStep * iterations / ((System.nanoTime() - start) / 1e9);
    }
}
