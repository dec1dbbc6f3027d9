package org.ullsnn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ullsnn.data.VerificationReport.Check;
import org.ullsnn.data.VerificationReport.Entry;

/**
 * Checks the files found in a dataset folder, by structure always and by SHA-256 where the hash of this
 * copy is known ({@link CifarLayout#knownSha256()}):
 * <ul>
 *   <li>each data file: present, size = records x record size, every label byte in range, SHA-256;</li>
 *   <li>each names file, if present: the number of non-empty lines equals the number of classes, SHA-256;</li>
 *   <li>each split: every class holds records / classes images (CIFAR-10: 5,000 train and 1,000 test;
 *       CIFAR-100: 500 and 100 per fine class, 2,500 and 500 per coarse class), and for CIFAR-100 every
 *       fine class always comes with the same coarse class.</li>
 * </ul>
 * Problems in the data are reported, not thrown; only failures to read throw.
 */
public final class CifarVerifier {

    private static final int MAX_LISTED = 5;

    private final CifarLayout layout;

    /** A verifier for the files {@code layout} describes. */
    public CifarVerifier(CifarLayout layout) {
        this.layout = Checks.notNull("layout", layout);
    }

    /** A verifier for the official files of {@code dataset}. */
    public static CifarVerifier of(CifarDataset dataset) {
        return new CifarVerifier(dataset.layout());
    }

    /** Checks {@code dataDir/<dataset folder>}. */
    public VerificationReport verify(Path dataDir) throws IOException {
        CifarDataset dataset = layout.dataset();
        Path folder = layout.folder(dataDir);
        List<Entry> entries = new ArrayList<>();
        Map<Split, List<LabelScan>> scans = new EnumMap<>(Split.class);
        Map<Split, Boolean> splitComplete = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            scans.put(s, new ArrayList<>());
            splitComplete.put(s, true);
        }

        for (CifarLayout.DataFile f : layout.files()) {
            Path file = folder.resolve(f.name());
            List<Check> checks = new ArrayList<>();
            if (!Files.isRegularFile(file)) {
                checks.add(Check.failed("present", "missing; put the official " + f.name() + " in " + folder));
                splitComplete.put(f.split(), false);
                entries.add(new Entry(f.name(), checks));
                continue;
            }
            checks.add(Check.passed("present", file.toString()));
            Optional<String> known = Optional.ofNullable(layout.knownSha256().get(f.name()));
            LabelScan scan = LabelScan.of(file, dataset, known.isPresent());
            long expected = layout.bytes(f);
            if (scan.bytes() == expected) {
                checks.add(Check.passed("size", Checks.count(expected) + " bytes = " + Checks.count(f.records())
                        + " records of " + Checks.count(dataset.recordBytes()) + " bytes"));
            } else if (!scan.wholeRecords()) {
                checks.add(Check.failed("size", Checks.count(scan.bytes()) + " bytes is not a multiple of the "
                        + Checks.count(dataset.recordBytes()) + "-byte record size (truncated or damaged); expected "
                        + Checks.count(expected) + " bytes = " + Checks.count(f.records()) + " records"));
            } else {
                checks.add(Check.failed("size", Checks.count(scan.records()) + " records ("
                        + Checks.count(scan.bytes()) + " bytes), expected " + Checks.count(f.records())
                        + " records = " + Checks.count(expected) + " bytes"));
            }
            if (!scan.wholeRecords()) {
                checks.add(Check.skipped("labels", "not read: the size is not a whole number of records"));
            } else if (scan.outOfRange() == 0) {
                checks.add(Check.passed("labels", "every label in range (" + rangeText(dataset) + ")"));
            } else {
                checks.add(Check.failed("labels", Checks.count(scan.outOfRange()) + " record(s) with a label out "
                        + "of range, e.g. " + String.join(", ", scan.labelProblems())));
            }
            checks.add(hashCheck(known, scan.sha256()));
            boolean ok = checks.stream().noneMatch(c -> c.status() == VerificationReport.Status.FAILED);
            if (ok) {
                scans.get(f.split()).add(scan);
            } else {
                splitComplete.put(f.split(), false);
            }
            entries.add(new Entry(f.name(), checks));
        }

        for (LabelLevel level : dataset.levels()) {
            entries.add(namesEntry(dataset, level, folder));
        }

