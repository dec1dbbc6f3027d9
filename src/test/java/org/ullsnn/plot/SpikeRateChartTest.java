package org.ullsnn.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ullsnn.plot.ChartAssertions.category;
import static org.ullsnn.plot.ChartAssertions.names;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.ullsnn.experiment.ConversionSweep;
import org.ullsnn.snn.SimulationResult;

class SpikeRateChartTest {

    private static final double EXACT = 1e-12;

    @Test
    void aSweepGivesOneBarPerStrategyAndLayer() {
        CategoryChart chart = SpikeRateChart.perLayer(Fixtures.sweep(), 2);
        assertEquals(List.of("max-norm", "half-shift"), names(chart));
        // the fixture fires 100 (l + 1) spikes per step (+ 50 for half-shift) from 100 neurons x 10 images
        assertArrayEquals(new double[] {0.1, 0.2}, category(chart, "max-norm").getYData(), EXACT);
        assertArrayEquals(new double[] {0.15, 0.25}, category(chart, "half-shift").getYData(), EXACT);
        assertEquals(Fixtures.LAYERS, List.copyOf(category(chart, "half-shift").getXData()));
        ChartAssertions.complete(chart);
    }

    @Test
    void namedSimulationsGiveOneSeriesEach() {
        ConversionSweep.Result sweep = Fixtures.sweep();
        Map<String, SimulationResult> sims = new LinkedHashMap<>();
        sims.put("before fine-tuning", sweep.cells().get(2).simulation());
        sims.put("after fine-tuning", sweep.cells().get(3).simulation());
        CategoryChart chart = SpikeRateChart.perLayer(sims);
        assertEquals(List.of("before fine-tuning", "after fine-tuning"), names(chart));
        assertEquals(2, category(chart, "after fine-tuning").getYData().length);
        assertTrue(chart.getTitle().contains("T = 2"), chart.getTitle());
        ChartAssertions.complete(chart);
    }

    @Test
    void aMissingColumnIsNamed() {
        var table = Fixtures.sweep().spikeTable().removeColumns("firing_rate");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeRateChart.perLayer(table, 1));
        assertTrue(e.getMessage().contains("'firing_rate'"), e.getMessage());
    }
}
