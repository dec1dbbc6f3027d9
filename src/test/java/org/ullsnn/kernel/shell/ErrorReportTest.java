package org.ullsnn.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

    private static final StackTraceElement LIBRARY = new StackTraceElement("org.ullsnn.convert.ThresholdStrategy",
            "percentile", "ThresholdStrategy.java", 42);
    private static final StackTraceElement CELL = new StackTraceElement("REPL.$JShell$7", "do_it$", "#7", 2);
    private static final StackTraceElement REFLECTION = new StackTraceElement("java.lang.reflect.Method", "invoke",
            "Method.java", 569);
    private static final StackTraceElement KERNEL = new StackTraceElement(
            "org.ullsnn.kernel.shell.CellExecutionControl", "lambda$invoke$0", "CellExecutionControl.java", 90);

    private static SnippetOrigins origins() {
        SnippetOrigins origins = new SnippetOrigins();
        origins.record("7", new SnippetOrigins.Origin("[3]", 4, List.of("var s =", "    ThresholdStrategy.percentile(101);")));
        return origins;
    }

    @Test
    void showsTheUsersFramesFirstThenTheLibrarysAndHidesTheKernels() {
        IllegalArgumentException e = new IllegalArgumentException("percentile must be in (0, 100], got 101");
        e.setStackTrace(new StackTraceElement[] {LIBRARY, CELL, REFLECTION, KERNEL});
        ErrorReport r = ErrorReport.of(new CellFailure.Thrown(e), origins());
        assertEquals("IllegalArgumentException", r.name());
        assertEquals("percentile must be in (0, 100], got 101", r.message());
        assertEquals(List.of(
                "java.lang.IllegalArgumentException: percentile must be in (0, 100], got 101",
                "  in your code:",
                "    cell [3], line 5:  ThresholdStrategy.percentile(101);",
                "  inside (innermost first):",
                "    at org.ullsnn.convert.ThresholdStrategy.percentile(ThresholdStrategy.java:42)"),
                r.plainTraceback());
        assertTrue(r.traceback().get(0).contains(ErrorReport.RED), "coloured for the notebook");
    }

    @Test
    void followsCausesAndSuppressedExceptionsWithoutLoopingOnCycles() {
        IllegalStateException cause = new IllegalStateException("disk full");
        cause.setStackTrace(new StackTraceElement[] {LIBRARY});
        RuntimeException top = new RuntimeException("save failed", cause);
        top.setStackTrace(new StackTraceElement[] {CELL});
        top.addSuppressed(new IllegalArgumentException("close failed"));
        List<String> lines = ErrorReport.of(new CellFailure.Thrown(top), origins()).plainTraceback();
        assertTrue(lines.contains("Caused by:"), lines.toString());
        assertTrue(lines.contains("java.lang.IllegalStateException: disk full"), lines.toString());
        assertTrue(lines.contains("  Suppressed:"), lines.toString());
        cause.initCause(top); // a cycle
        assertFalse(ErrorReport.of(new CellFailure.Thrown(top), origins()).plainTraceback().isEmpty());
    }

    @Test
    void underlinesTheOffendingCodeOfACompileError() {
        CellFailure.Compile c = new CellFailure.Compile("[5]", List.of(new CellFailure.Problem(
                "cannot find symbol\n  symbol:   variable missingName", 2, 14, "int broken = missingName + 1;", 11)));
        ErrorReport r = ErrorReport.of(c, new SnippetOrigins());
        assertEquals("CompilationError", r.name());
        assertEquals("cannot find symbol", r.message());
        assertEquals(List.of("error in cell [5], line 2: cannot find symbol",
                "    symbol:   variable missingName",
                "  int broken = missingName + 1;",
                "               ^^^^^^^^^^^"), r.plainTraceback());
    }

    @Test
    void aForcedStopReadsAsAnInterruptNotAThreadDeath() {
        ErrorReport r = ErrorReport.of(new CellFailure.Thrown(new ThreadDeath()), new SnippetOrigins());
        assertEquals("Interrupted", r.name());
        assertTrue(r.message().contains("stopped"), r.message());
    }

    @Test
    void magicMisuseIsAUsageError() {
        ErrorReport r = ErrorReport.of(new CellFailure.Usage("%jars (cell line 1): no jar files in /tmp"),
                new SnippetOrigins());
        assertEquals("UsageError", r.name());
        assertEquals(List.of("UsageError: %jars (cell line 1): no jar files in /tmp"), r.plainTraceback());
    }
}
