package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forged and replayed messages, bind addresses, System.exit and error reports, checked on a running kernel. */
class KernelSecurityIT {

    @Test
    void aForgedRequestIsNotExecutedAndAProperlySignedOneAfterItIsAnswered(@TempDir Path dir) throws Exception {
        JupyterRig rig = new JupyterRig(dir);
        JupyterRig.Run run = rig.python("forged-signature", Duration.ofMinutes(5), "kernel_checks.py", "forged",
                dir.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode r = run.json();
        assertFalse(r.get("forged_code_ran").asBoolean(), "code in a message signed with the wrong key ran");
        assertEquals("ok", r.get("reply_after_forged").asText());
        assertEquals("42", r.get("value_after_forged").asText());
        assertEquals(0, r.get("late_reply_parents").size(), "the forged request got a reply: " + r);
        assertEquals(1, r.get("replay_reply_count").asInt(), "a replayed request was answered twice");
        assertEquals(1, r.get("replayed_code_runs").asInt(), "a replayed request ran twice");
        assertEquals("2", r.get("value_at_end").asText());
        assertTrue(r.get("alive").asBoolean(), "a forged shutdown on the control channel ended the kernel");
        assertTrue(run.kernelLog().contains("dropped a message") && run.kernelLog().contains("bad signature"),
                "the drop is logged:\n" + run.kernelLog());
    }

    @Test
    void bindsOnlyToTheFilesIpSurvivesExitAndReportsErrorsUserFramesFirst(@TempDir Path dir) throws Exception {
        JupyterRig rig = new JupyterRig(dir);
        JupyterRig.Run run = rig.python("robustness", Duration.ofMinutes(5), "kernel_checks.py", "robustness",
                dir.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode r = run.json();

        List<String> expected = new ArrayList<>();
        r.get("ports").forEach(p -> expected.add(r.get("ip").asText() + ":" + p.asInt()));
        List<String> listening = new ArrayList<>();
        r.get("listening").forEach(a -> listening.add(a.asText()));
        assertEquals(expected, listening, "every listening socket of the kernel is on the connection file's ip");

        assertEquals("SecurityException", r.at("/exit_reply/ename").asText());
        assertTrue(r.at("/exit_reply/evalue").asText().startsWith("System.exit(3) was blocked"));
        assertEquals("42", r.get("after_exit").asText());

        List<String> trace = plain(r.at("/thrown_reply/traceback"));
        assertEquals("java.lang.IndexOutOfBoundsException: Index: 2 Size: 1", trace.get(0));
        assertEquals("  in your code:", trace.get(1));
        assertTrue(trace.get(2).matches("    cell \\[\\d+], line 3:  return List.of\\(1\\).get\\(j\\);"), trace.get(2));
        assertTrue(trace.get(3).matches("    cell \\[\\d+], line 2:  pick\\(one\\)"), trace.get(3));
        assertEquals("  inside (innermost first):", trace.get(4));
        assertFalse(String.join("\n", trace).contains("org.ullsnn.kernel"), "kernel frames are hidden: " + trace);

        List<String> compile = plain(r.at("/compile_reply/traceback"));
        assertTrue(compile.get(0).endsWith("line 2: cannot find symbol"), compile.toString());
        assertEquals("               ^^^^^^^^^^^", compile.get(3));

        assertEquals(3, r.get("stream_chunks").size(), "stdout streams while the cell runs: " + r.get("stream_chunks"));
        assertEquals("from-magic", r.get("env_value").asText());
        assertTrue(r.get("alive").asBoolean());
    }

    private static List<String> plain(JsonNode lines) {
        List<String> out = new ArrayList<>();
        lines.forEach(l -> out.add(l.asText().replaceAll("\u001b\\[[0-9;]*m", "")));
        return out;
    }
}
