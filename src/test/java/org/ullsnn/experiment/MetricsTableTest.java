package org.ullsnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.nn.train.EpochMetrics;

class MetricsTableTest {

    @TempDir
    Path dir;

    @Test
    void whatWriteCsvWritesReadCsvReadsBackExactly() {
        List<EpochMetrics> history = List.of(
                new EpochMetrics(1, 1e-4, 2.302585092994046, 0.4598, 50_000, 312.25, 160.1, 24.5, 1319),
                new EpochMetrics(2, 2e-5, 1.0 / 3, 0.5123456789, 50_000, 311.0, 160.77, 25.125, 1402));
        Path file = dir.resolve("metrics.csv");
        MetricsTable.writeCsv(history, file);
        assertEquals(history, MetricsTable.readCsv(file));
    }

    @Test
    void aMissingOrForeignFileIsNamed() throws Exception {
        var missing = assertThrows(UncheckedIOException.class, () -> MetricsTable.readCsv(dir.resolve("none.csv")));
        assertTrue(missing.getMessage().contains("no metrics table at " + dir.resolve("none.csv")), missing.getMessage());
        Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        var foreign = assertThrows(UncheckedIOException.class, () -> MetricsTable.readCsv(other));
        assertTrue(foreign.getMessage().contains(other + " is not a readable metrics table"), foreign.getMessage());
    }
}
