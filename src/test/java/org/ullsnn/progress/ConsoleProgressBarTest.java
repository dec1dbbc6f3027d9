package org.ullsnn.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {

    private final AtomicLong nanos = new AtomicLong();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private ConsoleProgressBar bar(boolean inPlace) {
        return new ConsoleProgressBar(new PrintStream(buffer, true, StandardCharsets.UTF_8), inPlace, nanos::get);
    }

    private String printed() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rendersPercentRateAndEtaForBytes() {
        ConsoleProgressBar bar = bar(false);
        bar.onProgress(ProgressEvent.of("download x", 0, 4L << 20, "B", ""));
        nanos.set(2_000_000_000L);
        String line = bar.render(ProgressEvent.of("download x", 1L << 20, 4L << 20, "B", "resumed"), nanos.get());
        assertTrue(line.startsWith("download x [=====> "), line);
        assertTrue(line.contains(" 25%"), line);
        assertTrue(line.contains("1.0 MiB/4.0 MiB"), line);
        assertTrue(line.contains("512.0 KiB/s"), line);
        assertTrue(line.contains("ETA 6s"), line);
        assertTrue(line.endsWith("resumed"), line);
    }

    @Test
    void logModePrintsFirstAndLastEventsAndThrottlesTheRest() {
        ConsoleProgressBar bar = bar(false);
        for (int i = 0; i <= 100; i++) {
            nanos.set(i * 10_000_000L); // 10 ms apart: 1 s in all, under the 10 s log interval
            bar.onProgress(i == 100 ? ProgressEvent.done("epoch 1/2", i, 100, "batch", "")
                                    : ProgressEvent.of("epoch 1/2", i, 100, "batch", ""));
        }
        String[] lines = printed().split("\n");
        assertEquals(2, lines.length, printed());
        assertTrue(lines[1].contains("100%") && lines[1].contains(" in "), lines[1]);
    }

    @Test
    void inPlaceModeRedrawsWithCarriageReturnAndEndsTheLine() {
        ConsoleProgressBar bar = bar(true);
        bar.onProgress(ProgressEvent.of("t", 1, 3, "", ""));
        nanos.set(200_000_000L);
        bar.onProgress(ProgressEvent.of("t", 2, 3, "", ""));
        nanos.set(400_000_000L);
        bar.onProgress(ProgressEvent.done("t", 3, 3, "", ""));
        String out = printed();
        assertEquals(3, out.chars().filter(c -> c == '\r').count(), out);
        assertTrue(out.endsWith("\n"), out);
    }

    @Test
    void unknownTotalShowsNoBar() {
        String line = bar(false).render(ProgressEvent.of("scan", 7, -1, "img", ""), 0);
        assertEquals("scan  7 img", line);
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("42s", ConsoleProgressBar.duration(42.4));
        assertEquals("3m07s", ConsoleProgressBar.duration(187));
        assertEquals("2h05m", ConsoleProgressBar.duration(7500));
        assertEquals("?", ConsoleProgressBar.duration(Double.POSITIVE_INFINITY));
    }

    @Test
    void eventRejectsNegativeProgressWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProgressEvent.of("t", -1, 3, "", ""));
        assertTrue(e.getMessage().contains("-1"));
    }
}
