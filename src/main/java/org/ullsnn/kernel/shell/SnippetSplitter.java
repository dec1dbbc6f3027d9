package org.ullsnn.kernel.shell;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Cuts a block of Java into the snippets JShell evaluates one at a time (statements, expressions, declarations,
 * imports), keeping where each starts so that errors and stack frames point at the cell's own lines. A missing
 * final semicolon is added, as in the {@code jshell} tool.
 */
public final class SnippetSplitter {

    /**
     * One snippet.
     *
     * @param source the code JShell evaluates (possibly with a semicolon added)
     * @param start  where it starts in the block
     * @param complete {@code false} for a trailing piece that is not finished (an open brace, a dangling operator)
     * @param statement {@code true} when the code itself ends with a semicolon: an expression written that way is a
     *                  statement, and its value is not shown (write it without the semicolon to see it)
     */
    public record Piece(String source, int start, boolean complete, boolean statement) { }

    private SnippetSplitter() {
    }

    /** The snippets of {@code code}, in order; a trailing unfinished piece comes last, marked incomplete. */
    public static List<Piece> split(SourceCodeAnalysis analysis, String code) {
        List<Piece> pieces = new ArrayList<>();
        String remaining = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            int chunkStart = code.length() - remaining.length();
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                return pieces;
            }
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                pieces.add(new Piece(remaining.strip(), chunkStart + leadingBlanks(remaining), false, false));
                return pieces;
            }
            String rest = info.remaining() == null ? "" : info.remaining();
            int chunkEnd = code.length() - rest.length();
            String chunk = code.substring(chunkStart, Math.max(chunkStart, chunkEnd));
            String source = info.source().stripLeading(); // JShell counts snippet lines from the first code
            boolean statement = c == Completeness.COMPLETE && source.stripTrailing().endsWith(";");
            pieces.add(new Piece(source, chunkStart + startOf(chunk, source), true, statement));
            if (rest.isBlank() || chunkEnd <= chunkStart) {
                return pieces;
            }
            remaining = rest;
        }
    }

    private static int startOf(String chunk, String source) {
        String probe = source.strip();
        if (probe.endsWith(";")) {
            probe = probe.substring(0, probe.length() - 1);
        }
        int firstLine = probe.indexOf('\n');
        String head = firstLine < 0 ? probe : probe.substring(0, firstLine);
        int at = head.isEmpty() ? -1 : chunk.indexOf(head);
        return at >= 0 ? at : leadingBlanks(chunk);
    }

    private static int leadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
