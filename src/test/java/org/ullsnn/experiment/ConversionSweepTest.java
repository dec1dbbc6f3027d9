package org.ullsnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.SmallTrainedNet;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.nn.train.Accuracy;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.stats.CaptureConfig;
import org.ullsnn.stats.DistributionCapture;
import org.ullsnn.stats.NetworkDistribution;
import tech.tablesaw.api.Table;

class ConversionSweepTest {

    @Test
    void sweepsStrategiesByTAndSimulatesTIndependentOnesOnce() {
        ComputationGraph dnn = SmallTrainedNet.get();
        NetworkDistribution d = DistributionCapture.run(dnn, SmallTrainedNet.calibrationImages(), CaptureConfig.defaults());
        double dnnAcc = Accuracy.of(dnn, SmallTrainedNet.testBatches(32), "dnn", ProgressListener.silent());
        ConvertConfig base = ConvertConfig.of(ThresholdStrategy.maxNorm(), 1, SmallTrainedNet.calibrationImages())
                .withSnnPairs(2000);
        ConversionSweep.Result r = ConversionSweep.run(dnn, d, base,
                List.of(ThresholdStrategy.trainedClip(), ThresholdStrategy.fittedDnn()), List.of(4, 1, 2),
                () -> SmallTrainedNet.testBatches(32), dnnAcc, ProgressListener.silent());

        assertEquals(6, r.cells().size());
        var clip = r.cells().stream().filter(c -> c.strategy().equals("trained-clip")).toList();
        assertTrue(clip.stream().allMatch(c -> c.conversion() == clip.get(0).conversion()), "one conversion at T_max");
        assertEquals(4, clip.get(0).conversion().timesteps());
        var fitted = r.cells().stream().filter(c -> c.strategy().equals("fitted-dnn")).toList();
        assertEquals(List.of(1, 2, 4), fitted.stream().map(c -> c.conversion().timesteps()).toList());

        Table accuracy = r.accuracyTable();
        for (int i = 0; i < accuracy.rowCount(); i++) {
            double a = accuracy.doubleColumn("accuracy").getDouble(i);
            double low = accuracy.doubleColumn("accuracy_low").getDouble(i);
            double high = accuracy.doubleColumn("accuracy_high").getDouble(i);
            assertTrue(low <= a && a <= high && high - low > 0, "the 95 % interval holds the accuracy: " + a);
        }

        Table pivot = r.pivot();
        assertEquals(List.of("strategy", "T=1", "T=2", "T=4"), pivot.columnNames());
        assertEquals("DNN", pivot.stringColumn("strategy").get(2));
        assertEquals(100 * dnnAcc, pivot.doubleColumn("T=4").getDouble(2), 1e-9);
        Table withIntervals = r.pivotWithIntervals();
        assertEquals(pivot.columnNames(), withIntervals.columnNames());
        long n = r.cells().get(0).simulation().samples();
        for (int row = 0; row < pivot.rowCount(); row++) {
            for (String col : List.of("T=1", "T=2", "T=4")) {
                double a = pivot.doubleColumn(col).getDouble(row) / 100;
                var ci = org.ullsnn.stats.ProportionInterval.ofAccuracy(a, n);
                assertEquals(String.format(java.util.Locale.ROOT, "%.2f [%.2f, %.2f]", 100 * a, 100 * ci.low(),
                        100 * ci.high()), withIntervals.stringColumn(col).get(row));
            }
        }
        assertEquals(6 * 3, r.spikeTable().rowCount(), "3 spiking layers per cell");
        assertEquals(6 * 3, r.thresholdTable().rowCount());
        Table errors = r.errorTable(d, org.ullsnn.stats.DistributionFitter.fit(d));
        assertEquals(6 * 3, errors.rowCount());
        assertEquals("strategy", errors.columnNames().get(0));
        for (int i = 0; i < errors.rowCount(); i++) {
            assertTrue(errors.doubleColumn("empirical_mse").getDouble(i) >= 0);
            assertTrue(errors.doubleColumn("uniform_mse").getDouble(i) >= 0);
        }
        assertTrue(dnnAcc > 0.9, "the small net is trained: " + dnnAcc);
        double fittedAt4 = fitted.get(2).simulation().finalAccuracy();
        assertTrue(fittedAt4 > 0.5, "fitted SNN at T = 4 works on the easy synthetic task: " + fittedAt4);
    }

