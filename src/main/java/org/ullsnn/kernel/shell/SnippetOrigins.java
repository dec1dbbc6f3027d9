package org.ullsnn.kernel.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each JShell snippet came from (cell and line), so that a stack frame such as {@code do_it$(#12:2)} can be
 * shown as {@code cell [7], line 4} with the line's code. Remembers the last {@value #CAPACITY} snippets.
 * Thread-safe.
 */
public final class SnippetOrigins {

    static final int CAPACITY = 10_000;

    /**
     * @param cellLabel the cell's label, e.g. {@code [7]}
     * @param firstLine the cell line the snippet starts on (1-based)
     * @param lines     the snippet's source lines
     */
    public record Origin(String cellLabel, int firstLine, List<String> lines) {

        public Origin {
            lines = List.copyOf(lines);
        }

        /** The cell line of a 1-based snippet line. */
        public int cellLine(int snippetLine) {
            return firstLine + Math.max(1, snippetLine) - 1;
        }

        /**
         * The code on a 1-based snippet line, stripped ({@code ""} when out of range); line 0, which JShell reports
         * for an expression's own frame, is the first line.
         */
        public String code(int snippetLine) {
            int line = Math.max(1, snippetLine);
            return line <= lines.size() ? lines.get(line - 1).strip() : "";
        }
    }

    /** A stack frame located in a cell. */
    public record CellFrame(String cellLabel, int line, String code) {

        @Override
        public String toString() {
            return "cell " + cellLabel + ", line " + line + (code.isEmpty() ? "" : ":  " + code);
        }
    }

    private final Map<String, Origin> origins = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Origin> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized void record(String snippetId, Origin origin) {
        origins.put(snippetId, origin);
    }

    public synchronized Optional<Origin> of(String snippetId) {
        return Optional.ofNullable(origins.get(snippetId));
    }

    /** Whether a frame runs code from a cell (JShell names the source file of snippet 12 {@code #12}). */
    public static boolean isCellFrame(StackTraceElement frame) {
        String file = frame.getFileName();
        return file != null && file.startsWith("#");
    }

    /** The cell location of a frame from a cell, if its snippet is remembered. */
    public Optional<CellFrame> locate(StackTraceElement frame) {
        if (!isCellFrame(frame)) {
            return Optional.empty();
        }
        return of(frame.getFileName().substring(1)).map(o -> new CellFrame(o.cellLabel(),
                o.cellLine(frame.getLineNumber()), o.code(frame.getLineNumber())));
    }
}
