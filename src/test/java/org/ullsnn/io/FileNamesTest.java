package org.ullsnn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void strategyNamesBecomeShellSafeStems() {
        assertEquals("fitted-dnn_c_1.3", FileNames.safe("fitted-dnn(c=1.3)"));
        assertEquals("percentile_99.9", FileNames.safe("percentile:99.9"));
        assertEquals("fitted-dnn_1.3", FileNames.safe("fitted-dnn:1.3"));
        assertEquals("max-norm", FileNames.safe("max-norm"));
        assertEquals("0.8_mu", FileNames.safe("0.8 mu"));
    }

    @Test
    void aLabelWithNothingUsableIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FileNames.safe("(*)"));
        assertThrows(IllegalArgumentException.class, () -> FileNames.safe(".."));
        assertThrows(IllegalArgumentException.class, () -> FileNames.safe(null));
    }
}
