/**
 * Java cells in an in-process JShell: {@link org.ullsnn.kernel.shell.JavaShell} runs snippets on one cell thread
 * through {@link org.ullsnn.kernel.shell.CellExecutionControl} (so results stay objects, native libraries and
 * {@code System.out} are the kernel's own, and interrupts reach the code), {@link org.ullsnn.kernel.shell.CellEvaluator}
 * turns a block of code into snippets and errors into {@link org.ullsnn.kernel.shell.ErrorReport}s written for the
 * person at the notebook, and {@link org.ullsnn.kernel.shell.Completer}, {@link org.ullsnn.kernel.shell.Inspector}
 * and {@link org.ullsnn.kernel.shell.CompletenessCheck} answer the editor's questions.
 */
package org.ullsnn.kernel.shell;
