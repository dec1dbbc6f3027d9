package org.ullsnn.kernel.output;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

/**
 * A {@link ProgressListener} that draws the library's progress (training epochs, test passes, calibration,
 * simulation) as one output updated in place, instead of thousands of printed lines. Give it to any long call:
 * <pre>{@code
 * var history = new Trainer(config, checkpoints, progress(), m -> { }).train(net, data, List.of());
 * }</pre>
 * The output appears at the first event and is redrawn at most every {@value #MIN_INTERVAL_MILLIS} ms, and always at
 * the first and last event of each task; finished tasks stay listed above the running one. Events arrive on the
 * worker's thread; the listener is synchronised, so one display may serve several threads.
 */
public final class ProgressDisplay implements ProgressListener {

    static final long MIN_INTERVAL_MILLIS = 250;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final DisplaySink sink;
    private final LongSupplier clock;
    private final String displayId = "ullsnn-progress-" + UUID.randomUUID();
    private final Deque<ProgressView.TaskState> finished = new ArrayDeque<>();
    private int finishedTotal;
    private boolean shown;
    private String task;
    private long taskStart;
    private long taskStartDone;
    private long lastDraw;
    private ProgressView.TaskState current;

    /**
     * @param sink  shows and updates the output
     * @param clock nanosecond clock (tests pass a fake one)
     */
    public ProgressDisplay(DisplaySink sink, LongSupplier clock) {
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public synchronized void onProgress(ProgressEvent event) {
        long now = clock.getAsLong();
        boolean first = !event.task().equals(task);
        if (first) {
            if (current != null && !current.event().finished()) {
                remember(current); // a task that ended without a final event still gets its line
            }
            task = event.task();
            taskStart = now;
            taskStartDone = event.done();
        }
        double seconds = (now - taskStart) / 1e9;
        double rate = seconds > 0 ? (event.done() - taskStartDone) / seconds : Double.NaN;
        current = new ProgressView.TaskState(event, seconds, rate);
        if (event.finished()) {
            remember(current);
            current = null;
            task = null;
        }
        boolean due = now - lastDraw >= MIN_INTERVAL_MILLIS * NANOS_PER_MILLI;
        if (first || event.finished() || due || !shown) {
            lastDraw = now;
            draw();
        }
    }

    private void remember(ProgressView.TaskState state) {
        finished.addLast(state);
        finishedTotal++;
        while (finished.size() > ProgressView.FINISHED_SHOWN) {
            finished.removeFirst();
        }
    }

    private void draw() {
        List<ProgressView.TaskState> done = new ArrayList<>(finished);
        DisplayData data = new DisplayData(ProgressView.plain(done, finishedTotal, current));
        data.putHTML(ProgressView.html(done, finishedTotal, current));
        data.setDisplayId(displayId);
        if (shown) {
            sink.update(data);
        } else {
            shown = true;
            sink.show(data);
        }
    }

    /** The id of this display's output (for {@code updateDisplay}). */
    public String displayId() {
        return displayId;
    }
}
