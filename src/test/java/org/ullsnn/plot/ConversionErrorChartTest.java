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
import org.knowm.xchart.CategorySeries;
import org.ullsnn.stats.ConversionError;
import org.ullsnn.stats.ConversionSetting;
import org.ullsnn.stats.DistributionFitter;
import org.ullsnn.stats.NetworkDistribution;
import org.ullsnn.stats.NetworkFit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ConversionErrorChartTest {

    /** Two strategies x T in {1, 2} x three layers; the MSE encodes strategy, T and layer so every bar is checkable. */
    private static Table errors() {
        StringColumn strategy = StringColumn.create("strategy");
        IntColumn t = IntColumn.create("T");
        StringColumn layer = StringColumn.create("layer");
        DoubleColumn empirical = DoubleColumn.create("empirical_mse");
        DoubleColumn fitted = DoubleColumn.create("fitted_mse");
        DoubleColumn uniform = DoubleColumn.create("uniform_mse");
        for (String s : List.of("max-norm", "fitted-dnn")) {
            for (int steps = 1; steps <= 2; steps++) {
                for (int l = 0; l < 3; l++) {
                    strategy.append(s);
                    t.append(steps);
                    layer.append("conv" + (l + 1) + "_act");
                    double base = (s.equals("max-norm") ? 100 : 200) + 10 * steps + l;
                    empirical.append(base);
                    fitted.append(base + 0.5);
                    uniform.append(l == 2 ? Double.NaN : base + 0.25);
                }
            }
        }
        return Table.create("conversion error", strategy, t, layer, empirical, fitted, uniform);
    }

    @Test
    void oneBarPerLayerForEachStrategyAndModelAtT() {
        CategoryChart chart = ConversionErrorChart.mse(errors(), 2);
        assertEquals(List.of("max-norm: empirical", "max-norm: uniform assumption", "fitted-dnn: empirical",
                "fitted-dnn: uniform assumption"), names(chart));
        CategorySeries s = category(chart, "fitted-dnn: empirical");
        assertEquals(List.of("conv1_act", "conv2_act", "conv3_act"), List.copyOf(s.getXData()));
        assertArrayEquals(new double[] {220, 221, 222}, s.getYData(), 0.0);
        double[] uniform = category(chart, "max-norm: uniform assumption").getYData();
        assertEquals(120.25, uniform[0], 0.0);
        assertTrue(Double.isNaN(uniform[2]), "a NaN MSE leaves its bar out");
        assertTrue(chart.getTitle().contains("T = 2"), chart.getTitle());
        ChartAssertions.complete(chart);
    }

    @Test
    void theModelsToDrawCanBeChosen() {
        CategoryChart chart = ConversionErrorChart.mse(errors(), 1, ErrorModel.FITTED);
        assertEquals(List.of("max-norm: best fit", "fitted-dnn: best fit"), names(chart));
        assertArrayEquals(new double[] {110.5, 111.5, 112.5}, category(chart, "max-norm: best fit").getYData(), 0.0);
    }

    @Test
    void drawsTheErrorModelOfTheStatsPackageForOneStrategy() {
        NetworkDistribution network = Fixtures.network();
        NetworkFit fits = DistributionFitter.fit(network);
        Table table = ConversionError.table(network, fits, d -> new ConversionSetting(d.mu(), d.mu(), d.mu() / 2, 2));
        CategoryChart chart = ConversionErrorChart.mse(table, 2);
        assertEquals(List.of("empirical", "uniform assumption"), names(chart));
        assertArrayEquals(table.doubleColumn("uniform_mse").asDoubleArray(),
                category(chart, "uniform assumption").getYData(), 0.0);
        assertEquals(Fixtures.LAYERS, List.copyOf(category(chart, "empirical").getXData()));
        ChartAssertions.complete(chart);
    }

    @Test
    void drawsASweepsErrorTable() {
        NetworkDistribution network = Fixtures.network();
        CategoryChart chart = ConversionErrorChart.mse(Fixtures.sweep(), network, DistributionFitter.fit(network), 1);
        assertEquals(List.of("max-norm: empirical", "max-norm: uniform assumption", "half-shift: empirical",
                "half-shift: uniform assumption"), names(chart));
        assertEquals(2, category(chart, "half-shift: empirical").getYData().length);
    }

    @Test
    void aMissingColumnIsNamed() {
        Table t = errors().removeColumns("uniform_mse");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConversionErrorChart.mse(t, 1));
        assertTrue(e.getMessage().contains("'uniform_mse'") && e.getMessage().contains("empirical_mse"),
                e.getMessage());
    }

    @Test
    void aTimestepTheTableLacksIsNamedWithTheOnesItHas() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConversionErrorChart.mse(errors(), 4));
        assertTrue(e.getMessage().contains("T = 4") && e.getMessage().contains("[1, 2]"), e.getMessage());
    }
}
