package org.ullsnn.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where a command reads a trained network from ({@link #source()}: its {@code config.json}, {@code model.zip},
 * {@code metrics.csv}) and where it writes what it makes of it ({@link #outputs()}: conversion tables, saved SNNs,
 * fine-tuning runs, energy tables, figures). The one place that decides this for every command and notebook:
 * <ul>
 *   <li>a training run: both are the run folder, which must be writable;</li>
 *   <li>a shipped model ({@code models/<name>/}, a folder under the models folder or one holding
 *       {@value ModelZoo#CARD_FILE}): the source is the model folder, which is never written, and the outputs go to
 *       {@code <runs>/<name>/}.</li>
 * </ul>
 *
 * @param source    the folder the network and its settings are read from
 * @param outputs   the folder everything made from it is written to (and where saved SNNs and fine-tuning runs
 *                  are looked for)
 * @param modelName the shipped model's name, {@code null} for a training run
 */
public record RunLocation(Path source, Path outputs, String modelName) {

    /** The environment variable naming the runs folder (the notebooks' too). */
    public static final String RUNS_ENV = "ULLSNN_RUNS";
    /** The runs folder when neither a flag nor {@value #RUNS_ENV} names one: {@code runs} in the working directory. */
    public static final Path DEFAULT_RUNS = Path.of("runs");

    public RunLocation {
        if (source == null || outputs == null) {
            throw new IllegalArgumentException("source and outputs must be given");
        }
    }

    /** A training run, read from and written to in place (no checks). */
    public static RunLocation ofRun(Path runDir) {
        return new RunLocation(runDir, runDir, null);
    }

    /** Whether the source is a shipped model (so the outputs are elsewhere). */
    public boolean isModel() {
        return modelName != null;
    }

    /** {@code outputs/first/more...}. */
    public Path output(String first, String... more) {
        return outputs.resolve(Path.of(first, more));
    }

    /**
     * One line for the user when the outputs are not the source, e.g. {@code "shipped model m (models/m, never
     * written): outputs go to runs/m"}; empty for a training run.
     */
    public String note() {
        return isModel() ? "shipped model " + modelName + " (" + source + ", never written): outputs go to " + outputs
                : "";
    }

    /** The runs folder: {@code flag} when given, else {@value #RUNS_ENV} when set, else {@link #DEFAULT_RUNS}. */
    public static Path runsRoot(Path flag, Map<String, String> env) {
        if (flag != null) {
            return flag;
        }
        String value = env.get(RUNS_ENV);
        return value != null && !value.isBlank() ? Path.of(value.strip()) : DEFAULT_RUNS;
    }

    /** The shipped model {@code modelsDir/name}, its outputs in {@code runsRoot/name}. */
    public static RunLocation ofModel(String name, Path modelsDir, Path runsRoot) {
        return resolve(new ModelZoo(modelsDir).folder(name), modelsDir, runsRoot);
    }

    /**
     * Where {@code run} is read from and its outputs written: itself for a training run, {@code runsRoot/<name>}
     * for a shipped model (under {@code modelsDir}, or holding {@value ModelZoo#CARD_FILE}).
     *
     * @throws IllegalArgumentException for a training run folder that cannot be written to, naming it
     */
    public static RunLocation resolve(Path run, Path modelsDir, Path runsRoot) {
        return resolve(run, modelsDir, runsRoot, Files::isWritable);
    }

    /** As above, with the writability test given (tests: root may write anywhere). */
    static RunLocation resolve(Path run, Path modelsDir, Path runsRoot, Predicate<Path> writable) {
        if (run == null) {
            throw new IllegalArgumentException("no run folder given");
        }
        Path absolute = run.toAbsolutePath().normalize();
        boolean model = Files.isRegularFile(absolute.resolve(ModelZoo.CARD_FILE))
                || (modelsDir != null && isInside(absolute, modelsDir) && !real(absolute).equals(real(modelsDir)));
        if (!model) {
            if (Files.isDirectory(absolute) && !writable.test(absolute)) {
                throw new IllegalArgumentException("run folder " + run + " is not writable, and it is not a shipped "
                        + "model (no " + ModelZoo.CARD_FILE + "), so its outputs have nowhere to go: copy it "
                        + "somewhere writable, or make it a model with: ullsnn models add --run " + run
                        + " --name NAME");
            }
            return ofRun(run);
        }
        if (absolute.getFileName() == null) {
            throw new IllegalArgumentException("a model folder needs a name, got " + run);
        }
        String name = absolute.getFileName().toString();
        if (runsRoot == null) {
            throw new IllegalArgumentException("model " + name + " needs a runs folder for its outputs");
        }
        Path outputs = runsRoot.resolve(name);
        if (isInside(outputs.toAbsolutePath().normalize(), absolute)
                || (modelsDir != null && isInside(outputs.toAbsolutePath().normalize(), modelsDir))) {
            throw new IllegalArgumentException("the outputs of model " + name + " would go to " + outputs
                    + ", inside the shipped models: choose another --runs (or " + RUNS_ENV + ")");
        }
        return new RunLocation(run, outputs, name);
    }

    /** Whether {@code path} is {@code folder} or below it, comparing real paths where they exist. */
    static boolean isInside(Path path, Path folder) {
        Path p = real(path);
        Path f = real(folder);
        return p.startsWith(f);
    }

    private static Path real(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        // resolve symbolic links in the longest existing prefix, so models/ reached through a link still counts
        Path existing = absolute;
        Path rest = Path.of("");
        while (existing != null && !Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(rest).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
