package org.ullsnn.kernel.shell;

import jdk.jshell.SourceCodeAnalysis;

/**
 * Answers {@code is_complete_request}: whether a console should run the code on Enter or wait for more lines.
 * Java code is {@code complete} when every snippet is finished, {@code incomplete} (with the indent for the next
 * line) when a bracket, brace or statement is still open, and {@code invalid} when JShell cannot make a snippet of
 * it at all (a stray closing brace, say).
 */
public final class CompletenessCheck {

    /**
     * @param status {@code complete}, {@code incomplete} or {@code invalid}
     * @param indent for {@code incomplete}: what to start the next line with
     */
    public record Verdict(String status, String indent) {

        public static Verdict complete() {
            return new Verdict("complete", "");
        }

        public static Verdict invalid() {
            return new Verdict("invalid", "");
        }
    }

    private static final String INDENT = "    ";

    private CompletenessCheck() {
    }

    public static Verdict of(SourceCodeAnalysis analysis, String code) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete() && info.remaining() != null && !info.remaining().isBlank()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        SourceCodeAnalysis.Completeness c = info.completeness();
        if (c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE || c == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
            return new Verdict("incomplete", indentAfter(code));
        }
        if (c == SourceCodeAnalysis.Completeness.UNKNOWN) {
            return Verdict.invalid();
        }
        return Verdict.complete();
    }

    /** The last line's indent, one level deeper when that line opens a bracket or brace. */
    static String indentAfter(String code) {
        String last = code.substring(code.lastIndexOf('\n') + 1);
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        int open = 0;
        for (char ch : last.toCharArray()) {
            if (ch == '{' || ch == '(' || ch == '[') {
                open++;
            } else if ((ch == '}' || ch == ')' || ch == ']') && open > 0) {
                open--;
            }
        }
        return open > 0 ? indent + INDENT : indent;
    }
}
