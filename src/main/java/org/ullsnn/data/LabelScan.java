package org.ullsnn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a CIFAR data file without keeping its pixels: size, record count, label counts per level,
 * labels out of range, the fine-to-coarse pairing (CIFAR-100) and optionally the SHA-256.
 *
 * @param bytes          file size
 * @param wholeRecords   whether the size is a whole number of records (labels are scanned only then)
 * @param records        records in the file ({@code bytes / recordBytes}, rounded down)
 * @param counts         images per class for each level (empty arrays when not scanned)
 * @param outOfRange     records with a label out of range
 * @param labelProblems  the first few out-of-range labels, described
 * @param coarseOfFine   for CIFAR-100, the coarse label seen with each fine label (-1: not seen, -2: several)
 * @param sha256         lower-case hex, or {@code null} when not computed
 */
record LabelScan(long bytes, boolean wholeRecords, long records, Map<LabelLevel, int[]> counts, long outOfRange,
                 List<String> labelProblems, int[] coarseOfFine, String sha256) {

    private static final int MAX_PROBLEMS = 3;

    /** Scans {@code file} as a data file of {@code dataset}; hashes it when {@code hash} is set. */
    static LabelScan of(Path file, CifarDataset dataset, boolean hash) throws IOException {
        long bytes = Files.size(file);
        int recordBytes = dataset.recordBytes();
        boolean whole = bytes % recordBytes == 0;
        MessageDigest digest = hash ? FileDigest.create(FileDigest.SHA256) : null;
        Map<LabelLevel, int[]> counts = new EnumMap<>(LabelLevel.class);
        for (LabelLevel l : dataset.levels()) {
            counts.put(l, new int[whole ? dataset.classes(l) : 0]);
        }
        int[] coarseOfFine = new int[dataset.levels().contains(LabelLevel.COARSE)
                ? dataset.classes(LabelLevel.FINE) : 0];
        Arrays.fill(coarseOfFine, -1);
        List<String> problems = new ArrayList<>();
        long outOfRange = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            if (!whole) {
                if (digest != null) {
                    byte[] buffer = new byte[1 << 20];
                    for (int n; (n = raw.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            } else {
                DataInputStream in = new DataInputStream(raw);
                byte[] record = new byte[recordBytes];
                long n = bytes / recordBytes;
                for (long r = 0; r < n; r++) {
                    try {
                        in.readFully(record);
                    } catch (EOFException e) {
                        throw new CifarFormatException(file, "ended inside record " + r + " of " + n
                                + "; the file shrank while being read");
                    }
                    if (digest != null) {
                        digest.update(record);
                    }
                    boolean inRange = true;
                    for (LabelLevel l : dataset.levels()) {
                        int label = record[dataset.labelOffset(l)] & 0xff;
                        int classes = dataset.classes(l);
                        if (label >= classes) {
                            inRange = false;
                            if (problems.size() < MAX_PROBLEMS) {
                                problems.add("record " + r + " has " + l.id() + " label " + label
                                        + ", allowed 0.." + (classes - 1));
                            }
                        } else {
                            counts.get(l)[label]++;
                        }
                    }
                    if (!inRange) {
                        outOfRange++;
                    } else if (coarseOfFine.length > 0) {
                        int fine = record[dataset.labelOffset(LabelLevel.FINE)] & 0xff;
                        int coarse = record[dataset.labelOffset(LabelLevel.COARSE)] & 0xff;
                        if (coarseOfFine[fine] == -1) {
                            coarseOfFine[fine] = coarse;
                        } else if (coarseOfFine[fine] != coarse) {
                            coarseOfFine[fine] = -2;
                        }
                    }
                }
            }
        }
        return new LabelScan(bytes, whole, bytes / recordBytes, Collections.unmodifiableMap(counts), outOfRange,
                List.copyOf(problems), coarseOfFine, digest == null ? null : FileDigest.hex(digest));
    }
}
