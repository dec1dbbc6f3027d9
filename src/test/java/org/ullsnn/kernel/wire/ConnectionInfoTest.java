package org.ullsnn.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionInfoTest {

    static final String FILE = """
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
             "ip": "127.0.0.1", "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84", "transport": "tcp",
             "signature_scheme": "hmac-sha256", "kernel_name": "ullsnn"}
            """;

    @Test
    void readsAJupyterConnectionFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kernel-1.json"), FILE);
        ConnectionInfo info = ConnectionInfo.read(file);
        assertEquals("127.0.0.1", info.ip());
        assertEquals(5001, info.shellPort());
        assertEquals(5004, info.controlPort());
        assertEquals("HmacSHA256", info.macAlgorithm());
        assertEquals("tcp://127.0.0.1:5002", info.address(info.iopubPort()));
    }

    @Test
    void refusesToRunWithoutAKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConnectionInfo("tcp", "127.0.0.1", 1, 2, 3, 4, 5, "hmac-sha256", ""));
        assertTrue(e.getMessage().contains("refusing to run unauthenticated"), e.getMessage());
    }

    @Test
    void refusesTransportsOtherThanTcpAndUnknownSchemes() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectionInfo("ipc", "kernel", 1, 2, 3, 4, 5, "hmac-sha256", "k"));
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectionInfo("tcp", "127.0.0.1", 1, 2, 3, 4, 5, "md5", "k"));
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectionInfo("tcp", "127.0.0.1", 0, 2, 3, 4, 5, "hmac-sha256", "k"));
    }

    @Test
    void neverPrintsTheKey() {
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", 1, 2, 3, 4, 5, "hmac-sha256", "secret-key");
        assertFalse(info.toString().contains("secret-key"), info.toString());
    }
}
