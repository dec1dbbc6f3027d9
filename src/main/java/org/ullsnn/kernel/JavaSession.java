package org.ullsnn.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ullsnn.kernel.magic.CellParser;
import org.ullsnn.kernel.magic.Magics;
import org.ullsnn.kernel.shell.CellEvaluator;
import org.ullsnn.kernel.shell.Completer;
import org.ullsnn.kernel.shell.ErrorReport;
import org.ullsnn.kernel.shell.Inspector;
import org.ullsnn.kernel.shell.JavaShell;
import org.ullsnn.kernel.shell.JavadocIndex;
import org.ullsnn.kernel.shell.SnippetOrigins;

/**
 * The notebook's Java state and the tools around it: one JShell, the runner of cells, completion and inspection.
 * Created in the background when the kernel starts ({@link #start}): JShell's compiler needs a few seconds to warm
 * up, and the kernel answers {@code kernel_info} meanwhile; requests that need JShell wait for it.
 */
final class JavaSession {

    private static final Logger LOG = LoggerFactory.getLogger(JavaSession.class);

    final JavaShell shell;
    final SnippetOrigins origins;
    final CellParser parser;
    final CellRunner runner;
    final Completer completer;
    final Inspector inspector;
    /** Problems met while running the startup scripts, shown once in the first cell. */
    final List<String> startupProblems;

    private JavaSession(JavaShell shell, SnippetOrigins origins, CellParser parser, CellRunner runner,
            Completer completer, Inspector inspector, List<String> startupProblems) {
        this.shell = shell;
        this.origins = origins;
        this.parser = parser;
        this.runner = runner;
        this.completer = completer;
        this.inspector = inspector;
        this.startupProblems = startupProblems;
    }

    /**
     * Starts JShell, runs the startup scripts, and builds the javadoc index, on a background thread.
     *
     * @param magics      the kernel's magics
     * @param scripts     startup scripts, run in order (a missing one is reported, not fatal)
     * @param sourceRoots source directories for the javadoc index
     */
    static CompletableFuture<JavaSession> start(Magics magics, List<Path> scripts, List<Path> sourceRoots) {
        CompletableFuture<JavadocIndex> javadoc = new CompletableFuture<>();
        CompletableFuture<JavaSession> session = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            JavaShell shell = JavaShell.start();
            SnippetOrigins origins = new SnippetOrigins();
            CellEvaluator evaluator = new CellEvaluator(shell, origins, () -> System.err);
            CellParser parser = new CellParser(magics);
            CellRunner runner = new CellRunner(shell, evaluator, parser, magics, Path.of("").toAbsolutePath());
            List<String> problems = runStartup(runner, origins, scripts);
            LOG.info("JShell ready in {} ms ({} startup scripts{})", (System.nanoTime() - t0) / 1_000_000,
                    scripts.size(), problems.isEmpty() ? "" : ", " + problems.size() + " problems");
            return new JavaSession(shell, origins, parser, runner, new Completer(shell),
                    new Inspector(shell, () -> javadoc.getNow(JavadocIndex.empty())), List.copyOf(problems));
        }, runnable -> daemon("kernel-jshell-start", runnable).start());
        session.whenComplete((s, e) -> daemon("kernel-javadoc-index", () -> {
            try {
                JavadocIndex index = JavadocIndex.build(sourceRoots);
                LOG.info("javadoc index: {} documented declarations from {}", index.size(), sourceRoots);
                javadoc.complete(index);
            } catch (RuntimeException ex) {
                LOG.warn("javadoc index not built: {}", ex.toString());
                javadoc.complete(JavadocIndex.empty());
            }
        }).start());
        return session;
    }

    private static List<String> runStartup(CellRunner runner, SnippetOrigins origins, List<Path> scripts) {
        List<String> problems = new ArrayList<>();
        for (Path script : scripts) {
            String code;
            try {
                code = Files.readString(script, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add("startup script " + script + " cannot be read: " + e);
                continue;
            }
            runner.runEach("[" + script.getFileName() + "]", code, f -> problems.add("startup script " + script
                    + ": " + String.join("\n  ", ErrorReport.of(f, origins).plainTraceback())));
        }
        problems.forEach(p -> LOG.warn("{}", p));
        return problems;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
