package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nbclient runs {@code tiny-net.ipynb} (train the TINY network on synthetic images with an in-place progress bar,
 * then an XChart learning curve and a Tablesaw metrics table) in the kernel; the executed notebook must have the
 * right output kinds and MIME types, and no error. The executed copy is kept as
 * {@code target/kernel-it/tiny-net.executed.ipynb}.
 */
class NotebookIT {

    private static final Path NOTEBOOK = Path.of("src/test/resources/org/ullsnn/kernel/tiny-net.ipynb");

    @Test
    void trainsATinyNetAndShowsAChartAndATable(@TempDir Path dir) throws Exception {
        JupyterRig rig = new JupyterRig(dir);
        Path executed = JupyterRig.REPORTS.resolve("tiny-net.executed.ipynb").toAbsolutePath();
        JupyterRig.Run run = rig.python("notebook", Duration.ofMinutes(10), "run_notebook.py",
                NOTEBOOK.toAbsolutePath().toString(), executed.toString());
        assertEquals(0, run.exitCode(), run.output());

        List<JsonNode> cells = new ArrayList<>();
        new ObjectMapper().readTree(executed.toFile()).get("cells").forEach(c -> {
            if (c.get("cell_type").asText().equals("code")) {
                cells.add(c);
            }
        });
        assertEquals(5, cells.size());
        for (JsonNode cell : cells) {
            cell.get("outputs").forEach(o -> assertTrue(!o.get("output_type").asText().equals("error"), o.toString()));
        }

        JsonNode images = output(cells.get(0), "execute_result");
        assertTrue(text(images.at("/data/text~1plain")).startsWith("ImageSet[256 images of 3x8x8"),
                images.toString());

        JsonNode progress = output(cells.get(1), "display_data");
        String bar = text(progress.at("/data/text~1html"));
        assertTrue(bar.contains("class=\"ullsnn-progress\""), bar);
        String lines = text(progress.at("/data/text~1plain"));
        assertTrue(lines.contains("done epoch 3/3") && lines.contains("done test after epoch 3"),
                "the bar was updated in place to its last state:\n" + lines);
        assertEquals(1, count(cells.get(1), "display_data"), "one progress output, not one per batch");
        assertTrue(text(output(cells.get(1), "stream").get("text")).startsWith("test accuracy after 3 epochs"));

        JsonNode chart = output(cells.get(2), "execute_result");
        byte[] png = java.util.Base64.getMimeDecoder().decode(text(chart.at("/data/image~1png")));
        assertEquals("\u0089PNG", new String(png, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(560, chart.at("/metadata/image~1png/width").asInt());
        assertTrue(text(chart.at("/data/text~1plain")).startsWith("XYChart \"Tiny net on synthetic images\""));

        JsonNode table = output(cells.get(3), "execute_result");
        String html = text(table.at("/data/text~1html"));
        assertTrue(html.contains("<table") && html.contains("test_accuracy") && html.contains("3 rows"), html);
        assertTrue(table.has("data") && table.get("data").has("text/plain"));

        JsonNode latex = output(cells.get(4), "execute_result");
        assertTrue(text(latex.at("/data/text~1latex")).startsWith("$$\\text{test accuracy} = "), latex.toString());
        assertTrue(Files.size(executed) > 0);
    }

    private static JsonNode output(JsonNode cell, String type) {
        for (JsonNode o : cell.get("outputs")) {
            if (o.get("output_type").asText().equals(type)) {
                return o;
            }
        }
        throw new AssertionError("no " + type + " output in " + cell);
    }

    /** A notebook's multi-line string: nbformat stores it as one string or as an array of lines. */
    private static String text(JsonNode value) {
        if (value.isArray()) {
            StringBuilder sb = new StringBuilder();
            value.forEach(line -> sb.append(line.asText()));
            return sb.toString();
        }
        return value.asText();
    }

    private static int count(JsonNode cell, String type) {
        int n = 0;
        for (JsonNode o : cell.get("outputs")) {
            n += o.get("output_type").asText().equals(type) ? 1 : 0;
        }
        return n;
    }
}
