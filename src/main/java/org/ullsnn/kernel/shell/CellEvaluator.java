package org.ullsnn.kernel.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Evaluates a block of Java from a cell: splits it into snippets, evaluates them in order, and returns the value of
 * the last one when it is an expression written without a final semicolon. The first snippet that does not compile,
 * throws, or uses an unfinished declaration ends the block with a {@link CellFailure}; so does an interrupt that
 * came before a snippet's code started (between snippets, or while JShell compiled it).
 * Declarations whose body refers to something not yet declared are accepted (as in {@code jshell}) with a note
 * on {@code stderr}.
 */
public final class CellEvaluator {

    private final JavaShell shell;
    private final SnippetOrigins origins;
    private final Supplier<PrintStream> notes;

    /**
     * @param shell   the JShell to evaluate in
     * @param origins records where each snippet came from (for stack traces)
     * @param notes   where notes about accepted-but-incomplete declarations go (the cell's {@code stderr})
     */
    public CellEvaluator(JavaShell shell, SnippetOrigins origins, Supplier<PrintStream> notes) {
        this.shell = shell;
        this.origins = origins;
        this.notes = notes;
    }

    /** Evaluates the block; see the class comment for failures. */
    public Evaluation evaluate(CellSource source) {
        String code = source.code();
        List<SnippetSplitter.Piece> pieces = SnippetSplitter.split(shell.analysis(), code);
        Evaluation last = Evaluation.NONE;
        for (int i = 0; i < pieces.size(); i++) {
            SnippetSplitter.Piece piece = pieces.get(i);
            if (!piece.complete()) {
                int line = source.lineOf(piece.start());
                throw new CellFailure.Compile(source.label(), List.of(new CellFailure.Problem(
                        "this code is not finished (a missing closing bracket, brace or operand?)", line,
                        source.columnOf(piece.start()), source.line(line), 1)));
            }
            if (shell.control().interruptRequested()) {
                throw interruptedBefore(source, piece);
            }
            last = evaluate(source, piece);
        }
        return last;
    }

