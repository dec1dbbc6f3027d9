package org.ullsnn.kernel.shell;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Answers inspection ({@code Shift+Tab}): the signatures of what is under the cursor, with the first sentence of
 * its javadoc (or the whole comment for detail level 1). JShell supplies signatures and the JDK's javadoc when
 * {@code src.zip} is installed; the library's javadoc comes from a {@link JavadocIndex} of its sources.
 */
public final class Inspector {

    /**
     * An inspection bundle.
     *
     * @param plain    text/plain
     * @param markdown text/markdown (signatures as Java code)
     */
    public record Inspection(String plain, String markdown) { }

    private final JavaShell shell;
    private final Supplier<JavadocIndex> javadoc;

    /**
     * @param shell   the JShell holding the notebook's state
     * @param javadoc the library's javadoc (may still be loading: then an empty index is supplied)
     */
    public Inspector(JavaShell shell, Supplier<JavadocIndex> javadoc) {
        this.shell = shell;
        this.javadoc = javadoc;
    }

    /**
     * @param javaView the cell with magic words blanked out
     * @param cursor   the cursor position
     * @param detail   {@code true} for the whole javadoc instead of its first sentence
     */
    public Optional<Inspection> inspect(String javaView, int cursor, boolean detail) {
        List<SourceCodeAnalysis.Documentation> docs = documentation(javaView, Math.min(cursor, javaView.length()));
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        Set<String> plain = new LinkedHashSet<>();
        StringBuilder markdown = new StringBuilder();
        JavadocIndex index = javadoc.get();
        for (SourceCodeAnalysis.Documentation d : docs) {
            String doc = d.javadoc();
            if (doc == null || doc.isBlank()) {
                doc = index.find(d.signature()).map(e -> detail ? e.body() : e.summary()).orElse("");
            } else if (!detail) {
                doc = firstSentence(doc);
            }
            String block = d.signature() + (doc.isBlank() ? "" : "\n    " + doc.replace("\n", "\n    "));
            if (plain.add(block)) {
                markdown.append("```java\n").append(d.signature()).append("\n```\n");
                if (!doc.isBlank()) {
                    markdown.append(doc).append("\n\n");
                }
            }
        }
        return Optional.of(new Inspection(String.join("\n", plain), markdown.toString().strip()));
    }

    /** Tries the cursor as is, then as if a call were opened after the name under it, then the name alone. */
    private List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor) {
        SourceCodeAnalysis analysis = shell.analysis();
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, cursor, true);
        if (!docs.isEmpty()) {
            return docs;
        }
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        int start = cursor;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            return List.of();
        }
        String upToName = code.substring(0, end);
        docs = analysis.documentation(upToName + "(", end + 1, true);
        return docs.isEmpty() ? analysis.documentation(upToName, end, true) : docs;
    }

    static String firstSentence(String doc) {
        String text = doc.strip();
        int end = text.indexOf(". ");
        int line = text.indexOf("\n\n");
        int cut = end < 0 ? line : (line < 0 ? end + 1 : Math.min(end + 1, line));
        return cut < 0 ? text : text.substring(0, cut).strip();
    }
}
