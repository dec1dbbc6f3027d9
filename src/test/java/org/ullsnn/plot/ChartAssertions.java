package org.ullsnn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;

/** What the chart tests check on every chart: series names, point counts, titles, and that it paints. */
final class ChartAssertions {

    private ChartAssertions() {
    }

    static List<String> names(Chart<?, ?> chart) {
        return chart.getSeriesCollection().stream().map(Series::getName).toList();
    }

    static XYSeries xy(XYChart chart, String name) {
        XYSeries s = chart.getSeries(name);
        assertTrue(s != null, "no series '" + name + "' in " + names(chart));
        return s;
    }

    static CategorySeries category(CategoryChart chart, String name) {
        CategorySeries s = chart.getSeries(name);
        assertTrue(s != null, "no series '" + name + "' in " + names(chart));
        return s;
    }

    /** Title and both axis titles set, the legend on; and the chart paints without throwing. */
    static void complete(AxesChart<?, ?> chart) {
        assertTrue(chart.getTitle() != null && !chart.getTitle().isBlank(), "title");
        assertTrue(chart.getXAxisTitle() != null && !chart.getXAxisTitle().isBlank(), "x axis title");
        assertTrue(chart.getYAxisTitle() != null && !chart.getYAxisTitle().isBlank(), "y axis title");
        assertTrue(chart.getStyler().isLegendVisible(), "legend");
        assertEquals(chart.getWidth(), BitmapEncoder.getBufferedImage(chart).getWidth(), "paints at its own size");
    }
}
