package org.ullsnn.plot;

import java.awt.Color;
import java.util.Arrays;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.series.MarkerSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The common look of the project's figures: size, legend to the right of the plot (one entry per line, so many
 * strategies never run off the edge), reference lines, integer ticks, lines drawn at their category.
 */
final class ChartDefaults {

    /** Width in pixels (at 72 DPI): a two-column paper figure at 300 DPI stays sharp. */
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    /** Pixels XChart must leave between two category labels before it drops one: slanted layer names fit in 16. */
    static final int CATEGORY_SPACING_PX = 16;

    /**
     * Series colours: matplotlib's {@code tab10}, ten hues a reader tells apart, with one orange and no yellow (the
     * XChart theme has both, and they read as one colour at the size JupyterLab shows a figure).
     */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22),
        new Color(0x17becf)};

    /** Series markers, a different shape per series: lines that meet or coincide stay apart by their points. */
    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
        SeriesMarkers.OVAL, SeriesMarkers.TRAPEZOID, SeriesMarkers.RECTANGLE};

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
        // XChart drops category labels closer than its spacing hint (74 px): every layer keeps its name
        chart.getStyler().setXAxisTickMarkSpacingHint(CATEGORY_SPACING_PX);
        return chart;
    }

    private static void style(AxesChart<?, ?> chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setSeriesMarkers(MARKERS);
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

    /** The {@code i}-th series marker shape. */
    static Marker marker(int i) {
        return MARKERS[Math.floorMod(i, MARKERS.length)];
    }

    /** The theme's {@code i}-th series colour, to give paired series (alpha and beta of a strategy) one colour. */
    static Color color(AxesChart<?, ?> chart, int i) {
        Color[] colors = chart.getStyler().getSeriesColors();
        return colors[Math.floorMod(i, colors.length)];
    }

    /**
     * The legend name of a series: {@code name}, or {@code "name (= other)"} when its values equal, point for point,
     * those of a series drawn before it ({@code drawn}, legend name to values; {@code NaN} for a missing point), whose
     * line would otherwise hide it. Adds the series to {@code drawn}.
     */
    static String legendName(String name, double[] values, Map<String, double[]> drawn) {
        String shown = name;
        for (Map.Entry<String, double[]> e : drawn.entrySet()) {
            if (Arrays.equals(e.getValue(), values) && Arrays.stream(values).anyMatch(Double::isFinite)) {
                shown = name + " (= " + baseName(e.getKey()) + ")";
                break;
            }
        }
        drawn.put(shown, values.clone());
        return shown;
    }

    private static String baseName(String legendName) {
        int same = legendName.indexOf(" (= ");
        return same < 0 ? legendName : legendName.substring(0, same);
    }

    /** Shows tick labels only at whole numbers (epochs): no "1.5" epoch. */
    static void integerXTicks(AxesChart<?, ?> chart) {
        // tick positions carry rounding error (1.0000000000000002): compare with a tolerance
        chart.setCustomXAxisTickLabelsFormatter(x -> Math.abs(x - Math.rint(x)) < 1e-9 ? Long.toString(Math.round(x)) : "");
    }
}
