package org.ullsnn.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ullsnn.plot.ChartAssertions.category;
import static org.ullsnn.plot.ChartAssertions.names;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.ullsnn.experiment.LayerAgreement;

class LayerAgreementChartTest {

    private static LayerAgreement agreement(String strategy, double r1, double r2) {
        return new LayerAgreement(strategy, 2, List.of(
                new LayerAgreement.Layer("conv1_act", 10, r1, 0.25, 0.1, 1, 1),
                new LayerAgreement.Layer("conv2_act", 10, r2, 0.5, 0.2, 1, 1)));
    }

    @Test
    void oneLinePerStrategyOverTheLayers() {
        CategoryChart chart = LayerAgreementChart.correlation(List.of(agreement("a", 0.9, 0.4),
                agreement("b", 0.8, 0.7)));
        assertEquals(List.of("a", "b"), names(chart));
        assertArrayEquals(new double[] {0.9, 0.4}, category(chart, "a").getYData(), 1e-12);
        assertEquals(List.of("conv1_act", "conv2_act"), List.copyOf(category(chart, "b").getXData()));
        assertTrue(chart.getTitle().contains("T = 2"), chart.getTitle());
        CategoryChart rates = LayerAgreementChart.firingRate(List.of(agreement("a", 0.9, 0.4)));
        assertArrayEquals(new double[] {0.25, 0.5}, category(rates, "a").getYData(), 1e-12);
        ChartAssertions.complete(chart);
    }

    @Test
    void aNanCorrelationIsAGap() {
        CategoryChart chart = LayerAgreementChart.correlation(List.of(agreement("silent deep layer", 0.9, Double.NaN)));
        double[] y = category(chart, "silent deep layer").getYData();
        assertEquals(0.9, y[0], 1e-12);
        assertTrue(Double.isNaN(y[1]), "the NaN layer is a gap, not a number: " + y[1]);
    }

    @Test
    void nothingToDrawIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LayerAgreementChart.correlation(List.of()));
    }
}