        for (Split split : Split.values()) {
            List<Check> checks = new ArrayList<>();
            String files = String.join(", ", layout.files(split).stream().map(CifarLayout.DataFile::name).toList());
            if (!splitComplete.get(split)) {
                checks.add(Check.skipped("per-class", "not counted: a file of this split failed its checks"));
            } else {
                for (LabelLevel level : dataset.levels()) {
                    checks.add(perClassCheck(dataset, split, level, scans.get(split)));
                }
                if (dataset.levels().contains(LabelLevel.COARSE)) {
                    checks.add(pairingCheck(dataset, scans.get(split)));
                }
            }
            entries.add(new Entry(split.id() + " split (" + files + ")", checks));
        }
        return new VerificationReport(dataset, folder, entries);
    }

    private Entry namesEntry(CifarDataset dataset, LabelLevel level, Path folder) throws IOException {
        String name = dataset.labelNamesFile(level);
        Path file = folder.resolve(name);
        List<Check> checks = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            checks.add(Check.skipped("names", "absent; the built-in official names are used"));
            return new Entry(name, checks);
        }
        try {
            List<String> names = LabelNames.read(dataset, level, folder);
            checks.add(Check.passed("names", names.size() + " " + level.id() + " class names"));
        } catch (CifarFormatException e) {
            checks.add(Check.failed("names", e.getMessage()));
        }
        Optional<String> known = Optional.ofNullable(layout.knownSha256().get(name));
        checks.add(hashCheck(known, known.isPresent() ? FileDigest.of(file, FileDigest.SHA256) : null));
        return new Entry(name, checks);
    }

    private static Check hashCheck(Optional<String> known, String actual) {
        if (known.isEmpty()) {
            return Check.skipped("sha256", "no known hash for this copy; checked by structure");
        }
        if (known.get().equals(actual)) {
            return Check.passed("sha256", actual);
        }
        return Check.failed("sha256", "expected " + known.get() + ", found " + actual);
    }

    private Check perClassCheck(CifarDataset dataset, Split split, LabelLevel level, List<LabelScan> scans) {
        int classes = dataset.classes(level);
        int[] counts = new int[classes];
        for (LabelScan scan : scans) {
            int[] c = scan.counts().get(level);
            for (int k = 0; k < classes; k++) {
                counts[k] += c[k];
            }
        }
        String name = "per-class " + level.id();
        int expected = layout.perClass(split, level);
        if (expected < 0) {
            return Check.failed(name, Checks.count(layout.records(split)) + " records cannot hold the same number "
                    + "of images in each of " + classes + " classes");
        }
        List<String> off = new ArrayList<>();
        int wrong = 0;
        for (int k = 0; k < classes; k++) {
            if (counts[k] != expected) {
                wrong++;
                if (off.size() < MAX_LISTED) {
                    off.add("class " + k + " has " + Checks.count(counts[k]));
                }
            }
        }
        if (wrong == 0) {
            return Check.passed(name, Checks.count(expected) + " images in each of " + classes + " classes");
        }
        return Check.failed(name, "expected " + Checks.count(expected) + " images per class, but " + wrong
                + " class(es) differ: " + String.join(", ", off));
    }

    private static Check pairingCheck(CifarDataset dataset, List<LabelScan> scans) {
        int fineClasses = dataset.classes(LabelLevel.FINE);
        int[] pairing = new int[fineClasses];
        java.util.Arrays.fill(pairing, -1);
        for (LabelScan scan : scans) {
            for (int f = 0; f < fineClasses; f++) {
                int c = scan.coarseOfFine()[f];
                if (c == -1) {
                    continue;
                }
                pairing[f] = pairing[f] == -1 || pairing[f] == c ? c : -2;
            }
        }
        List<String> mixed = new ArrayList<>();
        for (int f = 0; f < fineClasses; f++) {
            if (pairing[f] == -2 && mixed.size() < MAX_LISTED) {
                mixed.add("fine class " + f);
            }
        }
        if (mixed.isEmpty()) {
            return Check.passed("fine-to-coarse", "every fine class comes with a single coarse class");
        }
        return Check.failed("fine-to-coarse", "a fine class must always come with the same coarse class, but "
                + String.join(", ", mixed) + " come(s) with several");
    }

    private static String rangeText(CifarDataset dataset) {
        List<String> parts = new ArrayList<>();
        for (LabelLevel l : dataset.levels()) {
            parts.add(l.id() + " 0.." + (dataset.classes(l) - 1));
        }
        return String.join(", ", parts);
    }
}
