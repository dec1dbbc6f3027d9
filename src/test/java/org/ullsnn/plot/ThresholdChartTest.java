package org.ullsnn.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ullsnn.plot.ChartAssertions.category;
import static org.ullsnn.plot.ChartAssertions.names;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.experiment.ConversionSweep;

class ThresholdChartTest {

    private static final double EXACT = 1e-12;

    @Test
    void oneConversionGivesAnAlphaAndABetaLine() {
        ConversionResult conversion = Fixtures.sweep().cells().get(1).conversion();
        CategoryChart chart = ThresholdChart.alphaBeta(conversion);
        assertEquals(List.of("alpha = theta / mu", "beta = v / mu"), names(chart));
        assertEquals(Fixtures.LAYERS, List.copyOf(category(chart, "alpha = theta / mu").getXData()));
        // the fixture's theta = mu (1 - 0.1 l), v = 0.9 theta
        assertArrayEquals(new double[] {1.0, 0.9}, category(chart, "alpha = theta / mu").getYData(), EXACT);
        assertArrayEquals(new double[] {0.9, 0.81}, category(chart, "beta = v / mu").getYData(), EXACT);
        assertTrue(chart.getTitle().contains("half-shift") && chart.getTitle().contains("T = 1"), chart.getTitle());
        ChartAssertions.complete(chart);
    }

    @Test
    void aSweepGivesAPairPerStrategyAtT() {
        ConversionSweep.Result sweep = Fixtures.sweep();
        CategoryChart chart = ThresholdChart.alphaBeta(sweep, 2);
        // the fixture gives both strategies the same thresholds: the legend says the second pair lies under the first
        assertEquals(List.of("max-norm: alpha", "max-norm: beta", "half-shift: alpha (= max-norm: alpha)",
                "half-shift: beta (= max-norm: beta)"), names(chart));
        for (String name : names(chart)) {
            assertEquals(Fixtures.LAYERS.size(), category(chart, name).getYData().length, name);
        }
        assertEquals(category(chart, "max-norm: alpha").getLineColor(), category(chart, "max-norm: beta").getLineColor(),
                "alpha and beta of one strategy share a colour");
        assertNotEquals(category(chart, "max-norm: alpha").getMarker(),
                category(chart, "half-shift: alpha (= max-norm: alpha)").getMarker(), "each strategy its own marker");
        ChartAssertions.complete(chart);
    }

    @Test
    void aMissingColumnIsNamed() {
        var table = Fixtures.sweep().thresholdTable().removeColumns("beta");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThresholdChart.alphaBeta(table, 1));
        assertTrue(e.getMessage().contains("'beta'"), e.getMessage());
    }
}
