package org.ullsnn.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.DataLocation;

/**
 * The one place tests check what they need from the machine ({@link Prerequisite}). A test calls
 * {@link #requireDebianJupyter()}, {@link #requireJupyterServer()} or {@link #requireRealCifar(CifarDataset...)}
 * first. When something is missing:
 * <ul>
 *   <li>with {@code CI=true} in the environment the test <b>fails</b>, naming what is missing and the command that
 *       installs it (CI must never pass by skipping);</li>
 *   <li>otherwise it is skipped with that message ({@link MissingPrerequisite}), and
 *       {@link SkippedPrerequisitesListener} prints one summary line at the end of the test run.</li>
 * </ul>
 * The checks themselves take a {@link Machine}, so unit tests can hand in an environment and a Python probe instead
 * of the real ones.
 */
public final class Prerequisites {

    /** Debian's Python, which has Debian's Jupyter modules (a pyenv {@code python3} earlier on PATH does not). */
    public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    /** The Python modules the kernel and notebook tests import, and the Debian package that brings each. */
    static final Map<String, String> DEBIAN_JUPYTER_MODULES = orderedMap(
            "jupyter_client", "jupyter-client",
            "jupyter_kernel_test", "python3-jupyter-kernel-test",
            "nbclient", "python3-nbclient",
            "nbformat", "jupyter-nbconvert");

    static final String CI_VARIABLE = "CI";

    private Prerequisites() {
    }

    /**
     * Something the machine lacks.
     *
     * @param prerequisite which one
     * @param what         what exactly is missing, e.g. {@code "/usr/bin/python3 cannot import nbclient"}
     * @param remedy       the command that installs or provides it
     */
    public record Missing(Prerequisite prerequisite, String what, String remedy) {

        /** {@code "<Description> is missing: <what>; <remedy>"}. */
        public String message() {
            String d = prerequisite.description();
            return Character.toUpperCase(d.charAt(0)) + d.substring(1) + " is missing: " + what + "; " + remedy;
        }
    }

    /** Which Python modules a Python interpreter cannot import. */
    @FunctionalInterface
    public interface PythonProbe {
        /** The modules of {@code modules} that {@code python} cannot import (all of them when it does not run). */
        List<String> absent(Path python, List<String> modules);
    }

    /**
     * What the checks look at.
     *
     * @param env        the environment variables
     * @param repository the project's root folder (where {@code .venv} would be)
     * @param python     the Python probe
     */
    public record Machine(Map<String, String> env, Path repository, PythonProbe python) {

        /** This machine: {@code System.getenv()}, the working directory (Maven runs tests in the project root). */
        public static Machine current() {
            return new Machine(System.getenv(), Path.of("").toAbsolutePath(), Prerequisites::probeCached);
        }

        /** Whether {@code CI=true}: then a missing prerequisite fails the test. */
        public boolean ci() {
            return "true".equalsIgnoreCase(env.getOrDefault(CI_VARIABLE, "").strip());
        }
    }

    /** Skips (or under CI fails) the calling test unless Debian's Jupyter has every module the tests use. */
    public static void requireDebianJupyter() {
        Machine m = Machine.current();
        enforce(debianJupyter(m), m);
    }

    /** Skips (or under CI fails) the calling test unless {@code environment/lab.sh} finds a Jupyter server. */
    public static void requireJupyterServer() {
        Machine m = Machine.current();
        enforce(jupyterServer(m), m);
    }

    /**
     * Skips (or under CI fails) the calling test unless {@code ULLSNN_DATA} names a folder with all files of
     * {@code datasets} (all of CIFAR-10 and CIFAR-100 when none are named).
     *
     * @return that folder
     */
    public static Path requireRealCifar(CifarDataset... datasets) {
        Machine m = Machine.current();
        enforce(realCifar(m, datasets), m);
        return Path.of(m.env().get(DataLocation.ENV_VAR).strip());
    }

