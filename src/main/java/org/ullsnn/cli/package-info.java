/**
 * The {@code ullsnn} command line (picocli): {@code data}, {@code train}, {@code bench} and later stages.
 * Commands parse options, call the library and print; they add no science of their own.
 */
package org.ullsnn.cli;
