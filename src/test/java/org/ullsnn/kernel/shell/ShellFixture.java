package org.ullsnn.kernel.shell;

import java.util.List;

/** One JShell for a test class (starting one takes seconds), with java.util imported. */
final class ShellFixture implements AutoCloseable {

    final JavaShell shell = JavaShell.start();
    final SnippetOrigins origins = new SnippetOrigins();
    final CellEvaluator evaluator = new CellEvaluator(shell, origins, () -> System.err);
    private int cells;

    ShellFixture() {
        for (String imp : List.of("import java.util.*;", "import org.ullsnn.data.*;")) {
            evaluator.evaluate(CellSource.whole("[setup]", imp));
        }
    }

    /** Evaluates a cell labelled with the next number ({@code [1]}, {@code [2]}, ...). */
    Evaluation run(String cell) {
        shell.control().beginCell();
        return evaluator.evaluate(CellSource.whole("[" + (++cells) + "]", cell));
    }

    String nextLabel() {
        return "[" + (cells + 1) + "]";
    }

    @Override
    public void close() {
        shell.close();
    }
}
