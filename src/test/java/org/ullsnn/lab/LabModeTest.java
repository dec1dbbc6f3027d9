package org.ullsnn.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabModeTest {

    @Test
    void smokeIsOnlyWhatTheVariableSwitchesOn() {
        assertEquals(LabMode.FULL, LabMode.of(Map.of()));
        for (String off : new String[] {"", " ", "0", "false", "NO"}) {
            assertEquals(LabMode.FULL, LabMode.of(Map.of("SMOKE", off)), off);
        }
        for (String on : new String[] {"1", " true", "Yes"}) {
            assertEquals(LabMode.SMOKE, LabMode.of(Map.of("SMOKE", on)), on);
        }
        assertTrue(LabMode.SMOKE.isSmoke());
    }

    @Test
    void anUnclearValueIsAnErrorNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> LabMode.of(Map.of("SMOKE", "maybe")));
        assertTrue(e.getMessage().contains("SMOKE=maybe"), e.getMessage());
    }
}
