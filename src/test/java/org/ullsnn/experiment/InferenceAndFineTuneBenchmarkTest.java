package org.ullsnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.progress.ProgressListener;
import tech.tablesaw.api.Table;

class InferenceAndFineTuneBenchmarkTest {

    private static ComputationGraph tiny() {
        TrainConfig t = TrainConfig.defaults();
        return Networks.build(NetworkSpec.defaults(Architecture.TINY, 10), t.updater(), t.l2(), 1);
    }

    @Test
    void snnBenchmarkMeasuresTheDnnAndEachT() {
        Table t = new SnnBenchmark(List.of(1, 2), 4, 0, 1, 1).run(tiny(), ProgressListener.silent());
        assertEquals(List.of("dnn", "snn", "snn"), t.stringColumn("model").asList());
        assertEquals(List.of(0, 1, 2), t.intColumn("T").asList());
        assertEquals(1.0, t.doubleColumn("vs_dnn").getDouble(0), 0);
        assertTrue(t.doubleColumn("img_per_s").min() > 0);
        double dnn = t.doubleColumn("img_per_s").getDouble(0);
        double snn2 = t.doubleColumn("img_per_s").getDouble(2);
        assertEquals(dnn / (2 * snn2), t.doubleColumn("time_vs_T_dnn").getDouble(2), 1e-9);
        assertEquals(2 * snn2 / dnn * t.doubleColumn("gflop_per_s").getDouble(0),
                t.doubleColumn("gflop_per_s").getDouble(2), 1e-9, "an SNN step does the DNN's synaptic ops");
    }

    @Test
    void fineTuneBenchmarkComparesSnnAndDnnTraining() {
        Table t = new FineTuneBenchmark(2, 4, 0, 1, 1, ThresholdStrategy.trainedClip()).run(tiny(),
                ProgressListener.silent());
        assertEquals(List.of("snn", "dnn"), t.stringColumn("model").asList());
        assertEquals("trained-clip", t.stringColumn("strategy").get(0));
        double ratio = t.doubleColumn("train_img_per_s").getDouble(0) / t.doubleColumn("train_img_per_s").getDouble(1);
        assertEquals(ratio, t.doubleColumn("snn_over_dnn").getDouble(0), 1e-9);
        assertTrue(t.longColumn("peak_rss_mb_after").getLong(0) > 0);
    }

    @Test
    void fineTuneBenchmarkTrainsTheSnnOfTheStrategyItIsGiven() {
        Table t = new FineTuneBenchmark(2, 4, 0, 1, 1, ThresholdStrategy.recommended()).run(tiny(),
                ProgressListener.silent());
        assertEquals("recommended", t.stringColumn("strategy").get(0));
        assertTrue(t.doubleColumn("train_img_per_s").getDouble(0) > 0);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SnnBenchmark(List.of(), 4, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new FineTuneBenchmark(0, 4, 0, 1, 1,
                ThresholdStrategy.trainedClip()));
    }
}
