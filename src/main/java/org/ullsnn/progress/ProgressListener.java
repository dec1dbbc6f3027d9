package org.ullsnn.progress;

/**
 * Receives progress events of a long operation. A lambda is a listener:
 * <pre>{@code
 * ProgressListener log = e -> System.out.println(e.task() + " " + e.done() + "/" + e.total());
 * }</pre>
 * Listeners are called on the thread doing the work and must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Called for every report; the last one of a task has {@link ProgressEvent#finished()} set. */
    void onProgress(ProgressEvent event);

    /** A listener that ignores everything (tests, nested operations). */
    static ProgressListener silent() {
        return event -> { };
    }
}
