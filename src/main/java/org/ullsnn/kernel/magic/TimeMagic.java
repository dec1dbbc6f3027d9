package org.ullsnn.kernel.magic;

import java.util.Locale;
import org.ullsnn.kernel.shell.CellSource;
import org.ullsnn.kernel.shell.Evaluation;

/**
 * {@code %time CODE} times one line of Java, {@code %%time} (first line of a cell) the whole cell: wall-clock time
 * and the CPU time of the cell thread (ND4J's native worker threads are not counted, so CPU below wall time on a
 * training step is expected). The timed code's value is still shown. One run, no warm-up: for benchmarks use
 * {@code ullsnn bench}.
 */
public final class TimeMagic implements Magic {

    @Override
    public String name() {
        return "time";
    }

    @Override
    public boolean argumentsAreJava() {
        return true;
    }

    @Override
    public String usage() {
        return "%time CODE | %%time     time one line, or (as the first line) the whole cell";
    }

    @Override
    public Evaluation run(MagicCall call, MagicContext context) {
        CellSource code = call.body().orElse(call.args());
        if (code.code().isBlank()) {
            throw new IllegalArgumentException("nothing to time: " + usage());
        }
        long cpu = context.cellCpuNanos();
        long start = System.nanoTime();
        try {
            return context.evaluate(code);
        } finally {
            double wall = (System.nanoTime() - start) / 1e9;
            double used = (context.cellCpuNanos() - cpu) / 1e9;
            context.out().println(String.format(Locale.ROOT, "Wall time: %s, cell thread CPU: %s", format(wall),
                    format(used)));
        }
    }

    static String format(double seconds) {
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.0f us", seconds * 1e6);
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.1f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }
}
