package org.ullsnn.kernel.shell;

/**
 * A block of code and where it sits in its notebook cell, so that errors can point at the cell's own lines.
 *
 * @param label  how the cell is named in messages, e.g. {@code [7]} (its execution count)
 * @param cell   the whole cell text
 * @param offset where the block starts in {@code cell}
 * @param length the block's length
 */
public record CellSource(String label, String cell, int offset, int length) {

    public CellSource {
        if (offset < 0 || length < 0 || offset + length > cell.length()) {
            throw new IllegalArgumentException("block [" + offset + ", " + (offset + length)
                    + ") is outside the cell of length " + cell.length());
        }
    }

    /** A whole cell. */
    public static CellSource whole(String label, String cell) {
        return new CellSource(label, cell, 0, cell.length());
    }

    /** The block's code. */
    public String code() {
        return cell.substring(offset, offset + length);
    }

    /** The 1-based cell line of a position in the block. */
    public int lineOf(int positionInBlock) {
        int end = Math.min(cell.length(), offset + Math.max(0, positionInBlock));
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (cell.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column of a position in the block. */
    public int columnOf(int positionInBlock) {
        int at = Math.min(cell.length(), offset + Math.max(0, positionInBlock));
        int lineStart = cell.lastIndexOf('\n', at - 1) + 1;
        return at - lineStart + 1;
    }

    /** The text of a 1-based cell line, without its line break ({@code ""} past the end). */
    public String line(int line) {
        String[] lines = cell.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1].stripTrailing() : "";
    }
}
