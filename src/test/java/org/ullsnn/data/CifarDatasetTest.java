package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CifarDatasetTest {

    @Test
    void cifar10RecordsAreOneLabelByteAndThreeThousandSeventyTwoPixels() {
        CifarDataset d = CifarDataset.CIFAR10;
        assertEquals(3073, d.recordBytes());
        assertEquals(10, d.classes(LabelLevel.FINE));
        assertEquals(50_000, d.layout().records(Split.TRAIN));
        assertEquals(10_000, d.layout().records(Split.TEST));
        assertEquals(5, d.layout().files(Split.TRAIN).size());
        assertEquals(30_730_000L, d.layout().bytes(d.layout().files(Split.TEST).get(0)));
        assertEquals(5_000, d.layout().perClass(Split.TRAIN, LabelLevel.FINE));
        assertEquals(1_000, d.layout().perClass(Split.TEST, LabelLevel.FINE));
        assertEquals("cat", d.builtInClassNames(LabelLevel.FINE).get(3));
    }

    @Test
    void cifar100RecordsCarryCoarseThenFineLabels() {
        CifarDataset d = CifarDataset.CIFAR100;
        assertEquals(3074, d.recordBytes());
        assertEquals(0, d.labelOffset(LabelLevel.COARSE));
        assertEquals(1, d.labelOffset(LabelLevel.FINE));
        assertEquals(100, d.classes(LabelLevel.FINE));
        assertEquals(20, d.classes(LabelLevel.COARSE));
        assertEquals(153_700_000L, d.layout().bytes(d.layout().files(Split.TRAIN).get(0)));
        assertEquals(500, d.layout().perClass(Split.TRAIN, LabelLevel.FINE));
        assertEquals(100, d.layout().perClass(Split.TEST, LabelLevel.FINE));
    }

    @Test
    void theOfficialArchivesCarryThePublishedSizesAndMd5s() {
        ArchiveSource c10 = CifarDataset.CIFAR10.officialArchive();
        assertEquals("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", c10.url().toString());
        assertEquals(170_052_171L, c10.bytes());
        assertEquals("c32a1d4ab5d03f1284b67883e8d87530", c10.md5());
        assertEquals("cifar-10-batches-bin", c10.folder());
        ArchiveSource c100 = CifarDataset.CIFAR100.officialArchive();
        assertEquals(168_513_733L, c100.bytes());
        assertEquals("03b5dce01913d631647c71ecec9e9cb8", c100.md5());
        assertEquals("cifar-100-binary", c100.folder());
    }

    @Test
    void onlyFilesWhoseHashIsKnownForThisCopyAreHashChecked() {
        assertEquals(7, CifarDataset.CIFAR10.layout().knownSha256().size());
        var known = CifarDataset.CIFAR100.layout().knownSha256();
        assertEquals(1, known.size());
        assertEquals("f31298fc616915fa142368359df1c4ca2ae984d6915ca468b998a5ec6aeebf29", known.get("train.bin"));
    }

    @Test
    void anUnknownDatasetIdListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CifarDataset.fromId("mnist"));
        assertEquals("dataset must be one of [cifar10, cifar100], got 'mnist'", e.getMessage());
        assertEquals(CifarDataset.CIFAR100, CifarDataset.fromId("CIFAR100"));
    }
}
