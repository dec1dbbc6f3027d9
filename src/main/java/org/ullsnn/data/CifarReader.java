package org.ullsnn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the official CIFAR binary files of one split into an {@link ImageSet}: pixels in file order (R, G,
 * B planes, as stored), every label level the records carry (CIFAR-100: fine and coarse), class names from
 * the names files or the built-in lists.
 *
 * <p>Errors name the file and the problem: {@link MissingDataException} for an absent folder or file (with
 * where to put which files), {@link CifarFormatException} for a size that differs from the layout or is
 * not a whole number of records, or a label byte out of range (with record index, value and range).
 */
public final class CifarReader {

    private static final int BUFFER_BYTES = 1 << 20;

    private final CifarLayout layout;

    /** A reader for the files {@code layout} describes. */
    public CifarReader(CifarLayout layout) {
        this.layout = Checks.notNull("layout", layout);
    }

    /** A reader for the official files of {@code dataset}. */
    public static CifarReader of(CifarDataset dataset) {
        return new CifarReader(dataset.layout());
    }

    /** The layout this reader expects. */
    public CifarLayout layout() {
        return layout;
    }

    /** Reads {@code split} from {@code dataDir/<dataset folder>}, fine labels selected. */
    public ImageSet read(Path dataDir, Split split) throws IOException {
        return read(dataDir, split, LabelLevel.FINE);
    }

    /** Reads {@code split} from {@code dataDir/<dataset folder>}, with {@code level} selected. */
    public ImageSet read(Path dataDir, Split split, LabelLevel level) throws IOException {
        CifarDataset dataset = layout.dataset();
        dataset.requireLevel(level);
        Path folder = layout.folder(dataDir);
        List<CifarLayout.DataFile> files = layout.files(split);
        List<Path> missing = new ArrayList<>();
        for (CifarLayout.DataFile f : files) {
            if (!Files.isRegularFile(folder.resolve(f.name()))) {
                missing.add(folder.resolve(f.name()));
            }
        }
        if (!missing.isEmpty()) {
            throw MissingDataException.of(layout, dataDir, missing, dataset.officialArchive().url());
        }
        for (CifarLayout.DataFile f : files) {
            checkSize(folder.resolve(f.name()), f);
        }

        int imageBytes = dataset.imageShape().size();
        int total = layout.records(split);
        byte[] pixels = new byte[Math.multiplyExact(total, imageBytes)];
        Map<LabelLevel, int[]> values = new EnumMap<>(LabelLevel.class);
        for (LabelLevel l : dataset.levels()) {
            values.put(l, new int[total]);
        }
        byte[] header = new byte[dataset.labelBytes()];
        int image = 0;
        for (CifarLayout.DataFile f : files) {
            Path file = folder.resolve(f.name());
            try (DataInputStream in = new DataInputStream(
                    new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES))) {
                for (int r = 0; r < f.records(); r++, image++) {
                    try {
                        in.readFully(header);
                        in.readFully(pixels, image * imageBytes, imageBytes);
                    } catch (EOFException e) {
                        throw new CifarFormatException(file, "ended inside record " + r + " of " + f.records()
                                + "; the file shrank while being read");
                    }
                    for (LabelLevel l : dataset.levels()) {
                        int label = header[dataset.labelOffset(l)] & 0xff;
                        int classes = dataset.classes(l);
                        if (label >= classes) {
                            throw new CifarFormatException(file, "record " + r + " has " + l.id() + " label " + label
                                    + ", outside the allowed range 0.." + (classes - 1) + " of "
                                    + dataset.displayName() + " " + l.id() + " labels");
                        }
                        values.get(l)[image] = label;
                    }
                }
            }
        }
        Map<LabelLevel, Labels> labels = new EnumMap<>(LabelLevel.class);
        for (LabelLevel l : dataset.levels()) {
            labels.put(l, Labels.wrapChecked(values.get(l), LabelNames.read(dataset, l, folder)));
        }
        return ImageSet.wrap(dataset.imageShape(), pixels, labels, level);
    }

    private void checkSize(Path file, CifarLayout.DataFile f) throws IOException {
        long found = Files.size(file);
        long expected = layout.bytes(f);
        if (found == expected) {
            return;
        }
        int record = layout.dataset().recordBytes();
        if (found % record != 0) {
            throw new CifarFormatException(file, "size is " + Checks.count(found) + " bytes, not a multiple of the "
                    + Checks.count(record) + "-byte record size (truncated or damaged); expected "
                    + Checks.count(expected) + " bytes = " + Checks.count(f.records()) + " records");
        }
        throw new CifarFormatException(file, "holds " + Checks.count(found / record) + " records ("
                + Checks.count(found) + " bytes), expected " + Checks.count(f.records()) + " records = "
                + Checks.count(expected) + " bytes");
    }
}
