package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ullsnn.testing.Prerequisites;

/**
 * The real CIFAR-10 and CIFAR-100 files, from the directory named by {@code ULLSNN_DATA}. Skipped (never
 * passed) when the variable or the files are absent, and failed then under {@code CI=true}
 * ({@link Prerequisites#requireRealCifar(CifarDataset...)}).
 */
class RealCifarDataTest {

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void realCifarFilesHaveOfficialCountsLabelsAndPassVerification() throws IOException {
        Path data = Prerequisites.requireRealCifar();

        ImageSet c10Test = CifarReader.of(CifarDataset.CIFAR10).read(data, Split.TEST);
        assertEquals(3, c10Test.label(0), "the first CIFAR-10 test image is a cat");
        assertEquals("cat", c10Test.classNames().get(3));
        assertArrayEquals(filled(10, 1_000), c10Test.classCounts());
        assertArrayEquals(filled(10, 5_000), CifarReader.of(CifarDataset.CIFAR10).read(data, Split.TRAIN)
                .classCounts());
        assertArrayEquals(filled(100, 500), CifarReader.of(CifarDataset.CIFAR100).read(data, Split.TRAIN)
                .classCounts());
        ImageSet c100Test = CifarReader.of(CifarDataset.CIFAR100).read(data, Split.TEST);
        assertArrayEquals(filled(100, 100), c100Test.classCounts());
        assertArrayEquals(filled(20, 500), c100Test.labels(LabelLevel.COARSE).counts());

        for (CifarDataset d : CifarDataset.values()) {
            VerificationReport report = CifarVerifier.of(d).verify(data);
            assertTrue(report.passed(), report.summary());
        }
    }
}
