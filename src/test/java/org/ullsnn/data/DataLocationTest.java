package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataLocationTest {

    @Test
    void theFlagWinsOverTheEnvironment() {
        DataLocation l = DataLocation.resolve(Path.of("/flag"), Map.of(DataLocation.ENV_VAR, "/env"));
        assertEquals(Path.of("/flag"), l.directory());
        assertEquals(DataLocation.Source.FLAG, l.source());
    }

    @Test
    void theEnvironmentIsUsedWithoutAFlag() {
        DataLocation l = DataLocation.resolve(null, Map.of(DataLocation.ENV_VAR, "/env/cifar"));
        assertEquals(Path.of("/env/cifar"), l.directory());
        assertEquals(DataLocation.Source.ENVIRONMENT, l.source());
        assertTrue(l.describe().endsWith("(from ULLSNN_DATA)"), l.describe());
    }

    @Test
    void aBlankVariableFallsBackToDotSlashData() {
        DataLocation l = DataLocation.resolve(null, Map.of(DataLocation.ENV_VAR, "  "));
        assertEquals(Path.of("data").toAbsolutePath(), l.directory());
        assertEquals(DataLocation.Source.DEFAULT, l.source());
    }

    @Test
    void withNeitherTheDefaultIsDotSlashDataMadeAbsolute() {
        DataLocation l = DataLocation.resolve(null, Map.of());
        assertTrue(l.directory().isAbsolute());
        assertEquals(Path.of("").toAbsolutePath().resolve("data"), l.directory());
    }
}
