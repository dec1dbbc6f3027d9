package org.ullsnn.kernel.magic;

import org.ullsnn.kernel.shell.Evaluation;

/** One magic. Bad arguments are reported with an {@link IllegalArgumentException} whose message shows the usage. */
public interface Magic {

    /** The name after {@code %}, e.g. {@code classpath}. */
    String name();

    /** Whether the text after the name is Java (then completion and inspection work on it, as for {@code %time}). */
    default boolean argumentsAreJava() {
        return false;
    }

    /** One line of usage, e.g. {@code %jars PATH_OR_GLOB...  add jars to the class path}. */
    String usage();

    /**
     * Runs the magic.
     *
     * @param call    its arguments (and body, for a cell magic)
     * @param context what magics may use
     * @return a value to show when the magic ends the cell, or {@link Evaluation#NONE}
     */
    Evaluation run(MagicCall call, MagicContext context);
}
