package org.ullsnn.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;
import org.ullsnn.io.Sha256;

/**
 * Where a result came from, written beside it under {@code runs/}.
 *
 * <p>Why so much: the same seed does not give the same network everywhere. The oneDNN and im2col
 * convolution paths, the BLAS library and its thread count sum in different orders and change the last
 * bits, which training amplifies; so the backend, BLAS, convolution path and thread count are recorded
 * with the code version, the seed, the data's hashes and the full configuration.
 *
 * @param gitCommit        the commit of the working copy the run started in, or {@code unknown}
 * @param libraryVersion   this library's version (from the jar manifest), or {@code dev}
 * @param javaVersion      {@code java.version}
 * @param os               {@code os.name os.arch}
 * @param nd4jBackend      ND4J backend, e.g. {@code CPU}
 * @param blasVendor       BLAS library, e.g. {@code OPENBLAS}
 * @param threads          OpenMP threads ND4J uses
 * @param oneDnnConvolution whether convolutions ran on oneDNN ({@link org.ullsnn.nn.OneDnnHelpers})
 * @param seed             the run's seed
 * @param data             data file name to SHA-256
 * @param startedAt        when the run started (UTC)
 * @param config           the run's configuration as plain values
 */
public record Provenance(
        String gitCommit,
        String libraryVersion,
        String javaVersion,
        String os,
        String nd4jBackend,
        String blasVendor,
        int threads,
        boolean oneDnnConvolution,
        long seed,
        Map<String, String> data,
        Instant startedAt,
        Map<String, Object> config) {

    public Provenance {
        data = Map.copyOf(data);
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /** Records this process's environment for a run. */
    public static Provenance capture(long seed, boolean oneDnn, Map<String, String> dataHashes,
            Map<String, Object> config) {
        var env = Nd4j.getExecutioner().getEnvironmentInformation();
        return new Provenance(currentGitCommit(), currentLibraryVersion(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                String.valueOf(env.getProperty("backend")), String.valueOf(env.getProperty("blas.vendor")),
                Nd4j.getEnvironment().maxMasterThreads(), oneDnn, seed, dataHashes, Instant.now(), config);
    }

    /** SHA-256 of each file, keyed by file name. */
    public static Map<String, String> sha256(List<Path> files) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path f : files) {
            out.put(f.getFileName().toString(), sha256(f));
        }
        return out;
    }

    static String sha256(Path file) {
        return Sha256.ofFile(file);
    }

    private static String currentLibraryVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String currentGitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0 || !out.matches("[0-9a-f]{40}")) {
                return "unknown";
            }
            Process dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
            boolean modified = dirty.waitFor(2, TimeUnit.SECONDS) && dirty.getInputStream().read() != -1;
            return modified ? out + "+modified" : out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
