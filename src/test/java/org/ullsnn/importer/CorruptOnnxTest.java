package org.ullsnn.importer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files that are not whole ONNX models give a {@link CorruptModelException} that names the file. */
class CorruptOnnxTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.001, 0.1, 0.5, 0.9, 0.999})
    void aTruncatedModelIsRefusedAsCorrupt(double keep) throws IOException {
        for (String fixture : new String[] {"vgg_bn", "vgg_clip", "resnet_block"}) {
            byte[] whole = Files.readAllBytes(OnnxFixture.load(fixture).file());
            int length = keep == 0.999 ? whole.length - 1 : (int) (whole.length * keep);
            assertCorrupt(Arrays.copyOf(whole, length), fixture + " cut to " + length + " bytes");
        }
    }

    @Test
    void everyCutOfTheSmallestFixtureIsRefused() throws IOException {
        byte[] whole = Files.readAllBytes(OnnxFixture.load("vgg_clip").file());
        for (int length = 0; length < whole.length; length += 7) {
            assertCorrupt(Arrays.copyOf(whole, length), "cut to " + length + " bytes");
        }
    }

    @Test
    void randomBytesAreRefused() throws IOException {
        byte[] noise = new byte[64];
        new Random(17).nextBytes(noise);
        assertCorrupt(noise, "random bytes");
    }

    @Test
    void aKerasFileIsToldApart() throws IOException {
        byte[] hdf5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0};
        assertTrue(assertCorrupt(hdf5, "HDF5").contains("HDF5"));
    }

    @Test
    void aZipArchiveIsToldApart() throws IOException {
        assertTrue(assertCorrupt(new byte[] {'P', 'K', 3, 4, 0, 0}, "zip").contains("torch.onnx.export"));
    }

    private String assertCorrupt(byte[] bytes, String what) throws IOException {
        Path file = dir.resolve("model.onnx");
        Files.write(file, bytes);
        CorruptModelException e = assertThrows(CorruptModelException.class, () -> OnnxImporter.read(file), what);
        assertTrue(e.getMessage().startsWith(file + " is not a readable ONNX model"), e.getMessage());
        return e.getMessage();
    }
}
