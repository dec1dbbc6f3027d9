package org.ullsnn.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SnippetSplitterTest {

    private static ShellFixture java;

    @BeforeAll
    static void startShell() {
        java = new ShellFixture();
    }

    @AfterAll
    static void stopShell() {
        java.close();
    }

    private static List<SnippetSplitter.Piece> split(String code) {
        return SnippetSplitter.split(java.shell.analysis(), code);
    }

    @Test
    void cutsACellIntoSnippetsAndKnowsWhereEachStarts() {
        String code = "int a = 1;\n\n  void f() {\n    a++;\n  }\na + 1";
        List<SnippetSplitter.Piece> pieces = split(code);
        assertEquals(3, pieces.size());
        assertEquals(0, pieces.get(0).start());
        assertEquals(code.indexOf("void"), pieces.get(1).start());
        assertEquals(code.lastIndexOf("a + 1"), pieces.get(2).start());
        assertTrue(pieces.get(1).source().startsWith("void f()"), pieces.get(1).source());
    }

    @Test
    void anExpressionEndedWithASemicolonIsAStatement() {
        assertTrue(split("a + 1;").get(0).statement());
        assertFalse(split("a + 1").get(0).statement());
        assertFalse(split("int b = 2\nb").get(0).statement(), "a semicolon added by JShell does not count");
    }

    @Test
    void anUnfinishedTailIsMarkedIncomplete() {
        List<SnippetSplitter.Piece> pieces = split("int c = 3;\nfor (int i = 0; i < c; i++) {");
        assertEquals(2, pieces.size());
        assertTrue(pieces.get(0).complete());
        assertFalse(pieces.get(1).complete());
        assertEquals("int c = 3;\n".length(), pieces.get(1).start());
    }

    @Test
    void blankCodeHasNoSnippets() {
        assertEquals(List.of(), split("  \n // only a comment\n"));
    }
}
