package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilePermission;
import org.junit.jupiter.api.Test;

/** The guard's policy, checked without installing it in the test JVM. */
class ExitGuardTest {

    @Test
    void exitIsRefusedWithAMessageForTheNotebook() {
        SecurityException e = assertThrows(SecurityException.class, () -> new ExitGuard.Policy().checkExit(3));
        assertTrue(e.getMessage().startsWith("System.exit(3) was blocked"), e.getMessage());
        assertTrue(e.getMessage().contains("Kernel > Restart"), e.getMessage());
    }

    @Test
    void everythingElseIsAllowed() {
        ExitGuard.Policy policy = new ExitGuard.Policy();
        assertDoesNotThrow(() -> policy.checkPermission(new FilePermission("/etc/passwd", "read")));
        assertDoesNotThrow(() -> policy.checkPermission(new RuntimePermission("setIO"), null));
    }
}
