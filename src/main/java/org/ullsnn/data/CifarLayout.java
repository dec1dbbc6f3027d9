package org.ullsnn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files of one CIFAR dataset inside its folder, how many records each holds, and the SHA-256s known
 * for them. {@link #official(CifarDataset)} describes the real files; tests use
 * {@link #withRecordsPerFile(int, int)} to describe small files with the same names and record format.
 *
 * <p>Known hashes are those of the copies this project uses: every CIFAR-10 member (byte-identical to the
 * official files) and the CIFAR-100 {@code train.bin}. The CIFAR-100 {@code test.bin} we use holds the
 * official images in another record order, so its official hash does not apply and it is checked by
 * structure only.
 *
 * @param dataset     record format, classes and folder name
 * @param files       the data files, in reading order (training files first in CIFAR-10's case)
 * @param knownSha256 lower-case SHA-256 by file name (data or label-name files) where known for this copy
 */
public record CifarLayout(CifarDataset dataset, List<DataFile> files, Map<String, String> knownSha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * One data file.
     *
     * @param name    file name inside the dataset folder, e.g. {@code data_batch_1.bin}
     * @param split   the split its records belong to
     * @param records records it holds, {@code >= 1}
     */
    public record DataFile(String name, Split split, int records) {
        public DataFile {
            if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
                throw new IllegalArgumentException("name must be a plain file name, got '" + name + "'");
            }
            Checks.notNull("split", split);
            Checks.positive("records", records);
        }
    }

    public CifarLayout {
        Checks.notNull("dataset", dataset);
        files = List.copyOf(Checks.notNull("files", files));
        knownSha256 = Map.copyOf(Checks.notNull("knownSha256", knownSha256));
        Set<String> names = new HashSet<>();
        for (DataFile f : files) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("file names must be unique, found '" + f.name() + "' twice");
            }
        }
        for (Split split : Split.values()) {
            if (files.stream().noneMatch(f -> f.split() == split)) {
                throw new IllegalArgumentException("a layout needs at least one " + split.id() + " file, found none in "
                        + files);
            }
        }
        for (Map.Entry<String, String> e : knownSha256.entrySet()) {
            if (!SHA256.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException("SHA-256 of " + e.getKey()
                        + " must be 64 lower-case hex digits, got '" + e.getValue() + "'");
            }
        }
    }

    /** The official files of {@code dataset}, with the hashes known for this project's copies. */
    public static CifarLayout official(CifarDataset dataset) {
        return switch (dataset) {
            case CIFAR10 -> new CifarLayout(dataset, List.of(
                    new DataFile("data_batch_1.bin", Split.TRAIN, 10_000),
                    new DataFile("data_batch_2.bin", Split.TRAIN, 10_000),
                    new DataFile("data_batch_3.bin", Split.TRAIN, 10_000),
                    new DataFile("data_batch_4.bin", Split.TRAIN, 10_000),
                    new DataFile("data_batch_5.bin", Split.TRAIN, 10_000),
                    new DataFile("test_batch.bin", Split.TEST, 10_000)),
                    Map.of(
                    "batches.meta.txt", "558e74b5e208382e186da55784b4bac2cd52e558448e1b5800990fdb28ed8033",
                    "data_batch_1.bin", "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5",
                    "data_batch_2.bin", "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed",
                    "data_batch_3.bin", "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67",
                    "data_batch_4.bin", "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48",
                    "data_batch_5.bin", "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add",
                    "test_batch.bin", "8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b"));
            case CIFAR100 -> new CifarLayout(dataset, List.of(
                    new DataFile("train.bin", Split.TRAIN, 50_000),
                    new DataFile("test.bin", Split.TEST, 10_000)),
                    Map.of("train.bin", "f31298fc616915fa142368359df1c4ca2ae984d6915ca468b998a5ec6aeebf29"));
        };
    }

    /**
     * The same file names with {@code trainRecords} records in each training file and {@code testRecords}
     * in each test file, and no known hashes (small files written by tests are no official copy).
     */
    public CifarLayout withRecordsPerFile(int trainRecords, int testRecords) {
        List<DataFile> scaled = new ArrayList<>();
        for (DataFile f : files) {
            scaled.add(new DataFile(f.name(), f.split(), f.split() == Split.TRAIN ? trainRecords : testRecords));
        }
        return new CifarLayout(dataset, scaled, Map.of());
    }

    /** The data files of {@code split}, in reading order. */
    public List<DataFile> files(Split split) {
        return files.stream().filter(f -> f.split() == split).toList();
    }

    /** Records in {@code split}, all its files together. */
    public int records(Split split) {
        return files(split).stream().mapToInt(DataFile::records).sum();
    }

    /** Expected size of {@code file} in bytes: records x record size. */
    public long bytes(DataFile file) {
        return (long) file.records() * dataset.recordBytes();
    }

    /**
     * Images per class in {@code split} at {@code level} when the split is balanced, as CIFAR's are:
     * records / classes (CIFAR-10: 5,000 train and 1,000 test; CIFAR-100 fine: 500 and 100).
     * Returns -1 when the records do not divide evenly among the classes.
     */
    public int perClass(Split split, LabelLevel level) {
        int records = records(split);
        int classes = dataset.classes(level);
        return records % classes == 0 ? records / classes : -1;
    }

    /** The data files (not the optional names files) absent from {@link #folder(Path)}, as full paths. */
    public List<Path> missingFiles(Path dataDir) {
        Path folder = folder(dataDir);
        return files.stream().map(f -> folder.resolve(f.name())).filter(p -> !Files.isRegularFile(p)).toList();
    }

    /** The folder holding the files: {@code dataDir/<dataset folder>}. */
    public Path folder(Path dataDir) {
        return dataDir.resolve(dataset.folder());
    }
}
