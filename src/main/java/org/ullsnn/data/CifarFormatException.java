package org.ullsnn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file exists but its content is not what the format says: a size that is not a whole number of
 * records or differs from the layout, a label byte out of range, a names file with the wrong number of
 * names, an archive without the expected folder. The message starts with the file and says what was
 * expected and what was found.
 *
 * <p>An {@link IOException}, so that callers that read files handle one checked type; catch this one to
 * tell "the file is damaged, fetch it again" apart from other I/O failures.
 */
public class CifarFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}; the message is {@code file + ": " + problem}. */
    public CifarFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }
}
