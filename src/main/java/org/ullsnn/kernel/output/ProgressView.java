package org.ullsnn.kernel.output;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.ullsnn.progress.ProgressEvent;

/**
 * The text and HTML of a progress display: one line per finished task (most recent last, the oldest summarised
 * once there are more than {@value #FINISHED_SHOWN}), then the running task as a bar with count, rate, ETA and the
 * task's own detail (e.g. the loss).
 */
final class ProgressView {

    static final int FINISHED_SHOWN = 8;
    private static final int TEXT_BAR_WIDTH = 24;

    /**
     * A task as last reported.
     *
     * @param event          its latest event
     * @param elapsedSeconds time since its first event
     * @param rate           units per second since its first event (NaN when unknown)
     */
    record TaskState(ProgressEvent event, double elapsedSeconds, double rate) { }

    private ProgressView() {
    }

    static String html(List<TaskState> finished, int finishedTotal, TaskState current) {
        StringBuilder sb = new StringBuilder("<div class=\"ullsnn-progress\" style=\"font-family:monospace;"
                + "font-size:90%;line-height:1.5\">");
        int hidden = finishedTotal - finished.size();
        if (hidden > 0) {
            sb.append("<div style=\"color:#777\">").append(hidden).append(hidden == 1 ? " earlier task" : " earlier tasks")
                    .append(" finished</div>");
        }
        for (TaskState t : finished) {
            sb.append("<div><span style=\"color:#2a7\">&#10003;</span> ").append(escape(summary(t))).append("</div>");
        }
        if (current != null) {
            ProgressEvent e = current.event();
            double f = e.fraction();
            sb.append("<div>").append(escape(e.task())).append(' ');
            if (!Double.isNaN(f)) {
                String pct = String.format(Locale.ROOT, "%.1f", 100 * f);
                sb.append("<span style=\"display:inline-block;vertical-align:middle;width:16em;height:0.8em;"
                        + "background:#e6e6e6;border-radius:3px;overflow:hidden\"><span style=\"display:block;"
                        + "height:100%;width:").append(pct).append("%;background:#4a90d9\"></span></span> ")
                        .append((int) Math.floor(100 * f)).append("% ");
            }
            sb.append(escape(details(current))).append("</div>");
        }
        return sb.append("</div>").toString();
    }

    static String plain(List<TaskState> finished, int finishedTotal, TaskState current) {
        StringBuilder sb = new StringBuilder();
        int hidden = finishedTotal - finished.size();
        if (hidden > 0) {
            sb.append(hidden).append(hidden == 1 ? " earlier task" : " earlier tasks").append(" finished\n");
        }
        for (TaskState t : finished) {
            sb.append("done ").append(summary(t)).append('\n');
        }
        if (current != null) {
            ProgressEvent e = current.event();
            sb.append(e.task()).append(' ');
            double f = e.fraction();
            if (!Double.isNaN(f)) {
                int filled = (int) Math.round(f * TEXT_BAR_WIDTH);
                sb.append('[').append("#".repeat(filled)).append(".".repeat(TEXT_BAR_WIDTH - filled)).append("] ")
                        .append((int) Math.floor(100 * f)).append("% ");
            }
            sb.append(details(current));
        }
        return sb.toString().stripTrailing();
    }

    /** {@code epoch 1/3  25/25 batch in 3s  loss 0.912}. */
    static String summary(TaskState t) {
        ProgressEvent e = t.event();
        String count = e.total() >= 0 ? e.done() + "/" + e.total() : String.valueOf(e.done());
        String unit = e.unit().isEmpty() ? "" : " " + e.unit();
        return e.task() + "  " + count + unit + " in " + duration(t.elapsedSeconds())
                + (e.detail().isEmpty() ? "" : "  " + e.detail());
    }

    /** {@code 12/25 batch  8.1 batch/s  ETA 2s  loss 0.912}. */
    static String details(TaskState t) {
        ProgressEvent e = t.event();
        String unit = e.unit().isEmpty() ? "" : " " + e.unit();
        StringBuilder sb = new StringBuilder(e.total() >= 0 ? e.done() + "/" + e.total() : String.valueOf(e.done()))
                .append(unit);
        if (t.rate() > 0 && Double.isFinite(t.rate())) {
            sb.append(String.format(Locale.ROOT, "  %.1f %s/s", t.rate(), e.unit().isEmpty() ? "it" : e.unit()));
            if (e.total() > e.done()) {
                sb.append("  ETA ").append(duration((e.total() - e.done()) / t.rate()));
            }
        }
        if (!e.detail().isEmpty()) {
            sb.append("  ").append(e.detail());
        }
        return sb.toString();
    }

    /** {@code 42s}, {@code 3m07s}, {@code 2h05m}. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
        }
        return seconds < 10 ? String.format(Locale.ROOT, "%.1fs", seconds) : d.toSeconds() + "s";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
