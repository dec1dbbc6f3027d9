package org.ullsnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("sub/out.txt");
        AtomicFile.write(target, f -> Files.writeString(f, "one"));
        AtomicFile.write(target, f -> Files.writeString(f, "two"));
        assertEquals("two", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aFailedWriteKeepsTheOldContentAndNamesTheTarget(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFile.write(target, f -> {
            Files.writeString(f, "half");
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("out.txt") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is removed");
        }
    }
}
