package org.ullsnn.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small CIFAR folders in the official binary format for tests. Labels are balanced and
 * deterministic: record {@code i} of a split (counted across its files) has fine label
 * {@code i mod classes}; CIFAR-100 coarse label = fine / 5. Pixel {@code k} of record {@code i} of a split
 * is {@link #pixel(Split, int, int)}.
 */
public final class CifarFixtures {

    private CifarFixtures() {
    }

    /** A deterministic pixel value that differs between records, channels and positions. */
    public static int pixel(Split split, int record, int k) {
        return (record * 31 + k * 7 + (split == Split.TEST ? 101 : 0)) & 0xff;
    }

    /** Writes every data file of {@code layout} under {@code dataDir}; returns the dataset folder. */
    public static Path write(CifarLayout layout, Path dataDir) throws IOException {
        CifarDataset d = layout.dataset();
        Path folder = layout.folder(dataDir);
        Files.createDirectories(folder);
        for (Split split : Split.values()) {
            int i = 0;
            for (CifarLayout.DataFile f : layout.files(split)) {
                byte[] bytes = new byte[(int) layout.bytes(f)];
                for (int r = 0; r < f.records(); r++, i++) {
                    int at = r * d.recordBytes();
                    int fine = i % d.classes(LabelLevel.FINE);
                    if (d == CifarDataset.CIFAR10) {
                        bytes[at] = (byte) fine;
                    } else {
                        bytes[at] = (byte) (fine / 5);
                        bytes[at + 1] = (byte) fine;
                    }
                    for (int k = 0; k < 3072; k++) {
                        bytes[at + d.labelBytes() + k] = (byte) pixel(split, i, k);
                    }
                }
                Files.write(folder.resolve(f.name()), bytes);
            }
        }
        return folder;
    }

    /** CIFAR-10 with 10 records per training file (50 in all) and 20 test records: 5 and 2 per class. */
    public static CifarLayout smallCifar10() {
        return CifarDataset.CIFAR10.layout().withRecordsPerFile(10, 20);
    }

    /** CIFAR-100 with 200 training and 100 test records: 2 and 1 per fine class. */
    public static CifarLayout smallCifar100() {
        return CifarDataset.CIFAR100.layout().withRecordsPerFile(200, 100);
    }

    /** Writes the names file of {@code level} with one name per line and a trailing empty line. */
    public static void writeNames(Path folder, CifarDataset d, LabelLevel level, String prefix) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < d.classes(level); k++) {
            sb.append(prefix).append(k).append('\n');
        }
        sb.append('\n');
        Files.writeString(folder.resolve(d.labelNamesFile(level)), sb.toString(), StandardCharsets.UTF_8);
    }

    /** Sets byte {@code offset} of record {@code record} of {@code file} to {@code value}. */
    public static void poke(Path file, CifarDataset d, int record, int offset, int value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[record * d.recordBytes() + offset] = (byte) value;
        Files.write(file, bytes);
    }
}
