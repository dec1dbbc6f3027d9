package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training loop with a 1000-epoch budget runs in a cell with {@code progress()}; after three in-place updates of
 * its one progress output, the test interrupts the kernel (interrupt_request on the control channel, as Jupyter
 * does with {@code interrupt_mode: message}). The trainer stops between batches with a CancellationException,
 * and the kernel, with its variables, lives on.
 */
class KernelInterruptIT {

    @Test
    void anInterruptStopsTrainingBetweenBatchesAndTheKernelSurvives(@TempDir Path dir) throws Exception {
        JupyterRig rig = new JupyterRig(dir);
        JupyterRig.Run run = rig.python("interrupt", Duration.ofMinutes(6), "kernel_checks.py", "interrupt",
                dir.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode r = run.json();
        assertEquals("ok", r.get("setup").asText());
        assertEquals(1, r.get("progress_displays").asInt(), "one progress output");
        assertTrue(r.get("progress_html").asText().contains("epoch 1/1000"), r.get("progress_html").asText());
        assertTrue(r.get("progress_display_id").asText().startsWith("ullsnn-progress-"));
        assertEquals(3, r.get("progress_updates_seen").asInt());
        assertEquals("error", r.at("/reply/status").asText());
        assertEquals("CancellationException", r.at("/reply/ename").asText());
        assertTrue(r.at("/reply/evalue").asText().startsWith("training interrupted in epoch 1 at batch"),
                r.at("/reply/evalue").asText());
        assertEquals("0", r.get("epochs_done").asText(), "the network object is still there");
        assertEquals("2", r.get("after").asText());
        assertTrue(r.get("alive").asBoolean());
    }
}
