package org.ullsnn.kernel.shell;

/**
 * What a piece of code evaluated to: the value of its last snippet when that is an expression, as in a Python
 * notebook (declarations, assignments, statements and {@code null} show nothing).
 *
 * @param hasValue whether there is a value to show
 * @param value    the value; {@code null} when there is none
 */
public record Evaluation(boolean hasValue, Object value) {

    /** Nothing to show. */
    public static final Evaluation NONE = new Evaluation(false, null);

    public Evaluation {
        if (!hasValue && value != null) {
            throw new IllegalArgumentException("an evaluation without a value cannot hold " + value);
        }
    }

    /** A value to show, or {@link #NONE} for {@code null}. */
    public static Evaluation of(Object value) {
        return value == null ? NONE : new Evaluation(true, value);
    }
}
