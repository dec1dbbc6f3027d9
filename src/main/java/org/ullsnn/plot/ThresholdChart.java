package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.experiment.ConversionSweep;
import tech.tablesaw.api.Table;

/**
 * The fitted threshold ratios per layer: {@code alpha = theta / mu} (solid) and {@code beta = v / mu} (dashed, same
 * colour as its strategy's alpha), one pair of lines per strategy.
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
        addPair(chart, t, Columns.allRows(t), Columns.distinct(t, "layer", Columns.allRows(t)), "", 0);
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
        for (String strategy : Columns.distinct(thresholds, "strategy", rows)) {
            addPair(chart, thresholds, Columns.rowsWhere(thresholds, "strategy", strategy, rows), layers,
                    strategy + ": ", i++);
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
            int colour) {
        List<Double> alpha = new ArrayList<>();
        List<Double> beta = new ArrayList<>();
        for (String layer : layers) {
            List<Integer> at = Columns.rowsWhere(t, "layer", layer, rows);
            alpha.add(at.isEmpty() ? null : Columns.finiteOrNull(Columns.number(t, "alpha", at.get(0))));
            beta.add(at.isEmpty() ? null : Columns.finiteOrNull(Columns.number(t, "beta", at.get(0))));
        }
        boolean named = !prefix.isEmpty();
        CategorySeries a = chart.addSeries(named ? prefix + "alpha" : "alpha = theta / mu", layers, alpha);
        CategorySeries b = chart.addSeries(named ? prefix + "beta" : "beta = v / mu", layers, beta);
        a.setLineColor(ChartDefaults.color(chart, colour));
        a.setMarkerColor(ChartDefaults.color(chart, colour));
        a.setMarker(SeriesMarkers.CIRCLE);
        b.setLineColor(ChartDefaults.color(chart, colour));
        b.setMarkerColor(ChartDefaults.color(chart, colour));
        b.setMarker(SeriesMarkers.SQUARE);
        b.setLineStyle(SeriesLines.DASH_DASH);
    }
}
