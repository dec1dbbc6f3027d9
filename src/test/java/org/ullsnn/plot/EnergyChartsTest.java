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
import org.ullsnn.energy.EnergyConventions;
import org.ullsnn.energy.EnergyCosts;
import org.ullsnn.energy.EnergyReport;
import org.ullsnn.energy.LayerEnergy;
import org.ullsnn.energy.LayerKind;
import org.ullsnn.energy.Preset;

class EnergyChartsTest {

    private static final double EXACT = 1e-9;
    private static final long[] MACS = {1_000_000, 4_000_000, 10_000};
    private static final double RATE = 0.1;

    /** conv1 reads the image (MACs once), conv2 and fc read spikes at rate 0.1: SOPs = 0.1 MACs. */
    private static EnergyReport report(EnergyCosts costs) {
        double e = costs.macPj();
        double a = costs.acPj();
        return new EnergyReport(costs, EnergyConventions.defaults(), 2, 100, 5000, List.of(
                new LayerEnergy("conv1", LayerKind.CONV, true, MACS[0], Double.NaN, 0, MACS[0], 0, 0, MACS[0] * e,
                        MACS[0] * e),
                new LayerEnergy("conv2", LayerKind.CONV, false, MACS[1], RATE, RATE * MACS[1], 0, 0, 0, MACS[1] * e,
                        RATE * MACS[1] * a),
                new LayerEnergy("fc", LayerKind.OUTPUT, false, MACS[2], RATE, RATE * MACS[2], 0, 0, 0, MACS[2] * e,
                        RATE * MACS[2] * a)));
    }

    @Test
    void perLayerBarsInNanojoulesWithThePresetAndConventionsInTheTitle() {
        EnergyReport r = report(Preset.FP32.costs());
        CategoryChart chart = EnergyCharts.perLayer(r);
        assertEquals(List.of(EnergyCharts.DNN, EnergyCharts.SNN), names(chart));
        assertEquals(List.of("conv1", "conv2", "fc"), List.copyOf(category(chart, EnergyCharts.SNN).getXData()));
        assertArrayEquals(new double[] {4600, 18400, 46}, category(chart, EnergyCharts.DNN).getYData(), EXACT);
        assertArrayEquals(new double[] {4600, 360, 0.9}, category(chart, EnergyCharts.SNN).getYData(), EXACT);
        assertTrue(chart.getTitle().contains("FP32") && chart.getTitle().contains("T = 2")
                && chart.getTitle().contains("first layer once") && chart.getTitle().contains("fan-out uniform"),
                chart.getTitle());
        ChartAssertions.complete(chart);
    }

    @Test
    void theLongTableOfOnePresetGivesTheSameBars() {
        List<EnergyReport> reports = Preset.allCosts().stream().map(EnergyChartsTest::report).toList();
        CategoryChart fromTable = EnergyCharts.perLayer(EnergyReport.longTable(reports), "INT8");
        CategoryChart fromReport = EnergyCharts.perLayer(reports.get(3));
        assertArrayEquals(category(fromReport, EnergyCharts.SNN).getYData(),
                category(fromTable, EnergyCharts.SNN).getYData(), EXACT);
        assertTrue(fromTable.getTitle().contains("INT8") && fromTable.getTitle().contains("T = 2"),
                fromTable.getTitle());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnergyCharts.perLayer(EnergyReport.longTable(reports), "FP64"));
        assertTrue(e.getMessage().contains("FP64") && e.getMessage().contains("FP32"), e.getMessage());
    }

    @Test
    void perPresetTotalsWithTheRatioInEachLabel() {
        List<EnergyReport> reports = Preset.allCosts().stream().map(EnergyChartsTest::report).toList();
        CategoryChart chart = EnergyCharts.perPreset(reports);
        assertEquals(List.of(EnergyCharts.DNN, EnergyCharts.SNN), names(chart));
        List<?> labels = List.copyOf(category(chart, EnergyCharts.DNN).getXData());
        assertEquals(4, labels.size());
        assertTrue(labels.get(0).toString().startsWith("FP32 (") && labels.get(0).toString().endsWith("x)"),
                labels.toString());
        assertEquals(reports.get(0).dnnPj() / 1e6, category(chart, EnergyCharts.DNN).getYData()[0], EXACT);
        assertEquals(reports.get(3).snnPj() / 1e6, category(chart, EnergyCharts.SNN).getYData()[3], EXACT);
        assertTrue(chart.getTitle().contains("ceiling"), chart.getTitle());
        ChartAssertions.complete(chart);
    }

    @Test
    void presetsOfDifferentConventionsAreNotCompared() {
        EnergyReport a = report(Preset.FP32.costs());
        EnergyReport b = new EnergyReport(Preset.INT8.costs(), EnergyConventions.defaults().withNeuronPj(0.1),
                a.timesteps(), a.samples(), a.neuronsPerImage(), a.layers());
        assertThrows(IllegalArgumentException.class, () -> EnergyCharts.perPreset(List.of(a, b)));
    }

    @Test
    void aMissingColumnIsNamed() {
        var table = EnergyReport.longTable(List.of(report(Preset.FP32.costs()))).removeColumns("snn_nJ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnergyCharts.perLayer(table, "FP32"));
        assertTrue(e.getMessage().contains("'snn_nJ'"), e.getMessage());
    }
}
