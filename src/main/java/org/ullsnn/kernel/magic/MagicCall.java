package org.ullsnn.kernel.magic;

import java.util.Optional;
import org.ullsnn.kernel.shell.CellSource;

/**
 * A magic as written in a cell.
 *
 * @param name the magic's name
 * @param args the text after the name on its line, as a block of the cell (may be empty)
 * @param body for a cell magic ({@code %%name}), the rest of the cell
 */
public record MagicCall(String name, CellSource args, Optional<CellSource> body) {

    /** The argument text, stripped. */
    public String argText() {
        return args.code().strip();
    }

    /** Whether this is a cell magic. */
    public boolean isCellMagic() {
        return body.isPresent();
    }
}