    @Test
    void anSnnIdenticalToOneAlreadySimulatedReusesItsSimulation() {
        ComputationGraph dnn = SmallTrainedNet.get();
        NetworkDistribution d = DistributionCapture.run(dnn, SmallTrainedNet.calibrationImages(), CaptureConfig.defaults());
        // a lambda strategy that picks exactly the trained clip's thresholds, and one that does not
        ThresholdStrategy sameAsClip = ThresholdStrategy.named("same as clip",
                (stats, t) -> org.ullsnn.convert.LayerThreshold.of(stats.mu()));
        ThresholdStrategy higher = ThresholdStrategy.named("higher",
                (stats, t) -> org.ullsnn.convert.LayerThreshold.of(1.1 * stats.mu()));
        ConversionSweep.Result r = ConversionSweep.run(dnn, d, ConvertConfig.of(ThresholdStrategy.trainedClip(), 1,
                SmallTrainedNet.calibrationImages()), List.of(ThresholdStrategy.trainedClip(), sameAsClip, higher),
                List.of(2), () -> SmallTrainedNet.testBatches(32), 0.9, ProgressListener.silent());
        assertEquals(3, r.cells().size());
        var clip = r.cells().get(0);
        var same = r.cells().get(1);
        var other = r.cells().get(2);
        assertEquals(clip.conversion().snn().fingerprint(), same.conversion().snn().fingerprint());
        assertTrue(clip.simulation() == same.simulation(), "the identical SNN was not simulated again");
        assertTrue(clip.conversion() != same.conversion(), "each cell keeps its own conversion");
        assertTrue(!clip.conversion().snn().fingerprint().equals(other.conversion().snn().fingerprint()));
        assertTrue(clip.simulation() != other.simulation());
        var again = ConversionSweep.run(dnn, d, ConvertConfig.of(higher, 1, SmallTrainedNet.calibrationImages()),
                List.of(higher), List.of(2), () -> SmallTrainedNet.testBatches(32), 0.9, ProgressListener.silent());
        assertEquals(other.simulation().finalAccuracy(), again.cells().get(0).simulation().finalAccuracy());
        assertTrue(other.simulation().spikesPerSample() != clip.simulation().spikesPerSample(),
                "a different threshold changes the spikes");
    }

    @Test
    void aCellThatCannotBeConvertedIsReportedAndTheSweepGoesOn() {
        ComputationGraph dnn = SmallTrainedNet.get();
        NetworkDistribution d = DistributionCapture.run(dnn, SmallTrainedNet.calibrationImages(), CaptureConfig.defaults());
        ThresholdStrategy failsAtT1 = ThresholdStrategy.named("picky", (stats, t) -> {
            if (t == 1) {
                throw new IllegalArgumentException("layer " + stats.layer() + " never fires");
            }
            return org.ullsnn.convert.LayerThreshold.of(stats.mu());
        });
        ConversionSweep.Result r = ConversionSweep.run(dnn, d, ConvertConfig.of(failsAtT1, 1,
                SmallTrainedNet.calibrationImages()), List.of(failsAtT1), List.of(1, 2),
                () -> SmallTrainedNet.testBatches(32), 0.9, ProgressListener.silent());
        assertEquals(1, r.cells().size());
        assertEquals(1, r.failures().size());
        assertTrue(r.failures().get(0).reason().contains("conv1_act"), r.failures().get(0).reason());
        assertTrue(Double.isNaN(r.pivot().doubleColumn("T=1").getDouble(0)));
        assertEquals("failed", r.pivotWithIntervals().stringColumn("T=1").get(0));
        assertEquals(1, r.failureTable().rowCount());
    }
}
