package org.ullsnn.progress;

/**
 * One progress report of a long operation.
 *
 * @param task     what is running, e.g. {@code "download cifar-10-binary.tar.gz"} or {@code "epoch 3/20"}
 * @param done     units done so far, {@code >= 0}
 * @param total    units in all, or {@code -1} when unknown
 * @param unit     the unit's name, e.g. {@code "B"} (bytes, shown with binary prefixes), {@code "img"}, {@code "batch"}
 * @param detail   free text shown after the bar, e.g. {@code "loss 1.234"}; never {@code null}
 * @param finished {@code true} on the last event of the task
 */
public record ProgressEvent(String task, long done, long total, String unit, String detail, boolean finished) {

    public ProgressEvent {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task must be named, got '" + task + "'");
        }
        if (done < 0) {
            throw new IllegalArgumentException("done must be >= 0, got " + done);
        }
        if (total < -1) {
            throw new IllegalArgumentException("total must be >= 0, or -1 when unknown, got " + total);
        }
        unit = unit == null ? "" : unit;
        detail = detail == null ? "" : detail;
    }

    /** An event part-way through a task. */
    public static ProgressEvent of(String task, long done, long total, String unit, String detail) {
        return new ProgressEvent(task, done, total, unit, detail, false);
    }

    /** The last event of a task. */
    public static ProgressEvent done(String task, long done, long total, String unit, String detail) {
        return new ProgressEvent(task, done, total, unit, detail, true);
    }

    /** Fraction done in [0, 1], or NaN when the total is unknown. */
    public double fraction() {
        if (total <= 0) {
            return total == 0 ? 1.0 : Double.NaN;
        }
        return Math.min(1.0, (double) done / total);
    }
}
