package org.ullsnn.lab;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ullsnn.data.DataLocation;

/**
 * Where a notebook finds the repository's folders, whatever its working directory (JupyterLab started by
 * {@code environment/lab.sh} runs the kernel in {@code notebooks/}; nbclient in the folder of the executed copy).
 * <ul>
 *   <li>root: the nearest folder holding {@code pom.xml} above the working directory, else above the library's own
 *       jar or classes folder ({@code <root>/target/ullsnn.jar}), else the working directory;</li>
 *   <li>runs: {@value #RUNS_ENV} when set, else {@code <root>/runs};</li>
 *   <li>data: {@value DataLocation#ENV_VAR} when set, else {@code <root>/data};</li>
 *   <li>models: {@code <root>/models}, the shipped models.</li>
 * </ul>
 *
 * @param root the repository root
 * @param runs the folder holding the training runs
 * @param data the CIFAR data directory
 */
public record LabPaths(Path root, Path runs, Path data) {

    /** The environment variable naming the runs folder. */
    public static final String RUNS_ENV = org.ullsnn.experiment.RunLocation.RUNS_ENV;

    public LabPaths {
        root = root.toAbsolutePath().normalize();
        runs = runs.toAbsolutePath().normalize();
        data = data.toAbsolutePath().normalize();
    }

    /** The folders for this process: its environment, working directory and code location. */
    public static LabPaths locate() {
        return locate(System.getenv(), Path.of("").toAbsolutePath(), codeLocation());
    }

    /**
     * The folders for an environment, a working directory and the library's code location (a jar or a classes
     * folder; {@code null} when unknown).
     */
    public static LabPaths locate(Map<String, String> env, Path workingDir, Path codeLocation) {
        Path root = repositoryAbove(workingDir)
                .or(() -> codeLocation == null ? Optional.empty() : repositoryAbove(codeLocation))
                .orElse(workingDir.toAbsolutePath());
        String runs = env.get(RUNS_ENV);
        String data = env.get(DataLocation.ENV_VAR);
        return new LabPaths(root,
                runs != null && !runs.isBlank() ? Path.of(runs.strip()) : root.resolve("runs"),
                data != null && !data.isBlank() ? Path.of(data.strip()) : root.resolve("data"));
    }

    /** {@code <root>/models}: the shipped models ({@link org.ullsnn.experiment.ModelZoo}). */
    public Path models() {
        return root.resolve("models");
    }

    /** {@code <runs>/<name>}. */
    public Path run(String name) {
        return runs.resolve(name);
    }

    /**
     * How outputs name {@code path}, without the machine's folders: relative to the repository root when inside it
     * ({@code runs/c10-vgg16-w0.25-clip-bn/figures}), else relative to the runs or data folder named by its variable
     * ({@code $ULLSNN_RUNS/c10-vgg16-w0.25-clip-bn}, {@code $ULLSNN_DATA/cifar-10-batches-bin}), else
     * {@code <outside the repository>/} and the file name.
     */
    public String shown(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (p.startsWith(root)) {
            String relative = root.relativize(p).toString();
            return relative.isEmpty() ? "." : relative;
        }
        if (p.startsWith(runs)) {
            return under("$" + RUNS_ENV, runs.relativize(p));
        }
        if (p.startsWith(data)) {
            return under("$" + DataLocation.ENV_VAR, data.relativize(p));
        }
        return "<outside the repository>/" + p.getFileName();
    }

    private static String under(String variable, Path relative) {
        return relative.toString().isEmpty() ? variable : variable + "/" + relative;
    }

    /** The nearest folder at or above {@code start} that holds a {@code pom.xml}. */
    static Optional<Path> repositoryAbove(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path codeLocation() {
        try {
            var source = LabPaths.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
