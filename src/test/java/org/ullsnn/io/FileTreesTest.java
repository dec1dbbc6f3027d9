package org.ullsnn.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    @Test
    void deletesAFolderWithNestedFilesAndLeavesItsSiblings() throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("a").resolve("b"));
        Files.writeString(tree.resolve("a").resolve("b").resolve("f.txt"), "x");
        Files.writeString(tree.resolve("g.txt"), "y");
        Files.writeString(dir.resolve("sibling.txt"), "z");

        FileTrees.delete(tree);

        assertFalse(Files.exists(tree));
        assertTrue(Files.exists(dir.resolve("sibling.txt")));
    }

    @Test
    void aMissingFolderIsNoErrorAndASingleFileIsDeleted() throws Exception {
        assertDoesNotThrow(() -> FileTrees.delete(dir.resolve("absent")));
        Path file = Files.writeString(dir.resolve("one.txt"), "x");
        FileTrees.delete(file);
        assertFalse(Files.exists(file));
    }
}
