package org.ullsnn.experiment;

import org.ullsnn.io.AtomicFile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** Writing and printing result tables. */
public final class Tables {

    private Tables() {
    }

    /** Writes {@code table} as CSV, atomically. */
    public static void writeCsv(Table table, java.nio.file.Path file) {
        AtomicFile.write(file, tmp -> table.write().csv(tmp.toFile()));
    }

    /** {@code table} with every double column printed to {@code decimals} places (the values are unchanged). */
    public static Table rounded(Table table, int decimals) {
        Table copy = table.copy();
        for (var column : copy.columns()) {
            if (column instanceof DoubleColumn d) {
                d.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(decimals));
            }
        }
        return copy;
    }
}
