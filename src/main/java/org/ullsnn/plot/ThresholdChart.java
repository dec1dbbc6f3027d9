package org.ullsnn.plot;

import java.awt.BasicStroke;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.experiment.ConversionSweep;
import tech.tablesaw.api.Table;

/**
 * The fitted threshold ratios per layer: {@code alpha = theta / mu} (solid) and {@code beta = v / mu} (dashed, same
 * colour and marker shape as its strategy's alpha), one pair of lines per strategy. A line whose values equal an
 * earlier one's at every layer (fitted-dnn's alpha beside fitted-dnn:1.3's, which scales only v) is named
 * {@code "... (= earlier)"} in the legend.
 * <p>Input: a {@link ConversionResult} (one strategy), or the sweep's threshold table
 * {@link ConversionSweep.Result#thresholdTable()} ({@code thresholds.csv}) at one T. Columns read: {@code layer},
 * {@code alpha}, {@code beta}, and for the sweep table {@code strategy} and {@code T}.
 * <pre>{@code
 * CategoryChart c = ThresholdChart.alphaBeta(converted);
 * }</pre>
 */
public final class ThresholdChart {

    static final String FIGURE = "the alpha/beta chart";

    private ThresholdChart() {
    }

    /** One strategy's layers; series {@code "alpha = theta / mu"} and {@code "beta = v / mu"}. */
    public static CategoryChart alphaBeta(ConversionResult conversion) {
        if (conversion == null) {
            throw new IllegalArgumentException(FIGURE + " needs a conversion result, got null");
        }
        Table t = conversion.toTable();
        Columns.require(t, FIGURE, "layer", "alpha", "beta");
        CategoryChart chart = chart(conversion.strategy() + ", T = " + conversion.timesteps());
        addPair(chart, t, Columns.allRows(t), Columns.distinct(t, "layer", Columns.allRows(t)), "", 0,
                new LinkedHashMap<>());
        return chart;
    }

    /** The sweep's threshold table at T. */
    public static CategoryChart alphaBeta(ConversionSweep.Result sweep, int timesteps) {
        if (sweep == null || sweep.cells().isEmpty()) {
            throw new IllegalArgumentException(FIGURE + " needs a sweep with at least one converted cell");
        }
        return alphaBeta(sweep.thresholdTable(), timesteps);
    }

    /**
     * The rows at T; series {@code "<strategy>: alpha"} and {@code "<strategy>: beta"} per strategy, in order of first
     * appearance.
     *
     * @throws IllegalArgumentException naming a missing column or a T the table lacks
     */
    public static CategoryChart alphaBeta(Table thresholds, int timesteps) {
        Columns.require(thresholds, FIGURE, "strategy", "T", "layer", "alpha", "beta");
        List<Integer> rows = Columns.rowsAt(thresholds, FIGURE, timesteps);
        List<String> layers = Columns.distinct(thresholds, "layer", rows);
        CategoryChart chart = chart("T = " + timesteps);
        int i = 0;
        Map<String, double[]> drawn = new LinkedHashMap<>();
        for (String strategy : Columns.distinct(thresholds, "strategy", rows)) {
            addPair(chart, thresholds, Columns.rowsWhere(thresholds, "strategy", strategy, rows), layers,
                    strategy + ": ", i++, drawn);
        }
        return chart;
    }

    private static CategoryChart chart(String what) {
        CategoryChart chart = ChartDefaults.category("Threshold ratios per layer (alpha = theta / mu, beta = v / mu), "
                + what, "layer", "ratio to the clip value mu");
        ChartDefaults.lines(chart);
        return chart;
    }

    private static void addPair(CategoryChart chart, Table t, List<Integer> rows, List<String> layers, String prefix,
            int index, Map<String, double[]> drawn) {
        double[] alpha = new double[layers.size()];
        double[] beta = new double[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            List<Integer> at = Columns.rowsWhere(t, "layer", layers.get(i), rows);
            alpha[i] = at.isEmpty() ? Double.NaN : Columns.number(t, "alpha", at.get(0));
            beta[i] = at.isEmpty() ? Double.NaN : Columns.number(t, "beta", at.get(0));
        }
        boolean named = !prefix.isEmpty();
        // a strategy's pair shares its colour and marker shape; beta is dashed. A line equal to an earlier one says so.
        add(chart, ChartDefaults.legendName(named ? prefix + "alpha" : "alpha = theta / mu", alpha, drawn), layers,
                alpha, index, SeriesLines.SOLID);
        add(chart, ChartDefaults.legendName(named ? prefix + "beta" : "beta = v / mu", beta, drawn), layers, beta,
                index, SeriesLines.DASH_DASH);
    }

    private static void add(CategoryChart chart, String name, List<String> layers, double[] values, int index,
            BasicStroke line) {
        List<Double> ys = Arrays.stream(values).mapToObj(Columns::finiteOrNull).toList();
        CategorySeries s = chart.addSeries(name, layers, ys);
        s.setLineColor(ChartDefaults.color(chart, index));
        s.setMarkerColor(ChartDefaults.color(chart, index));
        s.setMarker(ChartDefaults.marker(index));
        s.setLineStyle(line);
    }
}
