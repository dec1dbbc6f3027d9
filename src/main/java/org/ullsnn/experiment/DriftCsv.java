package org.ullsnn.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ullsnn.snn.FineTuning;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** {@code drift.csv}: theta and lambda per IF layer and epoch of a fine-tuning run. */
final class DriftCsv {

    private DriftCsv() {
    }

    static void write(List<FineTuning.NeuronState> states, Path file) {
        Tables.writeCsv(FineTuning.driftTable(states), file);
    }

    /** The saved states, or none when the file does not exist yet. */
    static List<FineTuning.NeuronState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(
                    new ColumnType[] {ColumnType.INTEGER, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.DOUBLE}));
            List<FineTuning.NeuronState> out = new ArrayList<>();
            for (int i = 0; i < t.rowCount(); i++) {
                out.add(new FineTuning.NeuronState(t.intColumn("epoch").getInt(i), t.stringColumn("layer").get(i),
                        t.doubleColumn("theta").getDouble(i), t.doubleColumn("lambda").getDouble(i)));
            }
            return out;
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException(file + " is not a readable drift table: " + e.getMessage(), e));
        }
    }
}
