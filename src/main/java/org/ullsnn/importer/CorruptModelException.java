package org.ullsnn.importer;

import java.nio.file.Path;

/** A model file that cannot be read at all: empty, truncated, corrupt, or not in the format it should be. */
public final class CorruptModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** {@code "FILE is not a readable ONNX model: REASON"}. */
    public CorruptModelException(Path file, String reason) {
        super(file + " is not a readable ONNX model: " + reason);
    }

    /** {@code "FILE is not a readable FORMAT model: REASON"}, e.g. for {@code Keras HDF5}. */
    public CorruptModelException(Path file, String format, String reason, Throwable cause) {
        super(file + " is not a readable " + format + " model: " + reason, cause);
    }

    /** As above, keeping the parser's exception as the cause. */
    public CorruptModelException(Path file, String reason, Throwable cause) {
        super(file + " is not a readable ONNX model: " + reason, cause);
    }
}
