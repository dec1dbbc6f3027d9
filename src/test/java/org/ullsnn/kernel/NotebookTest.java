package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

class NotebookTest {

    @Test
    void markdownLatexAndHtmlCarryTheirMimeTypeAndPlainText() {
        DisplayData md = Notebook.markdown("**T = 2**");
        assertEquals("**T = 2**", md.getData(MIMEType.TEXT_MARKDOWN));
        assertEquals("**T = 2**", md.getData(MIMEType.TEXT_PLAIN));
        assertEquals("$$\\theta = \\mu$$", Notebook.latex("\\theta = \\mu").getData(MIMEType.TEXT_LATEX));
        assertEquals("$x$ and $y$", Notebook.latex("$x$ and $y$").getData(MIMEType.TEXT_LATEX));
        assertEquals("<b>x</b>", Notebook.html("<b>x</b>").getData(MIMEType.TEXT_HTML));
    }

    @Test
    void outsideTheKernelTheFacadeSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Notebook.display("x"));
        assertTrue(e.getMessage().contains("no kernel is running"), e.getMessage());
    }
}
