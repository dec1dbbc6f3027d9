package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every {@code notebooks/*.ipynb} in smoke mode ({@code SMOKE=1} in the kernel's environment) through
 * nbclient on our kernel, one dynamic test per notebook. A notebook fails on a cell that does not run, on any
 * {@code error} output, when it shows no {@code image/png}, or when it saved no figure named after its number
 * ({@code 03-...}) into {@code target/notebook-figures/}. Executed copies are kept as
 * {@code target/kernel-it/notebooks/<name>.executed.ipynb}; the driver's log (with the wall time) beside them.
 */
class NotebooksIT {

    private static final Path NOTEBOOKS = Path.of("notebooks");
    private static final Path FIGURES = Path.of("target", "notebook-figures");
    private static final Duration PER_NOTEBOOK = Duration.ofMinutes(10);

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInSmokeMode(@TempDir Path dir) throws Exception {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            notebooks = files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks in " + NOTEBOOKS.toAbsolutePath());
        JupyterRig rig = new JupyterRig(dir);
        Path out = Files.createDirectories(JupyterRig.REPORTS.resolve("notebooks"));
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(),
                () -> runs(rig, nb, out)));
    }

    private static void runs(JupyterRig rig, Path notebook, Path out) throws Exception {
        String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
        Path executed = out.resolve(name + ".executed.ipynb").toAbsolutePath();
        Files.deleteIfExists(executed);
        Instant start = Instant.now().minusSeconds(1);
        JupyterRig.Run run = rig.python("notebooks/" + name, PER_NOTEBOOK, Map.of("SMOKE", "1"), "run_notebook.py",
                notebook.toAbsolutePath().toString(), executed.toString());
        assertEquals(0, run.exitCode(), () -> name + " failed:\n" + run.output() + "\nkernel log:\n" + run.kernelLog());

        int images = 0;
        List<String> errors = new ArrayList<>();
        for (JsonNode cell : new ObjectMapper().readTree(executed.toFile()).get("cells")) {
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            assertFalse(cell.get("execution_count").isNull(), name + ": a cell was not executed: " + cell.get("source"));
            for (JsonNode o : cell.get("outputs")) {
                if (o.get("output_type").asText().equals("error")) {
                    errors.add(o.path("ename").asText() + ": " + o.path("evalue").asText());
                }
                if (o.path("data").has("image/png")) {
                    images++;
                }
            }
        }
        assertTrue(errors.isEmpty(), name + " has error outputs: " + errors);
        assertTrue(images > 0, name + " shows no image/png output");

        String number = name.split("-", 2)[0] + "-";
        assertTrue(savedSince(number, FileTime.from(start)), name + " saved no figure " + number + "* into "
                + FIGURES.toAbsolutePath());
        System.out.println(name + ": " + run.output().strip().lines().reduce((a, b) -> b).orElse("")
                + ", " + images + " PNG outputs");
    }

    private static boolean savedSince(String prefix, FileTime since) throws IOException {
        if (!Files.isDirectory(FIGURES)) {
            return false;
        }
        try (Stream<Path> files = Files.list(FIGURES)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix) && modifiedAfter(f, since));
        }
    }

    private static boolean modifiedAfter(Path f, FileTime since) {
        try {
            return Files.getLastModifiedTime(f).compareTo(since) >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
