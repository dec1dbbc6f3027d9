package org.ullsnn.kernel.shell;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Tab completion: magic names at the start of a {@code %} line, otherwise JShell's own suggestions for the Java
 * around the cursor (members, variables of earlier cells, types of the library, with {@code (} after methods).
 */
public final class Completer {

    /**
     * What may replace the text in {@code [start, end)}.
     *
     * @param matches the candidates, in JShell's order, without duplicates
     * @param start   where the replaced text starts
     * @param end     where it ends (the cursor)
     */
    public record Completion(List<String> matches, int start, int end) { }

    private final JavaShell shell;

    public Completer(JavaShell shell) {
        this.shell = shell;
    }

    /**
     * @param cell       the cell as typed
     * @param javaView   the same cell with magic words blanked out (same length), see {@code CellParser}
     * @param cursor     the cursor position
     * @param magicNames the known magic names (without {@code %})
     */
    public Completion complete(String cell, String javaView, int cursor, Collection<String> magicNames) {
        int at = Math.max(0, Math.min(cursor, cell.length()));
        int lineStart = cell.lastIndexOf('\n', at - 1) + 1;
        String typed = cell.substring(lineStart, at);
        String stripped = typed.stripLeading();
        if (stripped.startsWith("%") && stripped.chars().skip(1).allMatch(c -> c == '%' || Character.isLetter(c))) {
            String prefix = stripped.replace("%", "");
            String marks = stripped.startsWith("%%") ? "%%" : "%";
            List<String> matches = magicNames.stream().filter(n -> n.startsWith(prefix)).sorted()
                    .map(n -> marks + n).toList();
            return new Completion(matches, at - stripped.length(), at);
        }
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell.analysis().completionSuggestions(javaView.substring(0, at), at, anchor);
        Set<String> unique = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            unique.add(s.continuation());
        }
        return new Completion(List.copyOf(unique), anchor[0], at);
    }
}
