package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {

    @TempDir
    Path dataDir;

    @Test
    void readsCifar10TrainingFilesInOrderWithPixelsInPlaneOrder() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar10();
        CifarFixtures.write(layout, dataDir);

        ImageSet train = new CifarReader(layout).read(dataDir, Split.TRAIN);

        assertEquals(50, train.size());
        assertEquals(ImageShape.CIFAR, train.shape());
        assertEquals(10, train.classes());
        for (int i = 0; i < 50; i++) {
            assertEquals(i % 10, train.label(i), "label of image " + i);
        }
        // pixel (c, y, x) is byte c*1024 + y*32 + x of the record's image part
        assertEquals(CifarFixtures.pixel(Split.TRAIN, 23, 1024 + 5 * 32 + 7), train.pixel(23, 1, 5, 7));
        byte[] image = train.image(49);
        for (int k = 0; k < 3072; k++) {
            assertEquals(CifarFixtures.pixel(Split.TRAIN, 49, k), image[k] & 0xff);
        }
    }

    @Test
    void readsCifar100WithBothFineAndCoarseLabels() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar100();
        CifarFixtures.write(layout, dataDir);

        ImageSet test = new CifarReader(layout).read(dataDir, Split.TEST);
        ImageSet coarse = new CifarReader(layout).read(dataDir, Split.TEST, LabelLevel.COARSE);

        assertEquals(100, test.size());
        assertEquals(100, test.classes());
        assertEquals(20, coarse.classes());
        assertEquals(37, test.label(37));
        assertEquals(7, test.labels(LabelLevel.COARSE).get(37));
        assertEquals(7, coarse.label(37));
        assertEquals(test.atLevel(LabelLevel.COARSE).labels(), coarse.labels());
        assertEquals(CifarFixtures.pixel(Split.TEST, 99, 3071), test.pixel(99, 2, 31, 31));
    }

    @Test
    void classNamesComeFromTheNamesFileSkippingEmptyLines() throws IOException {
        Path folder = CifarFixtures.write(CifarFixtures.smallCifar10(), dataDir);
        CifarFixtures.writeNames(folder, CifarDataset.CIFAR10, LabelLevel.FINE, "n");

        ImageSet test = new CifarReader(CifarFixtures.smallCifar10()).read(dataDir, Split.TEST);

        assertEquals(List.of("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"), test.classNames());
    }

    @Test
    void classNamesFallBackToTheBuiltInListsWhenTheFileIsAbsent() throws IOException {
        CifarFixtures.write(CifarFixtures.smallCifar100(), dataDir);

        ImageSet train = new CifarReader(CifarFixtures.smallCifar100()).read(dataDir, Split.TRAIN);

        assertEquals("apple", train.classNames().get(0));
        assertEquals("worm", train.classNames().get(99));
        assertEquals("vehicles_2", train.labels(LabelLevel.COARSE).classNames().get(19));
    }

    @Test
    void aNamesFileWithTheWrongNumberOfNamesIsAFormatError() throws IOException {
        Path folder = CifarFixtures.write(CifarFixtures.smallCifar10(), dataDir);
        Files.writeString(folder.resolve("batches.meta.txt"), "cat\ndog\n\n");

        CifarFormatException e = assertThrows(CifarFormatException.class,
                () -> new CifarReader(CifarFixtures.smallCifar10()).read(dataDir, Split.TEST));

        assertTrue(e.getMessage().contains("batches.meta.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 10") && e.getMessage().contains("found 2"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsReportedWithExpectedAndFoundBytes() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar10();
        Path folder = CifarFixtures.write(layout, dataDir);
        Path file = folder.resolve("data_batch_3.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1000));

        CifarFormatException e = assertThrows(CifarFormatException.class,
                () -> new CifarReader(layout).read(dataDir, Split.TRAIN));

        assertEquals(file, e.file());
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), m);
        assertTrue(m.contains("29,730 bytes") && m.contains("not a multiple of the 3,073-byte record size"), m);
        assertTrue(m.contains("expected 30,730 bytes = 10 records"), m);
    }

    @Test
    void aFileWithWholeRecordsButTheWrongCountIsReported() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar10();
        Path folder = CifarFixtures.write(layout, dataDir);
        Path file = folder.resolve("test_batch.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, 19 * 3073));

        CifarFormatException e = assertThrows(CifarFormatException.class,
                () -> new CifarReader(layout).read(dataDir, Split.TEST));

        assertTrue(e.getMessage().contains("test_batch.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("holds 19 records (58,387 bytes), expected 20 records = 61,460 bytes"),
                e.getMessage());
    }

    @Test
    void anOutOfRangeLabelNamesFileRecordValueAndRange() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar10();
        Path folder = CifarFixtures.write(layout, dataDir);
        CifarFixtures.poke(folder.resolve("data_batch_2.bin"), CifarDataset.CIFAR10, 4, 0, 10);

        CifarFormatException e = assertThrows(CifarFormatException.class,
                () -> new CifarReader(layout).read(dataDir, Split.TRAIN));

        String m = e.getMessage();
        assertTrue(m.contains("data_batch_2.bin"), m);
        assertTrue(m.contains("record 4 has fine label 10, outside the allowed range 0..9"), m);
    }

    @Test
    void anOutOfRangeCoarseLabelOfCifar100IsReported() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar100();
        Path folder = CifarFixtures.write(layout, dataDir);
        CifarFixtures.poke(folder.resolve("train.bin"), CifarDataset.CIFAR100, 150, 0, 20);

        CifarFormatException e = assertThrows(CifarFormatException.class,
                () -> new CifarReader(layout).read(dataDir, Split.TRAIN));

        assertTrue(e.getMessage().contains("train.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("record 150 has coarse label 20, outside the allowed range 0..19"),
                e.getMessage());
    }

    @Test
    void aMissingFolderSaysWhichFilesToPutWhere() {
        MissingDataException e = assertThrows(MissingDataException.class,
                () -> CifarReader.of(CifarDataset.CIFAR10).read(dataDir, Split.TRAIN));

        String m = e.getMessage();
        Path folder = dataDir.resolve("cifar-10-batches-bin");
        assertTrue(m.contains("folder " + folder + " does not exist"), m);
        assertTrue(m.contains("data_batch_1.bin") && m.contains("test_batch.bin"), m);
        assertTrue(m.contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), m);
        assertEquals(5, e.missing().size());
    }

    @Test
    void aMissingFileIsNamedWithItsFolder() throws IOException {
        CifarLayout layout = CifarFixtures.smallCifar100();
        Path folder = CifarFixtures.write(layout, dataDir);
        Files.delete(folder.resolve("test.bin"));

        MissingDataException e = assertThrows(MissingDataException.class,
                () -> new CifarReader(layout).read(dataDir, Split.TEST));

        assertTrue(e.getMessage().contains("files missing in " + folder + ": test.bin"), e.getMessage());
        assertEquals(List.of(folder.resolve("test.bin")), e.missing());
    }

    @Test
    void cifar10HasNoCoarseLabels() throws IOException {
        CifarFixtures.write(CifarFixtures.smallCifar10(), dataDir);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CifarReader(CifarFixtures.smallCifar10()).read(dataDir, Split.TEST, LabelLevel.COARSE));

        assertTrue(e.getMessage().contains("CIFAR-10 has no coarse labels"), e.getMessage());
    }

    @Test
    void everyLevelKeepsItsLabelsAfterSelection() throws IOException {
        CifarFixtures.write(CifarFixtures.smallCifar100(), dataDir);
        ImageSet train = new CifarReader(CifarFixtures.smallCifar100()).read(dataDir, Split.TRAIN);

        ImageSet picked = train.select(new int[] {199, 3});

        assertArrayEquals(new int[] {99, 3}, picked.labels().toArray());
        assertArrayEquals(new int[] {19, 0}, picked.labels(LabelLevel.COARSE).toArray());
        assertArrayEquals(train.image(199), picked.image(0));
    }
}
