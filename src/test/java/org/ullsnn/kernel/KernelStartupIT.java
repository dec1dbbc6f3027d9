package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a fresh kernel and records how long it takes to be ready (kernel_info answered), to run its first cell
 * (JShell warm-up and the startup imports), and to run the first cells that use ND4J, XChart and Tablesaw. The
 * times are written to {@code target/kernel-it/timings.json} for the record, not asserted (speed is measured by
 * benchmarks, not by tests); the test checks that the kernel answers correctly.
 */
class KernelStartupIT {

    @Test
    void recordsStartToReadyAndFirstCellTimes(@TempDir Path dir) throws Exception {
        JupyterRig rig = new JupyterRig(dir);
        JupyterRig.Run run = rig.python("timing", Duration.ofMinutes(5), "kernel_checks.py", "timing", dir.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode r = run.json();
        assertEquals("2", r.at("/values/0").asText());
        assertEquals("4.0", r.at("/values/1").asText());
        Files.writeString(JupyterRig.REPORTS.resolve("timings.json"), r.toPrettyString());
    }
}
