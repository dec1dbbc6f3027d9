package org.ullsnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {

    private static Table sample() {
        return Table.create("t", StringColumn.create("s", "a", "b", "c"), DoubleColumn.create("x", 1.23456, 2.5, 3.0));
    }

    /** Guards the fastutil pin in the POM: with DL4J's fastutil 6.5.7, Tablesaw's row filters throw. */
    @Test
    void rowFiltersWorkOnThisClasspath() {
        Table t = sample();
        assertEquals(2, t.where(t.doubleColumn("x").isGreaterThan(2)).rowCount());
    }

    @Test
    void csvIsWrittenAtomicallyAndRoundedPrintingKeepsValues(@TempDir Path dir) throws Exception {
        Tables.writeCsv(sample(), dir.resolve("a/t.csv"));
        assertEquals(List.of("s,x", "a,1.23456", "b,2.5", "c,3.0"), Files.readAllLines(dir.resolve("a/t.csv")));
        Table r = Tables.rounded(sample(), 2);
        assertEquals(1.23456, r.doubleColumn("x").getDouble(0), 0);
        assertEquals(true, r.printAll().contains("1.23"));
    }
}
