package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ullsnn.experiment.ConversionSweep;
import tech.tablesaw.api.Table;

/**
 * Test accuracy of the converted SNNs against the number of time steps T, one line per strategy, with the DNN's
 * accuracy as a dashed reference line (the paper's strategies-vs-T comparison).
 * <p>Input: the sweep's accuracy table, {@link ConversionSweep.Result#accuracyTable()} ({@code accuracy.csv}).
 * Columns read: {@code strategy}, {@code T}, {@code accuracy} and {@code dnn_accuracy} (fractions in [0, 1], drawn
 * in percent). T is a category axis: the values of T in the table, in increasing order, evenly spaced. A strategy
 * without a value at some T (it failed to convert) leaves a gap there.
 * <pre>{@code
 * CategoryChart c = AccuracyChart.vsTimesteps(sweep);
 * }</pre>
 */
public final class AccuracyChart {

    /** The reference series' name. */
    public static final String DNN = "DNN";

    static final String FIGURE = "the accuracy-vs-T chart";

    private AccuracyChart() {
    }

    /** The sweep's accuracy table; its DNN accuracy also when no cell converted. */
    public static CategoryChart vsTimesteps(ConversionSweep.Result sweep) {
        if (sweep == null || sweep.cells().isEmpty()) {
            throw new IllegalArgumentException(FIGURE + " needs a sweep with at least one converted cell");
        }
        return vsTimesteps(sweep.accuracyTable());
    }

    /**
     * One series per strategy (order of first appearance) plus {@link #DNN}, each with one point per T.
     *
     * @throws IllegalArgumentException naming a missing column, or when the rows disagree on the DNN accuracy
     */
    public static CategoryChart vsTimesteps(Table accuracy) {
        Columns.require(accuracy, FIGURE, "strategy", "T", "accuracy", "dnn_accuracy");
        List<Integer> rows = Columns.allRows(accuracy);
        TreeSet<Integer> ts = new TreeSet<>();
        rows.forEach(r -> ts.add((int) Math.round(Columns.number(accuracy, "T", r))));
        List<Integer> timesteps = new ArrayList<>(ts);
        List<String> labels = timesteps.stream().map(String::valueOf).toList();
        double dnn = Columns.number(accuracy, "dnn_accuracy", 0);
        for (int r : rows) {
            double other = Columns.number(accuracy, "dnn_accuracy", r);
            if (Double.compare(other, dnn) != 0) {
                throw new IllegalArgumentException(FIGURE + ": the table mixes DNN accuracies " + dnn + " and " + other
                        + " (row " + r + "); draw one DNN's sweep at a time");
            }
        }

        CategoryChart chart = ChartDefaults.category(String.format(Locale.ROOT,
                "Test accuracy vs time steps T (DNN %.2f %%)", 100 * dnn), "time steps T", "test accuracy (%)");
        ChartDefaults.lines(chart);
        chart.getStyler().setXAxisLabelRotation(0);
        for (String strategy : Columns.distinct(accuracy, "strategy", rows)) {
            List<Integer> own = Columns.rowsWhere(accuracy, "strategy", strategy, rows);
            List<Double> values = new ArrayList<>();
            for (int t : timesteps) {
                Double v = null;
                for (int r : own) {
                    if ((int) Math.round(Columns.number(accuracy, "T", r)) == t) {
                        v = Columns.finiteOrNull(100 * Columns.number(accuracy, "accuracy", r));
                    }
                }
                values.add(v);
            }
            chart.addSeries(strategy, labels, values).setMarker(SeriesMarkers.CIRCLE);
        }
        CategorySeries reference = chart.addSeries(DNN, labels, Collections.nCopies(labels.size(), 100 * dnn));
        ChartDefaults.reference(reference);
        return chart;
    }
}