    private Evaluation evaluate(CellSource source, SnippetSplitter.Piece piece) {
        List<SnippetEvent> events = shell.eval(piece.source());
        Evaluation value = Evaluation.NONE;
        CellFailure failure = null;
        for (SnippetEvent event : events) {
            Object result = CellExecutionControl.isResultKey(event.value())
                    ? shell.control().takeResult(event.value()) : null; // always taken: results must not pile up
            if (event.causeSnippet() != null) {
                continue; // a knock-on update of an earlier declaration
            }
            Snippet snippet = event.snippet();
            origins.record(snippet.id(), new SnippetOrigins.Origin(source.label(), source.lineOf(piece.start()),
                    Arrays.asList(piece.source().split("\n", -1))));
            if (failure != null) {
                continue;
            }
            if (event.status() == Snippet.Status.REJECTED) {
                failure = compileFailure(source, piece, snippet);
            } else if (event.exception() != null) {
                failure = runFailure(event.exception(), source, piece);
            } else {
                noteUnresolved(snippet);
                value = showsValue(snippet) && !piece.statement() ? Evaluation.of(result) : Evaluation.NONE;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    /**
     * Expressions show their value; declarations, assignments and statements do not (as in a Python notebook), nor
     * does an expression ended with a semicolon (see {@link SnippetSplitter.Piece#statement()}).
     */
    private static boolean showsValue(Snippet snippet) {
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private CellFailure compileFailure(CellSource source, SnippetSplitter.Piece piece, Snippet snippet) {
        List<CellFailure.Problem> problems = new ArrayList<>();
        shell.diagnostics(snippet).filter(Diag::isError).forEach(d -> problems.add(problem(source, piece, d)));
        if (problems.isEmpty()) {
            int line = source.lineOf(piece.start());
            problems.add(new CellFailure.Problem("JShell rejected this code", line, source.columnOf(piece.start()),
                    source.line(line), 1));
        }
        return new CellFailure.Compile(source.label(), problems);
    }

    private static CellFailure.Problem problem(CellSource source, SnippetSplitter.Piece piece, Diag d) {
        long start = d.getStartPosition() >= 0 ? d.getStartPosition() : Math.max(0, d.getPosition());
        long end = Math.max(start + 1, d.getEndPosition());
        int at = piece.start() + (int) Math.min(start, piece.source().length());
        int line = source.lineOf(at);
        String code = source.line(line);
        int column = source.columnOf(at);
        int length = (int) Math.max(1, Math.min(end - start, code.length() - column + 1));
        return new CellFailure.Problem(message(d), line, column, code, length);
    }

    /** javac's message without the {@code location:} lines, which name JShell's generated wrapper classes. */
    static String message(Diag d) {
        StringBuilder sb = new StringBuilder();
        for (String line : d.getMessage(Locale.ROOT).split("\n")) {
            if (!line.strip().startsWith("location:")) {
                sb.append(sb.length() == 0 ? "" : "\n").append(line.stripTrailing());
            }
        }
        return sb.toString();
    }

    private static CellFailure.Interrupted interruptedBefore(CellSource source, SnippetSplitter.Piece piece) {
        return new CellFailure.Interrupted("before cell " + source.label() + " line " + source.lineOf(piece.start()));
    }

    private CellFailure runFailure(JShellException e, CellSource source, SnippetSplitter.Piece piece) {
        if (e instanceof UnresolvedReferenceException u) {
            List<String> missing = shell.unresolvedDependencies(u.getSnippet()).toList();
            return new CellFailure.Unresolved(describe(u.getSnippet()), missing);
        }
        Throwable thrown = shell.control().lastThrown();
        if (thrown instanceof CellExecutionControl.NotStarted) { // the interrupt came while JShell compiled it
            return interruptedBefore(source, piece);
        }
        if (thrown == null) { // JShell failed outside the cell code, e.g. while defining a class
            thrown = e instanceof EvalException ee ? new IllegalStateException(ee.getExceptionClassName() + ": "
                    + ee.getMessage()) : e;
        } else {
            locateCellFrames(thrown, e);
        }
        return new CellFailure.Thrown(thrown);
    }

    /**
     * Gives the frames of cell code in {@code thrown} (and its causes) JShell's snippet locations: the real frames
     * name generated wrapper classes and their lines ({@code $JShell$12.java:9}), JShell's translated copy of the
     * same trace names snippet and line ({@code #12:2}); both traces agree frame by frame up to the last cell frame.
     */
    static void locateCellFrames(Throwable thrown, Throwable translated) {
        Throwable real = thrown;
        Throwable copy = translated;
        while (real != null && copy != null) {
            StackTraceElement[] frames = real.getStackTrace();
            StackTraceElement[] located = copy.getStackTrace();
            boolean changed = false;
            for (int i = 0; i < Math.min(frames.length, located.length); i++) {
                if (frames[i].getClassName().startsWith("REPL.") && SnippetOrigins.isCellFrame(located[i])) {
                    frames[i] = new StackTraceElement(frames[i].getClassName(), frames[i].getMethodName(),
                            located[i].getFileName(), located[i].getLineNumber());
                    changed = true;
                }
            }
            if (changed) {
                real.setStackTrace(frames);
            }
            real = real.getCause() == real ? null : real.getCause();
            copy = copy.getCause();
        }
    }

    private void noteUnresolved(Snippet snippet) {
        List<String> missing = shell.unresolvedDependencies(snippet).toList();
        if (!missing.isEmpty()) {
            notes.get().println("note: " + describe(snippet) + " is defined, but cannot be used until "
                    + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " declared");
        }
    }

    private static String describe(Snippet snippet) {
        if (snippet instanceof jdk.jshell.MethodSnippet m) {
            return m.name() + "(" + m.parameterTypes() + ")";
        }
        if (snippet instanceof jdk.jshell.TypeDeclSnippet t) {
            return t.name();
        }
        if (snippet instanceof jdk.jshell.VarSnippet v) {
            return v.name();
        }
        return snippet.source().strip();
    }
}
