package org.ullsnn.kernel.shell;

import java.util.List;

/**
 * Why a cell did not finish: it did not compile, it threw, it used a declaration that is not complete, or it was
 * interrupted. {@link ErrorReport} turns each kind into text for the notebook.
 */
public abstract sealed class CellFailure extends RuntimeException
        permits CellFailure.Compile, CellFailure.Thrown, CellFailure.Unresolved, CellFailure.Interrupted,
        CellFailure.Usage {

    private CellFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /**
     * One compiler error, located in the cell.
     *
     * @param message  javac's message without its {@code location:} lines (they name JShell's wrapper classes)
     * @param line     1-based cell line
     * @param column   1-based column
     * @param code     the line's code
     * @param length   how many characters to underline ({@code >= 1})
     */
    public record Problem(String message, int line, int column, String code, int length) { }

    /** The code did not compile. */
    public static final class Compile extends CellFailure {
        private final String cellLabel;
        private final List<Problem> problems;

        public Compile(String cellLabel, List<Problem> problems) {
            super(problems.isEmpty() ? "compilation failed" : problems.get(0).message(), null);
            this.cellLabel = cellLabel;
            this.problems = List.copyOf(problems);
        }

        public String cellLabel() {
            return cellLabel;
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** The code threw; {@link #getCause()} is the very exception the code threw. */
    public static final class Thrown extends CellFailure {
        public Thrown(Throwable thrown) {
            super(String.valueOf(thrown), thrown);
        }

        public Throwable thrown() {
            return getCause();
        }
    }

    /** The code used a method, class or variable whose own definition still refers to something undeclared. */
    public static final class Unresolved extends CellFailure {
        private final String declaration;
        private final List<String> missing;

        public Unresolved(String declaration, List<String> missing) {
            super(declaration + " cannot run yet: it uses " + String.join(", ", missing)
                    + ", which " + (missing.size() == 1 ? "is" : "are") + " not declared", null);
            this.declaration = declaration;
            this.missing = List.copyOf(missing);
        }

        public String declaration() {
            return declaration;
        }

        public List<String> missing() {
            return missing;
        }
    }

    /** An interrupt arrived; the rest of the cell was not run. */
    public static final class Interrupted extends CellFailure {
        public Interrupted(String where) {
            super("interrupted " + where, null);
        }
    }

    /** A magic was used wrongly (unknown name, bad arguments); the message says how to use it. */
    public static final class Usage extends CellFailure {
        public Usage(String message) {
            super(message, null);
        }
    }
}
