package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol behaviour jupyter_kernel_test does not cover: display ids and in-place updates, user expressions,
 * execute requests queued behind a failing cell answered {@code aborted} (so "Run all" stops at the first error),
 * and a shutdown request that ends the process by itself with exit code 0.
 */
class KernelBehaviourIT {

    @Test
    void updatesDisplaysEvaluatesUserExpressionsAbortsQueuedCellsAndExitsCleanly(@TempDir Path dir) throws Exception {
        JupyterRig rig = new JupyterRig(dir);
        JupyterRig.Run run = rig.python("behaviour", Duration.ofMinutes(5), "kernel_checks.py", "behaviour",
                dir.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode r = run.json();

        JsonNode shown = r.get("display_outputs");
        assertEquals(2, shown.size(), shown.toString());
        assertEquals("display_data", shown.get(0).get("type").asText());
        assertEquals("update_display_data", shown.get(1).get("type").asText());
        assertEquals(shown.get(0).get("id").asText(), shown.get(1).get("id").asText());
        assertEquals("[\"text/markdown\",\"text/plain\"]", shown.get(1).get("mime").toString());

        assertEquals("ok", r.at("/user_expressions/twice/status").asText());
        assertEquals("10", r.at("/user_expressions/twice/data/text~1plain").asText());
        assertEquals("error", r.at("/user_expressions/broken/status").asText());
        assertEquals("CompilationError", r.at("/user_expressions/broken/ename").asText());

        assertEquals("error", r.get("failing_status").asText());
        assertEquals(List.of("aborted", "aborted"), List.of(r.at("/queued_statuses/0").asText(),
                r.at("/queued_statuses/1").asText()));
        assertEquals("5", r.get("value_after").asText(), "the aborted cells did not run");

        assertTrue(r.get("exited_by_itself").asBoolean(), "the kernel did not exit after shutdown_request");
        assertEquals(0, r.get("exit_code").asInt());
    }
}
