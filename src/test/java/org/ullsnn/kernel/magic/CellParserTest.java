package org.ullsnn.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellParserTest {

    private final CellParser parser = new CellParser(Magics.standard());

    @Test
    void splitsACellIntoJavaBlocksAndMagicLinesInOrder() {
        String cell = "%classpath lib/*.jar\nvar a = 1;\nvar b = 2;\n  %time a + b\nb";
        List<CellParser.Part> parts = parser.parse("[4]", cell);
        assertEquals(4, parts.size());
        CellParser.MagicLine cp = assertInstanceOf(CellParser.MagicLine.class, parts.get(0));
        assertEquals("classpath", cp.call().name());
        assertEquals("lib/*.jar", cp.call().argText());
        assertEquals(1, cp.line());
        CellParser.JavaBlock java = assertInstanceOf(CellParser.JavaBlock.class, parts.get(1));
        assertEquals("var a = 1;\nvar b = 2;\n", java.source().code());
        assertEquals(2, java.source().lineOf(0));
        CellParser.MagicLine time = assertInstanceOf(CellParser.MagicLine.class, parts.get(2));
        assertEquals("a + b", time.call().args().code());
        assertEquals(4, time.line());
        assertEquals("b", assertInstanceOf(CellParser.JavaBlock.class, parts.get(3)).source().code());
    }

    @Test
    void aCellMagicTakesTheRestOfTheCell() {
        List<CellParser.Part> parts = parser.parse("[5]", "\n%%time\nint x = 1;\nx + 1");
        CellParser.MagicLine m = assertInstanceOf(CellParser.MagicLine.class, parts.get(0));
        assertEquals(1, parts.size());
        assertTrue(m.call().isCellMagic());
        assertEquals("int x = 1;\nx + 1", m.call().body().orElseThrow().code());
        assertEquals(3, m.call().body().orElseThrow().lineOf(0));
    }

    @Test
    void anUnknownMagicIsAMagicOnlyWhereAStatementCouldStart() {
        List<CellParser.Part> misspelt = parser.parse("[1]", "int a = 1;\n%clsspath x.jar");
        assertEquals("clsspath", assertInstanceOf(CellParser.MagicLine.class, misspelt.get(1)).call().name());
        List<CellParser.Part> remainder = parser.parse("[1]", "int r = 17\n  %b;");
        assertEquals(1, remainder.size(), "the remainder operator continuing a line stays Java");
    }

    @Test
    void theJavaViewBlanksMagicsButKeepsJavaArgumentsAndLength() {
        String cell = "%jars lib/a.jar\n%time Math.ab\nint x;";
        String view = parser.javaView(cell);
        assertEquals(cell.length(), view.length());
        assertEquals(" ".repeat("%jars lib/a.jar".length()) + "\n      Math.ab\nint x;", view);
    }
}
