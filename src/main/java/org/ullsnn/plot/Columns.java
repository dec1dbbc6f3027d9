package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reading the tables the charts accept (built in memory or read back from the CSVs under {@code runs/}, where
 * Tablesaw may type a column as integer, long or double): required columns are checked up front, and a missing
 * or non-numeric one is named in the error together with the columns the table has.
 */
final class Columns {

    private Columns() {
    }

    /**
     * @throws IllegalArgumentException naming the figure, the first missing column and the table's columns
     */
    static void require(Table table, String figure, String... names) {
        if (table == null) {
            throw new IllegalArgumentException(figure + " needs a table, got null");
        }
        for (String name : names) {
            if (!table.containsColumn(name)) {
                throw new IllegalArgumentException(figure + " needs column '" + name + "'; table '" + table.name()
                        + "' has columns " + table.columnNames());
            }
        }
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException(figure + " needs at least one row; table '" + table.name()
                    + "' is empty");
        }
    }

    /** The value of a numeric column at {@code row}, as a double. */
    static double number(Table table, String name, int row) {
        Column<?> c = table.column(name);
        if (!(c instanceof NumericColumn<?> n)) {
            throw new IllegalArgumentException("column '" + name + "' of table '" + table.name()
                    + "' must be numeric, is " + c.type().name());
        }
        return n.getDouble(row);
    }

    /** The value of any column at {@code row}, as text (layer and strategy names). */
    static String text(Table table, String name, int row) {
        return table.column(name).getString(row);
    }

    /** The distinct texts of a column over {@code rows}, in order of first appearance. */
    static List<String> distinct(Table table, String name, List<Integer> rows) {
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add(text(table, name, r)));
        return List.copyOf(seen);
    }

    /** Every row index. */
    static List<Integer> allRows(Table table) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < table.rowCount(); i++) {
            rows.add(i);
        }
        return rows;
    }

    /**
     * The rows whose column {@code T} equals {@code timesteps}.
     *
     * @throws IllegalArgumentException listing the T the table has when none matches
     */
    static List<Integer> rowsAt(Table table, String figure, int timesteps) {
        require(table, figure, "T");
        List<Integer> rows = new ArrayList<>();
        Set<Integer> present = new TreeSet<>();
        for (int i = 0; i < table.rowCount(); i++) {
            int t = (int) Math.round(number(table, "T", i));
            present.add(t);
            if (t == timesteps) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(figure + ": table '" + table.name() + "' has no row with T = "
                    + timesteps + "; it has T = " + present);
        }
        return rows;
    }

    /** The rows whose column {@code name} reads {@code value}. */
    static List<Integer> rowsWhere(Table table, String name, String value, List<Integer> among) {
        return among.stream().filter(r -> text(table, name, r).equals(value)).toList();
    }

    /** {@code v}, or {@code null} when it is NaN or infinite: XChart leaves a gap (no bar, no point) for null. */
    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
