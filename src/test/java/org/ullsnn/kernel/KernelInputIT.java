package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code System.in} in cells, through jupyter_client: reading it sends an input_request on the stdin channel to the
 * front end that asked to execute, with the execute request as parent, and the input_reply's value is the line read.
 * A reply signed with the wrong key is dropped; without {@code allow_stdin} a read fails and says why; an interrupt
 * ends a wait for input, and the kernel lives on.
 */
class KernelInputIT {

    @Test
    void aCellReadsTheLinesTypedInTheNotebook(@TempDir Path dir) throws Exception {
        JupyterRig rig = new JupyterRig(dir);
        JupyterRig.Run run = rig.python("stdin", Duration.ofMinutes(4), "kernel_checks.py", "stdin", dir.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode r = run.json();

        JsonNode scanner = r.get("scanner");
        assertEquals("ok", scanner.at("/reply/status").asText(), scanner.toString());
        assertEquals("hello", scanner.get("value").asText(), "Scanner.nextLine() returns the reply's value");
        assertEquals("name? ", scanner.get("stdout").asText(), "what the cell printed before reading");
        JsonNode request = scanner.at("/requests/0");
        assertEquals("input_request", request.get("msg_type").asText());
        assertEquals(request.get("ours").asText(), request.get("parent_msg_id").asText());
        assertEquals("", request.at("/content/prompt").asText());
        assertEquals(false, request.at("/content/password").asBoolean());

        JsonNode twoLines = r.get("two_lines");
        assertEquals("one|two", twoLines.get("value").asText(), "one request per line; the forged reply dropped");
        assertEquals(2, twoLines.get("requests").size());
        assertTrue(run.kernelLog().contains("stdin channel: dropped a message"), "the forged reply is logged");

        JsonNode refused = r.get("refused_scanner");
        assertEquals("error", refused.at("/reply/status").asText());
        assertEquals("NoSuchElementException", refused.at("/reply/ename").asText(), "Scanner hides the IOException");
        assertTrue(refused.get("stderr").asText().contains("allow_stdin false"), "so stderr says why");
        assertEquals(0, refused.get("requests").size());
        JsonNode refusedRead = r.get("refused_read");
        assertEquals("IOException", refusedRead.at("/reply/ename").asText());
        assertTrue(refusedRead.at("/reply/evalue").asText().startsWith("System.in cannot be read in this cell"),
                refusedRead.toString());

        assertEquals("CancellationException", r.at("/interrupted_wait/ename").asText(), r.toString());
        assertEquals("interrupted while waiting for input", r.at("/interrupted_wait/evalue").asText());
        assertTrue(r.get("interrupted_wait_seconds").asDouble() < 10, r.toString());
        assertEquals("4", r.at("/after_interrupt/value").asText(), "input works after an interrupted wait");
        assertTrue(r.get("alive").asBoolean());
    }
}
