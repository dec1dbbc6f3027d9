package org.ullsnn.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ullsnn.plot.ChartAssertions.names;
import static org.ullsnn.plot.ChartAssertions.xy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.ullsnn.experiment.FineTuneRun;
import org.ullsnn.experiment.MetricsTable;
import org.ullsnn.nn.train.EpochMetrics;
import org.ullsnn.snn.FineTuning;
import tech.tablesaw.api.Table;

class TrainingChartsTest {

    private static final double PERCENT = 1e-9;

    private static List<EpochMetrics> history(double... accuracy) {
        List<EpochMetrics> h = new java.util.ArrayList<>();
        for (int i = 0; i < accuracy.length; i++) {
            h.add(new EpochMetrics(i + 1, 0.01, 2.0 - 0.5 * i, accuracy[i], 1000, 10, 100, 1, -1));
        }
        return h;
    }

    @Test
    void accuracyAndLossOfOneRunPerEpoch() {
        Table metrics = MetricsTable.of(history(0.3, 0.5, 0.6));
        XYChart acc = TrainingCharts.accuracy(metrics);
        assertEquals(List.of(TrainingCharts.SINGLE_RUN), names(acc));
        assertArrayEquals(new double[] {1, 2, 3}, xy(acc, TrainingCharts.SINGLE_RUN).getXData(), 0.0);
        assertArrayEquals(new double[] {30, 50, 60}, xy(acc, TrainingCharts.SINGLE_RUN).getYData(), PERCENT);
        ChartAssertions.complete(acc);
        XYChart loss = TrainingCharts.loss(metrics);
        assertArrayEquals(new double[] {2.0, 1.5, 1.0}, xy(loss, "train loss").getYData(), PERCENT);
        ChartAssertions.complete(loss);
    }

    @Test
    void severalRunsSideBySide() {
        Map<String, Table> runs = new LinkedHashMap<>();
        runs.put("vgg16 clip", MetricsTable.of(history(0.3, 0.5, 0.6, 0.7)));
        runs.put("vgg16 relu", MetricsTable.of(history(0.2, 0.4)));
        XYChart chart = TrainingCharts.accuracy(runs);
        assertEquals(List.of("vgg16 clip", "vgg16 relu"), names(chart));
        assertEquals(4, xy(chart, "vgg16 clip").getXData().length);
        assertEquals(2, xy(chart, "vgg16 relu").getXData().length);
    }

    @Test
    void fineTuningStartsAtEpochZeroWithTheConvertedAccuracy() {
        FineTuneRun.Result run = new FineTuneRun.Result(null, null, 0.25, history(0.5, 0.6), List.of());
        XYChart chart = TrainingCharts.fineTuning(run);
        assertEquals(List.of("SNN test accuracy", "before fine-tuning"), names(chart));
        assertArrayEquals(new double[] {0, 1, 2}, xy(chart, "SNN test accuracy").getXData(), 0.0);
        assertArrayEquals(new double[] {25, 50, 60}, xy(chart, "SNN test accuracy").getYData(), PERCENT);
        assertArrayEquals(new double[] {25, 25}, xy(chart, "before fine-tuning").getYData(), PERCENT);
        ChartAssertions.complete(chart);
    }

    @Test
    void thresholdDriftHasOneLinePerLayer() {
        Table drift = FineTuning.driftTable(List.of(new FineTuning.NeuronState(0, "if1", 1.0, 1.0),
                new FineTuning.NeuronState(0, "if2", 2.0, 1.0), new FineTuning.NeuronState(1, "if1", 0.9, 0.98),
                new FineTuning.NeuronState(1, "if2", 2.1, 0.97)));
        XYChart chart = TrainingCharts.thresholdDrift(drift);
        assertEquals(List.of("if1", "if2"), names(chart));
        assertArrayEquals(new double[] {2.0, 2.1}, xy(chart, "if2").getYData(), 0.0);
        assertArrayEquals(new double[] {1.0, 0.98}, xy(TrainingCharts.leakDrift(drift), "if1").getYData(), 0.0);
        ChartAssertions.complete(chart);
    }

    @Test
    void aMetricsTableWithoutTheColumnIsNamed() {
        Table metrics = MetricsTable.of(history(0.3)).removeColumns("test_accuracy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCharts.accuracy(metrics));
        assertTrue(e.getMessage().contains("'test_accuracy'"), e.getMessage());
    }
}
