package org.ullsnn.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ullsnn.kernel.shell.CellSource;

/**
 * Splits a cell into Java blocks and magic lines, in order.
 *
 * <ul>
 *   <li>A line {@code %name args} is a line magic when {@code name} is a known magic, or when it stands where a new
 *       statement could start (first line, or after a line ending in {@code ;}, <code>{</code> or <code>}</code>), so
 *       that a misspelt magic gets a clear "unknown magic" error while a Java line continuing with {@code %} (the
 *       remainder operator) stays Java.</li>
 *   <li>A first line {@code %%name args} makes the whole cell a cell magic; the rest of the cell is its body.</li>
 * </ul>
 */
public final class CellParser {

    private static final Pattern LINE_MAGIC = Pattern.compile("^[ \\t]*%([A-Za-z_]\\w*)(?=[ \\t]|$)[ \\t]?(.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^[ \\t]*%%([A-Za-z_]\\w*)(?=[ \\t]|$)[ \\t]?(.*)$");

    /** One part of a cell. */
    public sealed interface Part permits JavaBlock, MagicLine { }

    /** Java code. */
    public record JavaBlock(CellSource source) implements Part { }

    /** A magic, with its 1-based cell line. */
    public record MagicLine(MagicCall call, int line) implements Part { }

    private final Magics magics;

    public CellParser(Magics magics) {
        this.magics = magics;
    }

    /** The parts of a cell. */
    public List<Part> parse(String label, String cell) {
        List<Part> parts = new ArrayList<>();
        List<int[]> lines = lines(cell);
        int first = firstNonBlank(cell, lines);
        if (first >= 0) {
            int[] l = lines.get(first);
            Matcher m = CELL_MAGIC.matcher(cell.substring(l[0], l[1]));
            if (m.matches()) {
                int bodyStart = Math.min(cell.length(), l[1] + 1);
                MagicCall call = new MagicCall(m.group(1), args(label, cell, l, m),
                        Optional.of(new CellSource(label, cell, bodyStart, cell.length() - bodyStart)));
                parts.add(new MagicLine(call, first + 1));
                return parts;
            }
        }
        int blockStart = 0;
        boolean boundary = true;
        for (int i = 0; i < lines.size(); i++) {
            int[] l = lines.get(i);
            String text = cell.substring(l[0], l[1]);
            Matcher m = LINE_MAGIC.matcher(text);
            if (m.matches() && (magics.isKnown(m.group(1)) || boundary)) {
                addJava(parts, label, cell, blockStart, l[0]);
                parts.add(new MagicLine(new MagicCall(m.group(1), args(label, cell, l, m), Optional.empty()), i + 1));
                blockStart = Math.min(cell.length(), l[1] + 1);
                boundary = true;
                continue;
            }
            String code = text.strip();
            if (!code.isEmpty() && !code.startsWith("//")) {
                boundary = code.endsWith(";") || code.endsWith("{") || code.endsWith("}");
            }
        }
        addJava(parts, label, cell, blockStart, cell.length());
        return parts;
    }

    /**
     * The cell as Java sees it, same length: magic names are blanked, and so are the arguments of magics whose
     * arguments are not Java. Completion and inspection work on this view.
     */
    public String javaView(String cell) {
        char[] view = cell.toCharArray();
        for (Part p : parse("", cell)) {
            if (p instanceof MagicLine magic) {
                List<int[]> lines = lines(cell);
                int[] l = lines.get(magic.line() - 1);
                CellSource args = magic.call().args();
                boolean keepArgs = magics.argumentsAreJava(magic.call().name()) && !magic.call().isCellMagic();
                int blankEnd = keepArgs ? args.offset() : l[1];
                for (int i = l[0]; i < blankEnd; i++) {
                    view[i] = ' ';
                }
            }
        }
        return new String(view);
    }

    private static CellSource args(String label, String cell, int[] line, Matcher m) {
        int start = line[0] + m.start(2);
        return new CellSource(label, cell, start, line[0] + m.end(2) - start);
    }

    private static void addJava(List<Part> parts, String label, String cell, int from, int to) {
        if (to > from && !cell.substring(from, to).isBlank()) {
            parts.add(new JavaBlock(new CellSource(label, cell, from, to - from)));
        }
    }

    /** {@code [start, end)} of every line, without line breaks. */
    private static List<int[]> lines(String cell) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= cell.length(); i++) {
            if (i == cell.length() || cell.charAt(i) == '\n') {
                int end = i > start && cell.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(new int[] {start, end});
                start = i + 1;
            }
        }
        return lines;
    }

    private static int firstNonBlank(String cell, List<int[]> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!cell.substring(lines.get(i)[0], lines.get(i)[1]).isBlank()) {
                return i;
            }
        }
        return -1;
    }
}
