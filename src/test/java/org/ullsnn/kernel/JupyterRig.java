package org.ullsnn.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.ullsnn.testing.Prerequisites;

/**
 * What the kernel's integration tests share: Debian's Jupyter ({@code /usr/bin/python3} with jupyter_client,
 * jupyter_kernel_test and nbclient), a kernelspec for the built artifact installed in a private Jupyter path, and
 * a way to run the Python drivers of {@code src/test/python} against it. Everything stays on this machine and
 * talks over loopback; logs and reports go to {@code target/kernel-it/}.
 */
final class JupyterRig {

    static final Path PYTHON = Prerequisites.DEBIAN_PYTHON;
    static final String KERNEL = "ullsnn-it";
    static final Path REPORTS = Path.of("target", "kernel-it");

    /**
     * Output of one driver run.
     *
     * @param exitCode  the driver's exit code
     * @param output    what the driver printed
     * @param kernelLog what the kernel logged meanwhile
     */
    record Run(int exitCode, String output, String kernelLog) {

        /** The last line of output that is a JSON object (the drivers' result line). */
        JsonNode json() throws IOException {
            List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
            Assertions.assertFalse(lines.isEmpty(), "no JSON result in:\n" + output);
            return new ObjectMapper().readTree(lines.get(lines.size() - 1));
        }
    }

    private final Path home;

    /**
     * Skips the calling test (fails it under {@code CI=true}) unless Debian's Jupyter is installed
     * ({@link Prerequisites#requireDebianJupyter()}); then installs the kernelspec.
     */
    JupyterRig(Path tempDir) throws Exception {
        Prerequisites.requireDebianJupyter();
        this.home = tempDir;
        KernelSpec.Artifact artifact = new KernelSpec.Artifact(Path.of("").toAbsolutePath());
        KernelSpec.install(artifact, home.resolve("jupyter").resolve("kernels"), KERNEL, List.of("-Xmx2g"));
        Files.createDirectories(REPORTS);
    }

    /** Jupyter looks only in the private folders; nothing is read from or written to the user's own. */
    private Map<String, String> environment(Path kernelLog) {
        return Map.of(
                "KERNEL_IT_LOG", kernelLog.toAbsolutePath().toString(),
                "JUPYTER_PATH", home.resolve("jupyter").toString(),
                "JUPYTER_DATA_DIR", home.resolve("data").toString(),
                "JUPYTER_CONFIG_DIR", home.resolve("config").toString(),
                "JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString(),
                "IPYTHONDIR", home.resolve("ipython").toString(),
                "KERNEL_IT_NAME", KERNEL,
                "PYDEVD_DISABLE_FILE_VALIDATION", "1");
    }

    Path home() {
        return home;
    }

    /**
     * Runs a driver script with arguments; its output is also written to {@code target/kernel-it/<logName>.log}, and
     * the kernel's own log to {@code target/kernel-it/<logName>.kernel.log}.
     */
    Run python(String logName, Duration timeout, String script, String... args) throws Exception {
        return python(logName, timeout, Map.of(), script, args);
    }

    /** As above, with extra environment variables for the driver and the kernels it starts (e.g. {@code SMOKE=1}). */
    Run python(String logName, Duration timeout, Map<String, String> extraEnv, String script, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-X", "frozen_modules=off",
                Path.of("src", "test", "python", script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path log = REPORTS.resolve(logName + ".log");
        Path kernelLog = REPORTS.resolve(logName + ".kernel.log");
        Files.deleteIfExists(kernelLog);
        builder.environment().putAll(environment(kernelLog));
        builder.environment().putAll(extraEnv);
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Assertions.fail(script + " did not finish within " + timeout + "; see " + log.toAbsolutePath());
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
                Files.exists(kernelLog) ? Files.readString(kernelLog, StandardCharsets.UTF_8) : "");
    }
}
