package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The real CIFAR-10 and CIFAR-100 files, from the directory named by {@code ULLSNN_DATA}. Skipped (never
 * passed) when the variable or the files are absent.
 */
class RealCifarDataTest {

    private static final String HOW_TO_GET_IT = "real CIFAR data not found: run `../shared/data/unpack.sh DIR` "
            + "(or `ullsnn data fetch --data DIR`), then set " + DataLocation.ENV_VAR + "=DIR";

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void realCifarFilesHaveOfficialCountsLabelsAndPassVerification() throws IOException {
        String env = System.getenv(DataLocation.ENV_VAR);
        assumeTrue(env != null && !env.isBlank(), HOW_TO_GET_IT + " (" + DataLocation.ENV_VAR + " is not set)");
        Path data = Path.of(env);
        for (CifarDataset d : CifarDataset.values()) {
            assumeTrue(d.layout().missingFiles(data).isEmpty(),
                    HOW_TO_GET_IT + " (missing in " + data + ": " + d.layout().missingFiles(data) + ")");
        }

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
