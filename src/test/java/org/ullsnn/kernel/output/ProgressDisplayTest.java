package org.ullsnn.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.ullsnn.progress.ProgressEvent;

class ProgressDisplayTest {

    private static final long MS = 1_000_000L;

    /** Records what the display sent. */
    private static final class Recorder implements DisplaySink {
        final List<DisplayData> shown = new ArrayList<>();
        final List<DisplayData> updates = new ArrayList<>();

        @Override
        public void show(DisplayData data) {
            shown.add(data);
        }

        @Override
        public void update(DisplayData data) {
            updates.add(data);
        }

        String lastHtml() {
            DisplayData d = updates.isEmpty() ? shown.get(shown.size() - 1) : updates.get(updates.size() - 1);
            return (String) d.getData(MIMEType.TEXT_HTML);
        }

        String lastText() {
            DisplayData d = updates.isEmpty() ? shown.get(shown.size() - 1) : updates.get(updates.size() - 1);
            return (String) d.getData(MIMEType.TEXT_PLAIN);
        }
    }

    @Test
    void showsOnceThenUpdatesTheSameOutputAtMostEveryInterval() {
        Recorder sink = new Recorder();
        long[] now = {0};
        ProgressDisplay display = new ProgressDisplay(sink, () -> now[0]);
        for (int batch = 1; batch <= 100; batch++) {
            now[0] = batch * 10 * MS; // a batch every 10 ms: 1 s in all
            display.onProgress(ProgressEvent.of("epoch 1/2", batch, 100, "batch", "loss 0.5"));
        }
        assertEquals(1, sink.shown.size());
        assertTrue(sink.updates.size() <= 1000 / ProgressDisplay.MIN_INTERVAL_MILLIS + 1, "throttled: " + sink.updates.size());
        assertEquals(display.displayId(), sink.shown.get(0).getDisplayId());
        assertTrue(sink.updates.stream().allMatch(u -> display.displayId().equals(u.getDisplayId())));
    }

    @Test
    void alwaysDrawsTheEndOfATaskAndListsFinishedTasks() {
        Recorder sink = new Recorder();
        long[] now = {0};
        ProgressDisplay display = new ProgressDisplay(sink, () -> now[0]);
        display.onProgress(ProgressEvent.of("epoch 1/2", 1, 4, "batch", ""));
        now[0] = MS;
        display.onProgress(ProgressEvent.done("epoch 1/2", 4, 4, "batch", "loss 0.91"));
        assertTrue(sink.lastText().contains("done epoch 1/2  4/4 batch"), sink.lastText());
        now[0] = 2 * MS;
        display.onProgress(ProgressEvent.of("test after epoch 1", 2, 8, "batch", ""));
        String html = sink.lastHtml();
        assertTrue(html.contains("epoch 1/2") && html.contains("loss 0.91"), html);
        assertTrue(html.contains("test after epoch 1") && html.contains("width:25.0%"), html);
    }

    @Test
    void reportsRateAndEtaAndEscapesHtml() {
        Recorder sink = new Recorder();
        long[] now = {0};
        ProgressDisplay display = new ProgressDisplay(sink, () -> now[0]);
        display.onProgress(ProgressEvent.of("<calibrate>", 0, 10, "img", ""));
        now[0] = 1000 * MS;
        display.onProgress(ProgressEvent.of("<calibrate>", 5, 10, "img", "a & b"));
        assertTrue(sink.lastText().contains("5.0 img/s") && sink.lastText().contains("ETA 1.0s"), sink.lastText());
        assertTrue(sink.lastHtml().contains("&lt;calibrate&gt;") && sink.lastHtml().contains("a &amp; b"));
        assertFalse(sink.lastHtml().contains("<calibrate>"));
    }

    @Test
    void summarisesOldTasks() {
        Recorder sink = new Recorder();
        ProgressDisplay display = new ProgressDisplay(sink, () -> 0);
        for (int e = 1; e <= 12; e++) {
            display.onProgress(ProgressEvent.done("epoch " + e, 1, 1, "batch", ""));
        }
        assertTrue(sink.lastText().startsWith("4 earlier tasks finished"), sink.lastText());
        assertTrue(sink.lastText().contains("epoch 12") && !sink.lastText().contains("epoch 4 "), sink.lastText());
    }
}
