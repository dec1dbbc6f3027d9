package org.ullsnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    /** FIPS 180-2's example: SHA-256("abc"). */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void bytesAndFilesHashAsTheStandardSays(@TempDir Path dir) throws Exception {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ABC, Sha256.of(abc));
        Path file = Files.write(dir.resolve("abc.txt"), abc);
        assertEquals(ABC, Sha256.ofFile(file));
        byte[] big = new byte[(1 << 20) + 3]; // more than one read block
        big[big.length - 1] = 7;
        assertEquals(Sha256.of(big), Sha256.ofFile(Files.write(dir.resolve("big.bin"), big)));
        assertThrows(UncheckedIOException.class, () -> Sha256.ofFile(dir.resolve("missing")));
    }
}
