package org.ullsnn.kernel;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Every {@code ULLSNN_*} environment variable the kernel reads, in one place. */
public final class Env {

    /**
     * JVM options written into the kernelspec at install time (replacing the defaults), with the same meaning as for
     * {@code bin/ullsnn}, e.g. {@code -Xmx8g}.
     */
    public static final String JAVA_OPTS = "ULLSNN_JAVA_OPTS";

    /**
     * Extra startup scripts (path list, {@code :}-separated) run after {@code kernel/startup.jsh} in every kernel,
     * for personal imports and helpers.
     */
    public static final String KERNEL_STARTUP = "ULLSNN_KERNEL_STARTUP";

    /**
     * {@code 0} stops the kernel from loading ND4J's native backend in the background at start (it takes a few
     * seconds and about 400 MB, which the first cell that uses ND4J would otherwise wait for).
     */
    public static final String KERNEL_PRELOAD = "ULLSNN_KERNEL_PRELOAD";

    private final UnaryOperator<String> variables;

    private Env(UnaryOperator<String> variables) {
        this.variables = variables;
    }

    /** The process environment. */
    public static Env system() {
        return new Env(System::getenv);
    }

    /** An environment backed by a function (tests). */
    public static Env of(UnaryOperator<String> variables) {
        return new Env(variables);
    }

    /** {@value #JAVA_OPTS}, split on blanks, if set and not blank. */
    public Optional<List<String>> javaOptions() {
        String value = variables.apply(JAVA_OPTS);
        return value == null || value.isBlank() ? Optional.empty()
                : Optional.of(List.of(value.strip().split("\\s+")));
    }

    /** {@value #KERNEL_STARTUP} as paths (empty when unset). */
    public List<Path> extraStartupScripts() {
        String value = variables.apply(KERNEL_STARTUP);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
                .toList();
    }

    /** Whether to load ND4J in the background at start: yes unless {@value #KERNEL_PRELOAD} is {@code 0}. */
    public boolean preloadNd4j() {
        return !"0".equals(variables.apply(KERNEL_PRELOAD));
    }
}
