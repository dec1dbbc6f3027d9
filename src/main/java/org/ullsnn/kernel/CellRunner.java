package org.ullsnn.kernel;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ullsnn.kernel.magic.CellParser;
import org.ullsnn.kernel.magic.MagicContext;
import org.ullsnn.kernel.magic.Magics;
import org.ullsnn.kernel.shell.CellEvaluator;
import org.ullsnn.kernel.shell.CellFailure;
import org.ullsnn.kernel.shell.CellSource;
import org.ullsnn.kernel.shell.Evaluation;
import org.ullsnn.kernel.shell.JavaShell;
import org.ullsnn.kernel.shell.SnippetSplitter;

/**
 * Runs one cell: its Java blocks through JShell and its magic lines through the magics, in order; the value of the
 * last part is the cell's value. An interrupt that comes before a part starts ends the cell. Magic misuse becomes a
 * {@link CellFailure.Usage}. Runs on the shell channel's thread.
 */
final class CellRunner implements MagicContext {

    private final JavaShell shell;
    private final CellEvaluator evaluator;
    private final CellParser parser;
    private final Magics magics;
    private final Path workingDirectory;
    private final List<Path> added = new ArrayList<>();

    CellRunner(JavaShell shell, CellEvaluator evaluator, CellParser parser, Magics magics, Path workingDirectory) {
        this.shell = shell;
        this.evaluator = evaluator;
        this.parser = parser;
        this.magics = magics;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Forgets the previous cell's results and interrupts; the kernel calls it before {@link #run}, then hands the
     * shell any interrupt that came while the cell waited to start.
     */
    void beginCell() {
        shell.control().beginCell();
    }

    /**
     * Runs a cell labelled e.g. {@code [3]} (after {@link #beginCell()}); throws a {@link CellFailure} when it does
     * not finish.
     */
    Evaluation run(String label, String cell) {
        Evaluation last = Evaluation.NONE;
        for (CellParser.Part part : parser.parse(label, cell)) {
            if (shell.control().interruptRequested()) {
                throw new CellFailure.Interrupted("before cell " + label + " line " + lineOf(part));
            }
            if (part instanceof CellParser.JavaBlock java) {
                last = evaluator.evaluate(java.source());
            } else if (part instanceof CellParser.MagicLine magic) {
                last = runMagic(magic);
            }
        }
        return last;
    }

    /**
     * Runs a script snippet by snippet, going on after a failure (for startup scripts, where one missing import
     * must not cost the others); failures go to {@code failed}.
     */
    void runEach(String label, String script, java.util.function.Consumer<CellFailure> failed) {
        shell.control().beginCell();
        for (CellParser.Part part : parser.parse(label, script)) {
            try {
                if (part instanceof CellParser.MagicLine magic) {
                    runMagic(magic);
                    continue;
                }
                CellSource block = ((CellParser.JavaBlock) part).source();
                List<SnippetSplitter.Piece> pieces = SnippetSplitter.split(shell.analysis(), block.code());
                for (int i = 0; i < pieces.size(); i++) {
                    int start = pieces.get(i).start();
                    int end = i + 1 < pieces.size() ? pieces.get(i + 1).start() : block.length();
                    try {
                        evaluator.evaluate(new CellSource(label, script, block.offset() + start, end - start));
                    } catch (CellFailure f) {
                        failed.accept(f);
                    }
                }
            } catch (CellFailure f) {
                failed.accept(f);
            }
        }
    }

    private Evaluation runMagic(CellParser.MagicLine magic) {
        try {
            return magics.run(magic.call(), this);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CellFailure.Usage("%" + magic.call().name() + " (cell line " + magic.line() + "): "
                    + e.getMessage());
        }
    }

    private static int lineOf(CellParser.Part part) {
        return part instanceof CellParser.MagicLine m ? m.line()
                : ((CellParser.JavaBlock) part).source().lineOf(0);
    }

    @Override
    public void addToClasspath(Path entry) {
        shell.addToClasspath(entry);
        added.add(entry.toAbsolutePath().normalize());
    }

    @Override
    public List<Path> classpathAdditions() {
        return List.copyOf(added);
    }

    @Override
    public Evaluation evaluate(CellSource code) {
        return evaluator.evaluate(code);
    }

    @Override
    public long cellCpuNanos() {
        return shell.control().cpuNanos();
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public PrintStream out() {
        return System.out;
    }
}
