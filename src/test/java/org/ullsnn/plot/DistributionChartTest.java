package org.ullsnn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ullsnn.plot.ChartAssertions.names;
import static org.ullsnn.plot.ChartAssertions.xy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.ullsnn.stats.DistributionFamily;
import org.ullsnn.stats.DistributionFitter;
import org.ullsnn.stats.LayerDistribution;
import org.ullsnn.stats.LayerFit;

class DistributionChartTest {

    private static final double EXACT = 1e-12;

    private final LayerDistribution layer = Fixtures.layer("conv1_act", Fixtures.MU, 4000, 0.4, 0.7, Fixtures.SEED);

    @Test
    void drawsTheHistogramEveryFittedFamilyAndTheUniformAssumption() {
        LayerFit fit = DistributionFitter.fit(layer);
        XYChart chart = DistributionChart.of(layer, fit);
        String best = fit.best().orElseThrow().family() + " fit (best AIC)";
        List<String> expected = new java.util.ArrayList<>(List.of(DistributionChart.HISTOGRAM));
        DistributionFamily.all().forEach(e -> expected.add(e.name() + " fit"));
        expected.replaceAll(n -> n.equals(best.replace(" (best AIC)", "")) ? best : n);
        expected.add(DistributionChart.UNIFORM_ASSUMPTION);
        assertEquals(expected, names(chart));
        for (String family : expected.subList(1, expected.size() - 1)) {
            assertEquals(DistributionChart.GRID_POINTS, xy(chart, family).getXData().length, family);
        }
        assertTrue(chart.getTitle().contains("P(z <= 0)"), chart.getTitle());
        ChartAssertions.complete(chart);
    }

    @Test
    void theHistogramHasAreaOneMinusP0FromTheExactCounts() {
        double[][] bins = DistributionChart.positiveDensity(layer);
        double[] edges = bins[0];
        double[] density = bins[1];
        double area = 0;
        for (int i = 0; i < density.length; i++) {
            area += density[i] * (edges[i + 1] - edges[i]);
        }
        long positives = Arrays.stream(layer.samples()).filter(z -> z > 0).count();
        assertEquals((double) positives / layer.count(), area, EXACT);
        assertEquals(1 - layer.fractionAtOrBelowZero(), area, EXACT);
        assertTrue(edges[0] >= 0, "drawn from 0 up, got " + edges[0]);
        assertEquals(layer.max(), edges[edges.length - 1], 0.0);

        XYSeries hist = xy(DistributionChart.of(layer), DistributionChart.HISTOGRAM);
        assertEquals(2 * edges.length, hist.getXData().length, "an outline: two points per edge");
    }

    @Test
    void theFamiliesAreScaledByOneMinusP0() {
        LayerFit fit = DistributionFitter.fit(layer);
        XYChart chart = DistributionChart.of(layer, fit);
        var gamma = fit.fit("gamma");
        XYSeries s = xy(chart, names(chart).stream().filter(n -> n.startsWith("gamma fit")).findFirst().orElseThrow());
        double z = s.getXData()[50];
        assertEquals((1 - fit.p0()) * gamma.distribution().density(z), s.getYData()[50], EXACT);
    }

    @Test
    void theUniformAssumptionIsFlatAtOneMinusP0OverMuUpToMu() {
        XYSeries u = xy(DistributionChart.of(layer), DistributionChart.UNIFORM_ASSUMPTION);
        double h = (1 - layer.fractionAtOrBelowZero()) / Fixtures.MU;
        assertEquals(4, u.getXData().length);
        assertEquals(List.of(0.0, Fixtures.MU, Fixtures.MU), Arrays.stream(u.getXData()).boxed().toList().subList(0, 3));
        assertEquals(h, u.getYData()[0], EXACT);
        assertEquals(h, u.getYData()[1], EXACT);
        assertEquals(0.0, u.getYData()[2], 0.0);
    }

    @Test
    void aPlainReluHasNoUniformAssumption() {
        LayerDistribution relu = Fixtures.layer("fc1_act", Double.POSITIVE_INFINITY, 2000, 0.5, 1.0, Fixtures.SEED);
        XYChart chart = DistributionChart.of(relu);
        assertFalse(names(chart).contains(DistributionChart.UNIFORM_ASSUMPTION), names(chart).toString());
        ChartAssertions.complete(chart);
    }

    @Test
    void fitsOfAnotherLayerAreRefused() {
        LayerDistribution other = Fixtures.layer("conv2_act", Fixtures.MU, 500, 0.4, 0.7, Fixtures.SEED + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributionChart.of(layer, DistributionFitter.fit(other)));
        assertTrue(e.getMessage().contains("conv2_act") && e.getMessage().contains("conv1_act"), e.getMessage());
    }

    @Test
    void aLayerWithoutPositivePreActivationsIsRefused() {
        LayerDistribution silent = LayerDistribution.of("dead_act", 1.0, new double[] {-1, -0.5, 0}, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DistributionChart.of(silent));
        assertTrue(e.getMessage().contains("dead_act"), e.getMessage());
    }

    @Test
    void withoutNegativeValuesTheHistogramStartsAtTheSmallestValue() {
        LayerDistribution positive = Fixtures.layer("pos_act", Fixtures.MU, 1000, 0.0, 0.5, Fixtures.SEED);
        double[][] bins = DistributionChart.positiveDensity(positive);
        assertEquals(positive.min(), bins[0][0], 0.0);
        double area = 0;
        for (int i = 0; i < bins[1].length; i++) {
            area += bins[1][i] * (bins[0][i + 1] - bins[0][i]);
        }
        assertEquals(1.0, area, EXACT);
    }
}
