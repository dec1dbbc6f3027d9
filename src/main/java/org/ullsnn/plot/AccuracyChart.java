package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.ullsnn.experiment.ConversionSweep;
import tech.tablesaw.api.Table;

/**
 * Test accuracy of the converted SNNs against the number of time steps T, one line per strategy, with the DNN's
 * accuracy as a dashed reference line (the paper's strategies-vs-T comparison).
 * <p>Input: the sweep's accuracy table, {@link ConversionSweep.Result#accuracyTable()} ({@code accuracy.csv}).
 * Columns read: {@code strategy}, {@code T}, {@code accuracy} and {@code dnn_accuracy} (fractions in [0, 1], drawn
 * in percent). T is a numeric axis (T = 8 twice as far from 0 as T = 4), labelled at whole numbers. Each strategy
 * has its own colour and marker shape; one whose values equal an earlier strategy's at every T is named
 * {@code "name (= earlier)"} in the legend, since its line lies under the other. A strategy without a value at some T
 * (it failed to convert) leaves a gap there.
 * <pre>{@code
 * XYChart c = AccuracyChart.vsTimesteps(sweep);
 * }</pre>
 */
public final class AccuracyChart {

    /** The reference series' name. */
    public static final String DNN = "DNN";

    static final String FIGURE = "the accuracy-vs-T chart";

    /** Pixels between x ticks XChart aims for: small enough for one tick per time step up to T = 16. */
    private static final int TICK_SPACING_PX = 30;

    private AccuracyChart() {
    }

    /** The sweep's accuracy table; its DNN accuracy also when no cell converted. */
    public static XYChart vsTimesteps(ConversionSweep.Result sweep) {
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
    public static XYChart vsTimesteps(Table accuracy) {
        Columns.require(accuracy, FIGURE, "strategy", "T", "accuracy", "dnn_accuracy");
        List<Integer> rows = Columns.allRows(accuracy);
        TreeSet<Integer> distinct = new TreeSet<>();
        rows.forEach(r -> distinct.add((int) Math.round(Columns.number(accuracy, "T", r))));
        List<Integer> timesteps = new ArrayList<>(distinct);
        double dnn = Columns.number(accuracy, "dnn_accuracy", 0);
        for (int r : rows) {
            double other = Columns.number(accuracy, "dnn_accuracy", r);
            if (Double.compare(other, dnn) != 0) {
                throw new IllegalArgumentException(FIGURE + ": the table mixes DNN accuracies " + dnn + " and " + other
                        + " (row " + r + "); draw one DNN's sweep at a time");
            }
        }

        XYChart chart = ChartDefaults.xy(String.format(Locale.ROOT,
                "Test accuracy vs time steps T (DNN %.2f %%)", 100 * dnn), "time steps T", "test accuracy (%)");
        double[] ts = timesteps.stream().mapToDouble(Integer::doubleValue).toArray();
        // T is a number, not a category: T = 8 sits four steps right of T = 4; ticks only at whole T
        ChartDefaults.integerXTicks(chart);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(ts[ts.length - 1] + 1);
        chart.getStyler().setXAxisTickMarkSpacingHint(TICK_SPACING_PX);   // a tick at every T up to 16
        chart.getStyler().setYAxisMin(0.0);
        Map<String, double[]> drawn = new LinkedHashMap<>();
        int index = 0;
        for (String strategy : Columns.distinct(accuracy, "strategy", rows)) {
            List<Integer> own = Columns.rowsWhere(accuracy, "strategy", strategy, rows);
            double[] values = new double[ts.length];
            Arrays.fill(values, Double.NaN);
            for (int r : own) {
                int i = timesteps.indexOf((int) Math.round(Columns.number(accuracy, "T", r)));
                values[i] = 100 * Columns.number(accuracy, "accuracy", r);
            }
            chart.addSeries(ChartDefaults.legendName(strategy, values, drawn), ts, values)
                    .setMarker(ChartDefaults.marker(index++));
        }
        double[] reference = new double[ts.length];
        Arrays.fill(reference, 100 * dnn);
        ChartDefaults.reference(chart.addSeries(DNN, ts, reference));
        return chart;
    }
}
