package org.ullsnn.kernel.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An error as the notebook shows it: a name, a message, and traceback lines (with ANSI colours, which Jupyter
 * renders), written for the person at the notebook rather than for the kernel's developers.
 *
 * <ul>
 *   <li>Compiler errors name the cell line, show its code and underline the offending part.</li>
 *   <li>Exceptions show the user's own frames first (as {@code cell [7], line 4: code}), then the library frames
 *       inside which it was thrown, innermost first; the kernel's and JShell's frames below the cell are hidden.
 *       Causes and suppressed exceptions follow in the same form.</li>
 *   <li>A cell stopped by a second interrupt is reported as interrupted, not as a {@code ThreadDeath}.</li>
 * </ul>
 *
 * @param name      short error name ({@code ename}), e.g. {@code IllegalArgumentException}
 * @param message   the error message ({@code evalue})
 * @param traceback the lines to show
 */
public record ErrorReport(String name, String message, List<String> traceback) {

    static final String RED = "\u001b[0;31m";
    static final String GREEN = "\u001b[0;32m";
    static final String CYAN = "\u001b[0;36m";
    static final String RESET = "\u001b[0m";
    static final int LIBRARY_FRAMES = 25;
    static final int CAUSE_LIBRARY_FRAMES = 8;
    private static final List<String> PLUMBING = List.of("org.ullsnn.kernel.shell.", "jdk.internal.reflect.",
            "java.lang.reflect.", "jdk.jshell.", "java.util.concurrent.FutureTask", "java.util.concurrent.ThreadPool",
            "java.lang.Thread.");

    public ErrorReport {
        traceback = List.copyOf(traceback);
    }

    /** The report of a cell failure; {@code origins} locates frames in cells. */
    public static ErrorReport of(CellFailure failure, SnippetOrigins origins) {
        if (failure instanceof CellFailure.Compile c) {
            return compile(c);
        }
        if (failure instanceof CellFailure.Thrown t) {
            return thrown(t.thrown(), origins);
        }
        if (failure instanceof CellFailure.Unresolved u) {
            return new ErrorReport("UnresolvedReference", u.getMessage(), List.of(RED + "UnresolvedReference" + RESET
                    + ": " + u.getMessage(), "  declare " + String.join(", ", u.missing()) + " in a cell, then run "
                    + "this one again"));
        }
        if (failure instanceof CellFailure.Usage u) {
            return new ErrorReport("UsageError", u.getMessage(), List.of((RED + "UsageError" + RESET + ": "
                    + u.getMessage()).split("\n")));
        }
        return interrupted(failure.getMessage());
    }

    /** The report of an exception that the kernel itself threw while serving a cell (a bug or bad magic input). */
    public static ErrorReport ofKernelException(Throwable e, SnippetOrigins origins) {
        return thrown(e, origins);
    }

    private static ErrorReport interrupted(String message) {
        return new ErrorReport("Interrupted", message, List.of(RED + "Interrupted" + RESET + ": " + message));
    }

    private static ErrorReport compile(CellFailure.Compile c) {
        List<String> lines = new ArrayList<>();
        for (CellFailure.Problem p : c.problems()) {
            String[] message = p.message().split("\n");
            lines.add(RED + "error" + RESET + " in cell " + c.cellLabel() + ", line " + p.line() + ": " + message[0]);
            for (int i = 1; i < message.length; i++) {
                lines.add("    " + message[i].strip());
            }
            lines.add("  " + p.code());
            lines.add("  " + " ".repeat(Math.max(0, p.column() - 1)) + RED + "^".repeat(Math.max(1, p.length()))
                    + RESET);
        }
        String first = c.problems().isEmpty() ? "compilation failed" : c.problems().get(0).message().split("\n")[0];
        return new ErrorReport("CompilationError", first, lines);
    }

    private static ErrorReport thrown(Throwable e, SnippetOrigins origins) {
        if (e instanceof ThreadDeath) {
            return interrupted("the cell was stopped (it had not reacted to the first interrupt)");
        }
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        describe(e, "", LIBRARY_FRAMES, origins, lines, seen);
        String message = e.getMessage() == null ? "" : e.getMessage();
        return new ErrorReport(e.getClass().getSimpleName(), message, lines);
    }

    private static void describe(Throwable e, String prefix, int libraryLimit, SnippetOrigins origins,
            List<String> out, Set<Throwable> seen) {
        if (!seen.add(e)) {
            out.add(prefix + "[circular reference: " + e + "]");
            return;
        }
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        out.add(prefix + RED + e.getClass().getName() + RESET + message);
        StackTraceElement[] frames = e.getStackTrace();
        int outermostCell = -1;
        for (int i = 0; i < frames.length; i++) {
            if (SnippetOrigins.isCellFrame(frames[i])) {
                outermostCell = i;
            }
        }
        List<String> cell = new ArrayList<>();
        List<String> library = new ArrayList<>();
        int last = outermostCell >= 0 ? outermostCell : frames.length - 1;
        for (int i = 0; i <= last; i++) {
            StackTraceElement f = frames[i];
            if (SnippetOrigins.isCellFrame(f)) {
                Optional<SnippetOrigins.CellFrame> at = origins.locate(f);
                cell.add(at.map(SnippetOrigins.CellFrame::toString)
                        .orElse("a cell (snippet " + f.getFileName() + ", line " + f.getLineNumber() + ")"));
            } else if (!isPlumbing(f)) {
                library.add("at " + f);
            }
        }
        if (!cell.isEmpty()) {
            out.add(prefix + "  in your code:");
            cell.forEach(c -> out.add(prefix + "    " + GREEN + c + RESET));
        }
        if (!library.isEmpty()) {
            out.add(prefix + (cell.isEmpty() ? "  at:" : "  inside (innermost first):"));
            library.stream().limit(libraryLimit).forEach(l -> out.add(prefix + "    " + CYAN + l + RESET));
            if (library.size() > libraryLimit) {
                out.add(prefix + "    ... " + (library.size() - libraryLimit) + " more");
            }
        }
        for (Throwable s : e.getSuppressed()) {
            out.add(prefix + "  Suppressed:");
            describe(s, prefix + "    ", CAUSE_LIBRARY_FRAMES, origins, out, seen);
        }
        Throwable cause = e.getCause();
        if (cause != null) {
            out.add(prefix + "Caused by:");
            describe(cause, prefix, CAUSE_LIBRARY_FRAMES, origins, out, seen);
        }
    }

    private static boolean isPlumbing(StackTraceElement f) {
        String name = f.getClassName() + ".";
        for (String p : PLUMBING) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The traceback without ANSI colour codes (for logs and tests). */
    public List<String> plainTraceback() {
        return traceback.stream().map(ErrorReport::stripAnsi).toList();
    }

    static String stripAnsi(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
