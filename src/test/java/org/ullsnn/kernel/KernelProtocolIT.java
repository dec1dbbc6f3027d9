package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jupyter_kernel_test (Debian's python3-jupyter-kernel-test) against the kernel, with every check it offers enabled:
 * kernel_info, stdout, stderr, completion, is_complete, pager, error, execute_result (text, HTML table, PNG chart,
 * PNG image, Markdown, LaTeX), display_data, history (tail, range, search), inspect and clear_output. The full
 * report is kept in {@code target/kernel-it/jupyter-kernel-test.log}.
 */
class KernelProtocolIT {

    @Test
    void passesEveryCheckOfJupyterKernelTest(@TempDir Path dir) throws Exception {
        JupyterRig rig = new JupyterRig(dir);
        JupyterRig.Run run = rig.python("jupyter-kernel-test", Duration.ofMinutes(8), "kernel_protocol_test.py");
        String report = run.output();
        assertEquals(0, run.exitCode(), report);
        assertTrue(report.contains("\nRan 13 tests") && report.contains("\nOK"), report);
        assertFalse(report.contains("skipped"), "no check may be skipped:\n" + report);
        assertFalse(report.contains("FAIL") || report.contains("ERROR"), report);
        for (String check : List.of("test_clear_output", "test_completion", "test_display_data", "test_error",
                "test_execute_result", "test_execute_stderr", "test_execute_stdout", "test_history", "test_inspect",
                "test_is_complete", "test_kernel_info", "test_pager", "test_every_check_is_enabled")) {
            assertTrue(report.contains(check + " (__main__.UllsnnKernelTests." + check + ")"),
                    check + " did not run:\n" + report);
        }
        assertTrue(Files.size(JupyterRig.REPORTS.resolve("jupyter-kernel-test.log")) > 0);
    }
}
