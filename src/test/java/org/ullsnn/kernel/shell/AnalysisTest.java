package org.ullsnn.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Completion, inspection and completeness, asked of a JShell that knows the library. */
class AnalysisTest {

    private static ShellFixture java;

    @BeforeAll
    static void startShell() {
        java = new ShellFixture();
        java.run("int counter = 3;");
    }

    @AfterAll
    static void stopShell() {
        java.close();
    }

    private static Completer.Completion complete(String cell, int cursor) {
        return new Completer(java.shell).complete(cell, cell, cursor, List.of("classpath", "jars", "time", "env"));
    }

    @Test
    void completesMembersVariablesAndLibraryTypes() {
        Completer.Completion c = complete("Math.ab", 7);
        assertTrue(c.matches().contains("abs("), c.matches().toString());
        assertEquals(5, c.start());
        assertEquals(7, c.end());
        assertEquals(List.of("counter"), complete("int y = 1;\ncoun", 15).matches());
        assertEquals(List.of("small("), complete("SyntheticImages.sma", 19).matches());
    }

    @Test
    void completesMagicNamesAtTheStartOfAPercentLine() {
        Completer.Completion c = complete("int a = 1;\n%cl", 14);
        assertEquals(List.of("%classpath"), c.matches());
        assertEquals(11, c.start());
        assertEquals(List.of("%%time"), complete("%%ti", 4).matches());
    }

    @Test
    void inspectionShowsSignaturesAndTheLibrarysJavadoc() {
        JavadocIndex index = JavadocIndex.build(List.of(Path.of("src", "main", "java")));
        Inspector inspector = new Inspector(java.shell, () -> index);
        String code = "var images = SyntheticImages.generate(4, 8, ";
        Inspector.Inspection i = inspector.inspect(code, code.length(), false).orElseThrow();
        assertTrue(i.plain().startsWith("ImageSet SyntheticImages.generate(int classes, int perClass"), i.plain());
        assertTrue(i.plain().contains("images of"), "javadoc summary from the sources: " + i.plain());
        assertTrue(i.markdown().contains("```java"), i.markdown());
        Optional<Inspector.Inspection> onName = inspector.inspect("SyntheticImages.small(1)", 18, true);
        assertTrue(onName.orElseThrow().plain().contains("SyntheticImages.small(long seed)"), onName.toString());
        assertTrue(inspector.inspect("counter", 3, false).orElseThrow().plain().contains("counter:int"));
        assertTrue(inspector.inspect("   ", 1, false).isEmpty());
    }

    @Test
    void tellsCompleteIncompleteAndInvalidCodeApart() {
        assertEquals("complete", CompletenessCheck.of(java.shell.analysis(), "int z = 1;\nz + 1").status());
        CompletenessCheck.Verdict open = CompletenessCheck.of(java.shell.analysis(), "  for (int i = 0; i < 3; i++) {");
        assertEquals("incomplete", open.status());
        assertEquals("      ", open.indent());
        assertEquals("incomplete", CompletenessCheck.of(java.shell.analysis(), "int q = (1 +").status());
        assertEquals("invalid", CompletenessCheck.of(java.shell.analysis(), "}").status());
    }
}
