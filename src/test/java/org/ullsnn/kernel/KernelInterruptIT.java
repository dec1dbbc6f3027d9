package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupts through jupyter_client: an interrupt_request on the control channel, as Jupyter sends with the
 * kernelspec's {@code interrupt_mode: message}, and SIGINT, as it sends with {@code signal}.
 * <ul>
 *   <li>A training loop with a 1000-epoch budget runs in a cell with {@code progress()}; after three in-place updates
 *       of its one progress output, the test interrupts the kernel. The trainer stops between batches with a
 *       CancellationException, and the kernel, with its variables, lives on.</li>
 *   <li>The first cell of a fresh kernel, {@code Thread.sleep(15000)}, is interrupted 1 s after it was sent, while
 *       JShell is still warming up: it stops at once instead of sleeping on. Then SIGINT stops a second one.</li>
 * </ul>
 */
class KernelInterruptIT {

    /** Far below the 15 s the cells would sleep, far above a second of JShell warm-up on a busy machine. */
    private static final double STOPPED_WITHIN_SECONDS = 10;

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

    @Test
    void anInterruptWhileJShellWarmsUpStopsTheFirstCellInBothInterruptModes(@TempDir Path dir) throws Exception {
        JupyterRig rig = new JupyterRig(dir);
        JupyterRig.Run run = rig.python("early-interrupt", Duration.ofMinutes(4), "kernel_checks.py",
                "early_interrupt", dir.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode r = run.json();
        assertEquals("message", r.get("interrupt_mode").asText(), "the kernelspec's mode");
        for (String mode : List.of("by_message", "by_signal")) {
            JsonNode cell = r.get(mode);
            assertEquals("error", cell.at("/reply/status").asText(), mode + ": " + cell);
            // before the sleep started: Interrupted; during it: the InterruptedException of Thread.sleep
            assertTrue(Set.of("Interrupted", "InterruptedException").contains(cell.at("/reply/ename").asText()),
                    mode + ": " + cell);
            assertTrue(cell.get("seconds").asDouble() < STOPPED_WITHIN_SECONDS, mode + ": " + cell);
        }
        // JShell warms up for 3-4 s on a 2-core machine, so the interrupt at 1 s is kept until the cell can be stopped
        // (ExecutionInterruptsTest covers that path whatever the machine's speed); a faster machine may be warm by then
        if (run.kernelLog().contains("interrupt: PENDING")) {
            assertEquals("Interrupted", r.at("/by_message/reply/ename").asText());
        }
        assertEquals("2", r.get("after_message").asText());
        assertEquals("4", r.get("after_signal").asText());
        assertTrue(r.get("alive").asBoolean(), "SIGINT did not end the kernel");
    }
}
