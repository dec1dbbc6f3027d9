package org.ullsnn.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Draws progress events as a text bar with rate and ETA:
 * <pre>
 * download cifar-10-binary.tar.gz [=========&gt;          ]  47%  80.1/162.2 MiB  11.2 MiB/s  ETA 7s
 * </pre>
 * On a terminal the line is redrawn in place (carriage return), at most every {@code 100 ms}.
 * Otherwise (CI logs, redirected output) a full line is printed at most every {@code 10 s}, and always
 * for the first and the last event of a task, so logs stay short.
 *
 * <p>The rate is measured from the first event of a task; for a resumed download whose first event
 * already counts bytes from an earlier run, only the bytes added since are used.
 * Not thread-safe: one bar per operation.
 */
public final class ConsoleProgressBar implements ProgressListener {

    private static final int BAR_WIDTH = 24;
    private static final long IN_PLACE_INTERVAL_NANOS = 100_000_000L;
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final boolean inPlace;
    private final LongSupplier clock;

    private String currentTask;
    private long taskStartNanos;
    private long taskStartDone;
    private long lastDrawNanos;
    private int lastLineLength;

    /** A bar on {@code out}, redrawn in place when {@code inPlace} is set. */
    public ConsoleProgressBar(PrintStream out, boolean inPlace) {
        this(out, inPlace, System::nanoTime);
    }

    ConsoleProgressBar(PrintStream out, boolean inPlace, LongSupplier clock) {
        this.out = out;
        this.inPlace = inPlace;
        this.clock = clock;
    }

    /** A bar on standard error, in place when the JVM has a console. */
    public static ConsoleProgressBar onStderr() {
        return new ConsoleProgressBar(System.err, System.console() != null);
    }

    @Override
    public void onProgress(ProgressEvent event) {
        long now = clock.getAsLong();
        boolean first = !event.task().equals(currentTask);
        if (first) {
            endLineIfNeeded();
            currentTask = event.task();
            taskStartNanos = now;
            taskStartDone = event.done();
            lastDrawNanos = Long.MIN_VALUE;
        }
        long interval = inPlace ? IN_PLACE_INTERVAL_NANOS : LOG_INTERVAL_NANOS;
        if (!first && !event.finished() && now - lastDrawNanos < interval) {
            return;
        }
        lastDrawNanos = now;
        String line = render(event, now - taskStartNanos);
        if (inPlace) {
            int pad = Math.max(0, lastLineLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastLineLength = line.length();
            if (event.finished()) {
                out.println();
                lastLineLength = 0;
            }
        } else {
            out.println(line);
        }
        out.flush();
        if (event.finished()) {
            currentTask = null;
        }
    }

    private void endLineIfNeeded() {
        if (inPlace && lastLineLength > 0) {
            out.println();
            lastLineLength = 0;
        }
    }

    /** The text of one bar, without any carriage return. */
    String render(ProgressEvent e, long elapsedNanos) {
        StringBuilder sb = new StringBuilder(e.task());
        double fraction = e.fraction();
        if (!Double.isNaN(fraction)) {
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            sb.append(" [").append("=".repeat(Math.max(0, filled - 1)));
            if (filled > 0) {
                sb.append(filled == BAR_WIDTH ? "=" : ">");
            }
            sb.append(" ".repeat(BAR_WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100)));
        }
        sb.append("  ").append(amount(e.done(), e.unit()));
        if (e.total() >= 0) {
            sb.append('/').append(amount(e.total(), e.unit()));
        }
        double seconds = elapsedNanos / 1e9;
        long progressed = e.done() - taskStartDone;
        if (seconds > 0 && progressed > 0) {
            double rate = progressed / seconds;
            sb.append("  ").append(rate(rate, e.unit()));
            if (e.finished()) {
                sb.append("  in ").append(duration(seconds));
            } else if (e.total() > 0) {
                double remaining = (e.total() - e.done()) / rate;
                sb.append("  ETA ").append(duration(remaining));
            }
        }
        if (!e.detail().isEmpty()) {
            sb.append("  ").append(e.detail());
        }
        return sb.toString();
    }

    static String amount(long value, String unit) {
        if ("B".equals(unit)) {
            return bytes(value);
        }
        return value + (unit.isEmpty() ? "" : " " + unit);
    }

    static String rate(double perSecond, String unit) {
        if ("B".equals(unit)) {
            return bytes((long) perSecond) + "/s";
        }
        return String.format(Locale.ROOT, "%.1f %s/s", perSecond, unit.isEmpty() ? "it" : unit);
    }

    static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = value;
        int i = -1;
        do {
            v /= 1024;
            i++;
        } while (v >= 1024 && i < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** Human duration: {@code 42s}, {@code 3m07s}, {@code 2h05m}. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        Duration d = Duration.ofMillis((long) (seconds * 1000));
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        if (h > 0) {
            return String.format(Locale.ROOT, "%dh%02dm", h, m);
        }
        if (m > 0) {
            return String.format(Locale.ROOT, "%dm%02ds", m, s);
        }
        return s + "s";
    }
}
