package org.ullsnn.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarFixtures;
import org.ullsnn.data.CifarLayout;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ProgressListener;

/**
 * Small finished training runs for tests: the tiny network trained for a few seconds on a CIFAR-10 folder in the
 * official format with 50 training and 20 test images ({@link CifarFixtures#smallCifar10()}).
 */
public final class TinyRuns {

    /** The small layout, for every data set a test asks for. */
    public static final CifarLayout SMALL = CifarFixtures.smallCifar10();
    /** {@link #SMALL} as the layout function the commands and runners take. */
    public static final Function<CifarDataset, CifarLayout> LAYOUTS = d -> SMALL;

    private TinyRuns() {
    }

    /** Writes the small CIFAR-10 files under {@code dataDir}; returns {@code dataDir}. */
    public static Path writeData(Path dataDir) throws IOException {
        CifarFixtures.write(SMALL, dataDir);
        return dataDir;
    }

    /** The tiny network on CIFAR-10, batch 16, seed 3, testing on the first {@code testPerClass} images per class. */
    public static TrainRunConfig config(String name, int epochs, int testPerClass) {
        return new TrainRunConfig(name, CifarDataset.CIFAR10, LabelLevel.FINE,
                NetworkSpec.defaults(Architecture.TINY, 10).withConvDropout(0.1),
                TrainConfig.defaults().withEpochs(epochs).withBatchSize(16).withSeed(3), 0, testPerClass, true);
    }

    /** Trains {@code config} into {@code runs/<name>} on the small files in {@code dataDir}; returns the run folder. */
    public static Path train(Path dataDir, Path runs, TrainRunConfig config) throws IOException {
        return new TrainRun(dataDir, true, ProgressListener.silent(), LAYOUTS).start(config, runs).runDir();
    }

    /** Every file under {@code dir} by relative path, with its SHA-256: equal maps mean byte-for-byte equal trees. */
    public static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                String key = dir.relativize(p).toString() + (Files.isDirectory(p) ? "/" : "");
                out.put(key, Files.isDirectory(p) ? "" : sha256(p));
            }
        }
        return out;
    }

    /** SHA-256 of a file, in hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entry names of a zip file. */
    public static List<String> zipEntries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            z.stream().map(ZipEntry::getName).forEach(names::add);
        }
        return names;
    }

    /** Adds 1 to byte {@code offset} of {@code file}. */
    public static void flipByte(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset]++;
        Files.write(file, bytes);
    }
}
