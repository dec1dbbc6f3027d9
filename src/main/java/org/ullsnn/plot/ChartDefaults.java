package org.ullsnn.plot;

import java.awt.Color;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.series.MarkerSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The common look of the project's figures: size, legend to the right of the plot (one entry per line, so many
 * strategies never run off the edge), reference lines, integer ticks, lines drawn at their category.
 */
final class ChartDefaults {

    /** Width in pixels (at 72 DPI): a two-column paper figure at 300 DPI stays sharp. */
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    private ChartDefaults() {
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        return xy(title, xTitle, yTitle, WIDTH);
    }

    static XYChart xy(String title, String xTitle, String yTitle, int width) {
        XYChart chart = new XYChartBuilder().width(width).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart);
        return chart;
    }

    static CategoryChart category(String title, String xTitle, String yTitle) {
        return category(title, xTitle, yTitle, WIDTH);
    }

    static CategoryChart category(String title, String xTitle, String yTitle, int width) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart);
        // layer names are long: slanted labels keep them apart
        chart.getStyler().setXAxisLabelRotation(45);
        return chart;
    }

    private static void style(AxesChart<?, ?> chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setLegendVisible(true);
    }

    /**
     * Category chart drawn as lines: every series' point sits on its category (XChart otherwise shifts each series
     * sideways, as it does for grouped bars).
     */
    static void lines(CategoryChart chart) {
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true);
    }

    /** A dashed black line without markers (in an XY or a category chart): a reference, not a measurement. */
    static void reference(MarkerSeries series) {
        series.setLineColor(Color.BLACK);
        series.setLineStyle(SeriesLines.DASH_DASH);
        series.setMarker(SeriesMarkers.NONE);
    }

    /** The theme's {@code i}-th series colour, to give paired series (alpha and beta of a strategy) one colour. */
    static Color color(AxesChart<?, ?> chart, int i) {
        Color[] colors = chart.getStyler().getSeriesColors();
        return colors[Math.floorMod(i, colors.length)];
    }

    /** Shows tick labels only at whole numbers (epochs): no "1.5" epoch. */
    static void integerXTicks(AxesChart<?, ?> chart) {
        chart.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) ? Long.toString(Math.round(x)) : "");
    }
}
