package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.data.VerificationReport.Status;

class CifarVerifierTest {

    @TempDir
    Path dataDir;

    private static VerificationReport.Check check(VerificationReport report, String subject, String name) {
        return report.entries().stream()
                .filter(e -> e.subject().startsWith(subject))
                .flatMap(e -> e.checks().stream())
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " of " + subject + " in\n"
                        + report.summary()));
    }

    @Test
    void aWellFormedFolderPassesEveryStructuralCheck() throws IOException {
        CifarFixtures.write(CifarFixtures.smallCifar100(), dataDir);

        VerificationReport report = new CifarVerifier(CifarFixtures.smallCifar100()).verify(dataDir);

        assertTrue(report.passed(), report.summary());
        assertEquals(Status.PASSED, check(report, "train split", "per-class fine").status());
        assertEquals("2 images in each of 100 classes", check(report, "train split", "per-class fine").detail());
        assertEquals("10 images in each of 20 classes", check(report, "train split", "per-class coarse").detail());
        assertEquals(Status.PASSED, check(report, "test split", "fine-to-coarse").status());
        assertEquals(Status.SKIPPED, check(report, "train.bin", "sha256").status());
        assertEquals(Status.SKIPPED, check(report, "fine_label_names.txt", "names").status());
        report.requirePassed();
    }

    @Test
    void unbalancedClassesFailThePerClassCheckNamingTheClasses() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar10();
        Path folder = CifarFixtures.write(layout, dataDir);
        CifarFixtures.poke(folder.resolve("test_batch.bin"), CifarDataset.CIFAR10, 0, 0, 9);

        VerificationReport report = new CifarVerifier(layout).verify(dataDir);

        assertFalse(report.passed());
        VerificationReport.Check perClass = check(report, "test split", "per-class fine");
        assertEquals(Status.FAILED, perClass.status());
        assertEquals("expected 2 images per class, but 2 class(es) differ: class 0 has 1, class 9 has 3",
                perClass.detail());
        CifarFormatException e = assertThrows(CifarFormatException.class, report::requirePassed);
        assertTrue(e.getMessage().contains("test split") && e.getMessage().contains("class 9 has 3"),
                e.getMessage());
    }

    @Test
    void aTruncatedFileFailsItsSizeCheckAndSkipsItsSplitCounts() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar10();
        Path folder = CifarFixtures.write(layout, dataDir);
        Path file = folder.resolve("data_batch_5.bin");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 5000));

        VerificationReport report = new CifarVerifier(layout).verify(dataDir);

        VerificationReport.Check size = check(report, "data_batch_5.bin", "size");
        assertEquals(Status.FAILED, size.status());
        assertTrue(size.detail().contains("5,000 bytes is not a multiple of the 3,073-byte record size"),
                size.detail());
        assertEquals(Status.SKIPPED, check(report, "train split", "per-class").status());
        assertTrue(report.problems().get(0).startsWith("data_batch_5.bin: size: "), report.problems().toString());
    }

    @Test
    void anOutOfRangeLabelFailsTheLabelCheckWithRecordAndValue() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar100();
        Path folder = CifarFixtures.write(layout, dataDir);
        CifarFixtures.poke(folder.resolve("test.bin"), CifarDataset.CIFAR100, 42, 1, 250);

        VerificationReport report = new CifarVerifier(layout).verify(dataDir);

        VerificationReport.Check labels = check(report, "test.bin", "labels");
        assertEquals(Status.FAILED, labels.status());
        assertEquals("1 record(s) with a label out of range, e.g. record 42 has fine label 250, allowed 0..99",
                labels.detail());
    }

    @Test
    void aKnownHashIsCheckedAndAMismatchShowsBothDigests() throws IOException {
        CifarLayout small = CifarFixtures.smallCifar10();
        Path folder = CifarFixtures.write(small, dataDir);
        String actual = FileDigest.of(folder.resolve("data_batch_1.bin"), FileDigest.SHA256);
        String wrong = "0".repeat(64);
        CifarLayout withHashes = new CifarLayout(small.dataset(), small.files(),
                Map.of("data_batch_1.bin", actual, "test_batch.bin", wrong));

        VerificationReport report = new CifarVerifier(withHashes).verify(dataDir);

        assertEquals(Status.PASSED, check(report, "data_batch_1.bin", "sha256").status());
        VerificationReport.Check bad = check(report, "test_batch.bin", "sha256");
        assertEquals(Status.FAILED, bad.status());
        assertTrue(bad.detail().contains("expected " + wrong) && bad.detail().contains("found "), bad.detail());
    }

    @Test
    void missingFilesFailAndRequirePassedSaysWhichFilesAreMissing() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar10();
        Path folder = CifarFixtures.write(layout, dataDir);
        Files.delete(folder.resolve("data_batch_4.bin"));

        VerificationReport report = new CifarVerifier(layout).verify(dataDir);

        assertEquals(Status.FAILED, check(report, "data_batch_4.bin", "present").status());
        MissingDataException e = assertThrows(MissingDataException.class, report::requirePassed);
        assertEquals(List.of(folder.resolve("data_batch_4.bin")), e.missing());
        assertTrue(e.getMessage().contains("data_batch_4.bin: present: missing"), e.getMessage());
    }

    @Test
    void aNamesFileIsCountedWhenPresent() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar10();
        Path folder = CifarFixtures.write(layout, dataDir);
        Files.writeString(folder.resolve("batches.meta.txt"), "a\nb\n");

        VerificationReport report = new CifarVerifier(layout).verify(dataDir);

        VerificationReport.Check names = check(report, "batches.meta.txt", "names");
        assertEquals(Status.FAILED, names.status());
        assertTrue(names.detail().contains("expected 10 fine class names") && names.detail().contains("found 2"),
                names.detail());
    }
}
