package org.ullsnn.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ullsnn.plot.ChartAssertions.xy;
import static org.ullsnn.plot.ChartAssertions.names;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class AccuracyChartTest {

    private static final double PERCENT = 1e-9;

    /** max-norm at T = 4, 1, 2 (out of order); fitted-dnn at T = 2 and 4 only (T = 1 failed). */
    private static Table accuracy() {
        return Table.create("accuracy by strategy and T",
                StringColumn.create("strategy", "max-norm", "max-norm", "max-norm", "fitted-dnn", "fitted-dnn"),
                IntColumn.create("T", 4, 1, 2, 2, 4),
                DoubleColumn.create("accuracy", 0.7, 0.1, 0.4, 0.8, 0.85),
                DoubleColumn.create("dnn_accuracy", 0.9, 0.9, 0.9, 0.9, 0.9));
    }

    @Test
    void oneLinePerStrategyOverSortedTAndTheDnnAsReference() {
        XYChart chart = AccuracyChart.vsTimesteps(accuracy());
        assertEquals(List.of("max-norm", "fitted-dnn", AccuracyChart.DNN), names(chart));
        assertArrayEquals(new double[] {1, 2, 4}, xy(chart, "max-norm").getXData(), 0,
                "T on a numeric axis: 4 lies twice as far from 0 as 2");
        assertArrayEquals(new double[] {10, 40, 70}, xy(chart, "max-norm").getYData(), PERCENT);
        double[] fitted = xy(chart, "fitted-dnn").getYData();
        assertTrue(Double.isNaN(fitted[0]), "no point where the strategy failed");
        assertArrayEquals(new double[] {80, 85}, new double[] {fitted[1], fitted[2]}, PERCENT);
        assertArrayEquals(new double[] {90, 90, 90}, xy(chart, AccuracyChart.DNN).getYData(), PERCENT);
        assertTrue(xy(chart, "max-norm").getMarker() != xy(chart, "fitted-dnn").getMarker(),
                "each strategy its own marker shape");
        ChartAssertions.complete(chart);
    }

    @Test
    void drawsASweep() {
        XYChart chart = AccuracyChart.vsTimesteps(Fixtures.sweep());
        assertEquals(List.of("max-norm", "half-shift", AccuracyChart.DNN), names(chart));
        assertArrayEquals(new double[] {30, 60}, xy(chart, "max-norm").getYData(), PERCENT);
        assertArrayEquals(new double[] {90, 90}, xy(chart, AccuracyChart.DNN).getYData(), PERCENT);
    }

    @Test
    void aLineHiddenUnderAnEarlierOneSaysSoInTheLegend() {
        Table t = Table.create("accuracy by strategy and T",
                StringColumn.create("strategy", "a", "a", "b", "b", "c", "c"),
                IntColumn.create("T", 1, 2, 1, 2, 1, 2),
                DoubleColumn.create("accuracy", 0.01, 0.01, 0.01, 0.01, 0.01, 0.02),
                DoubleColumn.create("dnn_accuracy", 0.5, 0.5, 0.5, 0.5, 0.5, 0.5));
        assertEquals(List.of("a", "b (= a)", "c", AccuracyChart.DNN), names(AccuracyChart.vsTimesteps(t)));
    }

    @Test
    void aMissingColumnIsNamed() {
        Table t = accuracy().removeColumns("dnn_accuracy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccuracyChart.vsTimesteps(t));
        assertTrue(e.getMessage().contains("'dnn_accuracy'") && e.getMessage().contains("[strategy, T, accuracy]"),
                e.getMessage());
    }

    @Test
    void mixedDnnAccuraciesAreRefused() {
        Table t = accuracy();
        t.doubleColumn("dnn_accuracy").set(3, 0.5);
        assertThrows(IllegalArgumentException.class, () -> AccuracyChart.vsTimesteps(t));
    }
}
