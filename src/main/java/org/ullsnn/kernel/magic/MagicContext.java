package org.ullsnn.kernel.magic;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.ullsnn.kernel.shell.CellSource;
import org.ullsnn.kernel.shell.Evaluation;

/** What the kernel lends a running magic. */
public interface MagicContext {

    /** Adds a jar or class directory for the compiler and for running cells. */
    void addToClasspath(Path entry);

    /** The entries added with {@link #addToClasspath} in this session, in order. */
    List<Path> classpathAdditions();

    /** Evaluates Java from the cell as if it were a block of the cell. */
    Evaluation evaluate(CellSource code);

    /** CPU time used by cell code so far, in nanoseconds (for {@code %time}). */
    long cellCpuNanos();

    /** Where relative paths start: the kernel's working directory (Jupyter starts it in the notebook's folder). */
    Path workingDirectory();

    /** The cell's standard output. */
    PrintStream out();
}