    /** Nothing when {@code missing} is empty; else fails under CI and skips otherwise. */
    static void enforce(Optional<Missing> missing, Machine machine) {
        if (missing.isEmpty()) {
            return;
        }
        if (machine.ci()) {
            throw new AssertionFailedError(missing.get().message()
                    + " (CI=true: a missing prerequisite fails the test instead of skipping it)");
        }
        throw new MissingPrerequisite(missing.get());
    }

    /** What Debian's Jupyter lacks on {@code m}, if anything. */
    static Optional<Missing> debianJupyter(Machine m) {
        List<String> absent = m.python().absent(DEBIAN_PYTHON, List.copyOf(DEBIAN_JUPYTER_MODULES.keySet()));
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        List<String> packages = absent.stream().map(DEBIAN_JUPYTER_MODULES::get).distinct().toList();
        String what = DEBIAN_PYTHON + " cannot import " + String.join(", ", absent) + " (Debian packages "
                + String.join(", ", packages) + ")";
        return Optional.of(new Missing(Prerequisite.DEBIAN_JUPYTER, what,
                "install with: apt-get install -y " + String.join(" ", packages)));
    }

    /**
     * What {@code environment/lab.sh} lacks on {@code m}, if anything: it needs {@code .venv/bin/jupyter-lab}
     * (made by {@code environment/setup.sh}) or Debian's classic Notebook.
     */
    static Optional<Missing> jupyterServer(Machine m) {
        if (Files.isExecutable(m.repository().resolve(".venv").resolve("bin").resolve("jupyter-lab"))) {
            return Optional.empty();
        }
        if (m.python().absent(DEBIAN_PYTHON, List.of("notebook")).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Missing(Prerequisite.JUPYTER_SERVER,
                "no .venv/bin/jupyter-lab, and " + DEBIAN_PYTHON + " cannot import notebook",
                "install with: apt-get install -y jupyter-notebook (or run environment/setup.sh for JupyterLab in "
                        + ".venv)"));
    }

    /** What the real data lacks on {@code m}, if anything; {@code datasets} empty means both. */
    static Optional<Missing> realCifar(Machine m, CifarDataset... datasets) {
        List<CifarDataset> wanted = datasets.length == 0 ? List.of(CifarDataset.values()) : List.of(datasets);
        String names = wanted.stream().map(CifarDataset::displayName).collect(Collectors.joining(" and "));
        String remedy = "unpack it with ../shared/data/unpack.sh DIR (or bin/ullsnn data fetch --data DIR), then "
                + "export " + DataLocation.ENV_VAR + "=DIR";
        String value = m.env().get(DataLocation.ENV_VAR);
        if (value == null || value.isBlank()) {
            return Optional.of(new Missing(Prerequisite.REAL_CIFAR, DataLocation.ENV_VAR + " is not set (needed: "
                    + names + ")", remedy));
        }
        Path dir = Path.of(value.strip());
        List<String> problems = new ArrayList<>();
        for (CifarDataset d : wanted) {
            List<Path> absent = d.layout().missingFiles(dir);
            if (!absent.isEmpty()) {
                problems.add(d.displayName() + " files missing in " + d.layout().folder(dir) + ": "
                        + absent.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Missing(Prerequisite.REAL_CIFAR, DataLocation.ENV_VAR + "=" + value.strip() + " but "
                + String.join("; ", problems), remedy));
    }

    private static final Map<String, List<String>> PROBED = new ConcurrentHashMap<>();

    /** {@link #probe} once per interpreter and module list in this JVM. */
    private static List<String> probeCached(Path python, List<String> modules) {
        return PROBED.computeIfAbsent(python + " " + modules, k -> probe(python, modules));
    }

    /** Asks {@code python} which of {@code modules} it cannot find, without importing them. */
    static List<String> probe(Path python, List<String> modules) {
        if (!Files.isExecutable(python)) {
            return List.copyOf(modules);
        }
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c",
                "import importlib.util, sys\n"
                        + "for m in sys.argv[1:]:\n"
                        + "    if importlib.util.find_spec(m) is None: print(m)\n"));
        command.addAll(modules);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return List.copyOf(modules);
            }
            return out.lines().map(String::strip).filter(modules::contains).toList();
        } catch (IOException e) {
            return List.copyOf(modules);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.copyOf(modules);
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
