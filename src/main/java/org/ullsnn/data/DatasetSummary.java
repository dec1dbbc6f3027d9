package org.ullsnn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What is in a dataset folder, without checking it against the layout: which data files are present, their
 * sizes and record counts, the class names, and the images per class of each split (counted over the
 * present files whose size is a whole number of records). Fast: no hashing, pixels are skipped.
 *
 * @param dataset     the dataset
 * @param folder      its folder
 * @param files       every data file of the layout, present or not
 * @param classNames  class names per label level (from the names files, else built in)
 * @param classCounts images per class, per split and level, index = label
 */
public record DatasetSummary(CifarDataset dataset, Path folder, List<FileInfo> files,
                             Map<LabelLevel, List<String>> classNames,
                             Map<Split, Map<LabelLevel, List<Integer>>> classCounts) {

    /**
     * One data file.
     *
     * @param name    file name
     * @param split   its split
     * @param bytes   size, or -1 when absent
     * @param records whole records it holds (0 when absent)
     */
    public record FileInfo(String name, Split split, long bytes, long records) {
        /** Whether the file exists. */
        public boolean present() {
            return bytes >= 0;
        }
    }

    public DatasetSummary {
        files = List.copyOf(files);
        classNames = Collections.unmodifiableMap(new EnumMap<>(classNames));
        classCounts = Collections.unmodifiableMap(new EnumMap<>(classCounts));
    }

    /** Looks at {@code dataDir/<folder>} as {@code layout} describes it. */
    public static DatasetSummary of(CifarLayout layout, Path dataDir) throws IOException {
        CifarDataset dataset = layout.dataset();
        Path folder = layout.folder(dataDir);
        List<FileInfo> files = new ArrayList<>();
        Map<Split, Map<LabelLevel, List<Integer>>> counts = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            Map<LabelLevel, int[]> sums = new EnumMap<>(LabelLevel.class);
            for (LabelLevel l : dataset.levels()) {
                sums.put(l, new int[dataset.classes(l)]);
            }
            for (CifarLayout.DataFile f : layout.files(split)) {
                Path file = folder.resolve(f.name());
                if (!Files.isRegularFile(file)) {
                    files.add(new FileInfo(f.name(), split, -1, 0));
                    continue;
                }
                LabelScan scan = LabelScan.of(file, dataset, false);
                files.add(new FileInfo(f.name(), split, scan.bytes(), scan.records()));
                if (scan.wholeRecords()) {
                    for (LabelLevel l : dataset.levels()) {
                        int[] c = scan.counts().get(l);
                        for (int k = 0; k < c.length; k++) {
                            sums.get(l)[k] += c[k];
                        }
                    }
                }
            }
            Map<LabelLevel, List<Integer>> perLevel = new EnumMap<>(LabelLevel.class);
            sums.forEach((l, c) -> perLevel.put(l, java.util.Arrays.stream(c).boxed().toList()));
            counts.put(split, Collections.unmodifiableMap(perLevel));
        }
        Map<LabelLevel, List<String>> names = new EnumMap<>(LabelLevel.class);
        for (LabelLevel l : dataset.levels()) {
            names.put(l, LabelNames.read(dataset, l, folder));
        }
        return new DatasetSummary(dataset, folder, files, names, counts);
    }

    /** Whether every data file is present. */
    public boolean complete() {
        return files.stream().allMatch(FileInfo::present);
    }

    /** A readable multi-line description: folder, files, classes and names, per-class counts. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(dataset.displayName()).append('\n');
        sb.append("  folder   ").append(folder).append(Files.isDirectory(folder) ? "" : "  (absent)").append('\n');
        for (FileInfo f : files) {
            sb.append(String.format(Locale.ROOT, "  %-5s %-18s %s%n", f.split().id(), f.name(),
                    f.present() ? Checks.count(f.bytes()) + " bytes, " + Checks.count(f.records()) + " records"
                            : "missing"));
        }
        for (LabelLevel l : dataset.levels()) {
            List<String> n = classNames.get(l);
            sb.append("  classes  ").append(n.size()).append(' ').append(l.id()).append(": ")
                    .append(String.join(", ", n)).append('\n');
        }
        for (Split s : Split.values()) {
            for (LabelLevel l : dataset.levels()) {
                List<Integer> c = classCounts.get(s).get(l);
                int min = c.stream().mapToInt(Integer::intValue).min().orElse(0);
                int max = c.stream().mapToInt(Integer::intValue).max().orElse(0);
                int sum = c.stream().mapToInt(Integer::intValue).sum();
                sb.append(String.format(Locale.ROOT, "  %-5s per %s class: %s%s (%s images)%n", s.id(), l.id(),
                        min == max ? Checks.count(min) : Checks.count(min) + ".." + Checks.count(max),
                        min == max ? "" : " " + c, Checks.count(sum)));
            }
        }
        return sb.toString();
    }
}
