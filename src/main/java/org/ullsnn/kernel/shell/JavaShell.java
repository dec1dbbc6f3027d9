package org.ullsnn.kernel.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The kernel's JShell: compiles against the kernel JVM's class path (the whole library), runs snippets through a
 * {@link CellExecutionControl}, and grows its class path with {@link #addToClasspath}. Not thread-safe, except
 * {@link #interrupt()}: one thread (the shell channel's) evaluates, completes and inspects.
 */
public final class JavaShell implements AutoCloseable {

    private final JShell shell;
    private final CellExecutionControl control;

    private JavaShell(JShell shell, CellExecutionControl control) {
        this.shell = shell;
        this.control = control;
    }

    /** A new JShell; its first evaluation is slow (the compiler warms up), so callers warm it up early. */
    public static JavaShell start() {
        AtomicReference<CellExecutionControl> created = new AtomicReference<>();
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "ullsnn-cell-thread";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                CellExecutionControl control = new CellExecutionControl();
                created.set(control);
                return control;
            }
        };
        JShell shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        return new JavaShell(shell, created.get());
    }

    /** Evaluates one complete snippet (a statement, expression, declaration or import). */
    public List<SnippetEvent> eval(String snippet) {
        return shell.eval(snippet);
    }

    /** Compiler diagnostics of a snippet. */
    public Stream<Diag> diagnostics(Snippet snippet) {
        return shell.diagnostics(snippet);
    }

    /** Names a declaration needs but that are not declared yet (e.g. a method calling a method still to come). */
    public Stream<String> unresolvedDependencies(Snippet snippet) {
        return snippet instanceof jdk.jshell.DeclarationSnippet d ? shell.unresolvedDependencies(d) : Stream.empty();
    }

    public SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    public CellExecutionControl control() {
        return control;
    }

    /** Adds a jar or class directory, for the compiler and for running cells. */
    public void addToClasspath(Path entry) {
        shell.addToClasspath(entry.toAbsolutePath().normalize().toString());
    }

    /** Interrupts (or, the second time, stops) the running cell; safe from any thread. */
    public CellExecutionControl.InterruptOutcome interrupt() {
        return control.interrupt();
    }

    @Override
    public void close() {
        shell.close();
    }
}
