package org.ullsnn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the complete new one: the content goes to a
 * hidden temporary sibling ({@code .NAME.tmp-<nanos>}, created with the process's normal permissions), which
 * is then renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}. A crash mid-write leaves at
 * most a stray temporary file, never a truncated target.
 */
public final class AtomicFile {

    /** Writes the content of a file at the given path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with what {@code writer} writes, creating parent folders as needed.
     *
     * @throws UncheckedIOException naming the target when writing or moving fails
     */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path tmp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + System.nanoTime());
        try {
            Files.createDirectories(absolute.getParent());
            writer.writeTo(tmp);
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the move succeeded or the write already failed with its own message
            }
        }
    }
}
