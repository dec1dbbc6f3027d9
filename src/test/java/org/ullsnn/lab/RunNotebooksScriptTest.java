package org.ullsnn.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.testing.Prerequisites;

/** {@code environment/run_notebooks.py}: how a measured time is written into a notebook's header. */
class RunNotebooksScriptTest {

    private static final Path SCRIPT_DIR = Path.of("environment").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theMeasuredTimeReplacesOnlyTheTextBetweenItsMarkers() throws Exception {
        Prerequisites.requireDebianJupyter();
        String out = python("""
                import nbformat, run_notebooks
                nb = nbformat.v4.new_notebook()
                nb.cells.append(nbformat.v4.new_markdown_cell(
                    "**Time:** <!-- time:full -->old<!-- /time -->, with the model. Smoke: <!-- time:smoke -->x<!-- /time -->."))
                print(run_notebooks.record(nb, "full", run_notebooks.measured(101.6, False)))
                print(run_notebooks.record(nb, "smoke", run_notebooks.measured(14.2, True)))
                print(run_notebooks.record(nb, "other", "y"))
                print(nb.cells[0].source)
                """);
        String[] lines = out.strip().split("\n");
        assertEquals("True", lines[0]);
        assertEquals("True", lines[1]);
        assertEquals("False", lines[2], "no marker: nothing written");
        String header = lines[3].replaceAll("measured on \\d{4}-\\d{2}-\\d{2} on a \\d+-core", "measured on DAY on a N-core");
        assertEquals("**Time:** <!-- time:full -->102 s in full mode, measured on DAY on a N-core machine by "
                + "`environment/run-notebooks.sh`, kernel start included<!-- /time -->, with the model. Smoke: "
                + "<!-- time:smoke -->14 s, measured on DAY on a N-core machine by `environment/run-notebooks.sh`, "
                + "kernel start included<!-- /time -->.", header);
    }

    private String python(String code) throws IOException, InterruptedException {
        Path script = Files.writeString(dir.resolve("check.py"), code.stripIndent());
        ProcessBuilder pb = new ProcessBuilder(Prerequisites.DEBIAN_PYTHON.toString(), script.toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", SCRIPT_DIR.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
