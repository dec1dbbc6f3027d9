package org.ullsnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.LayerConversion;
import org.ullsnn.convert.SmallTrainedNet;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.Simulator;
import tech.tablesaw.api.Table;

class LayerAgreementTest {

    private static final float[] A = {0, 1, 2, 3};
    private static final float[] COUNTS = {0, 1, 1, 2};

    /** a = 0,1,2,3; T = 2, v = 2, counts 0,1,1,2 so y = 0,1,1,2: cov 3/4, var a 5/4, var y 2/4, r = 3/sqrt(10). */
    @Test
    void handComputedLayer() {
        var acc = new LayerAgreement.Accumulator(2);
        acc.add(A, COUNTS, 2.0);
        LayerAgreement.Layer l = acc.result("hand");

        assertEquals(4, l.pairs());
        assertEquals(3 / Math.sqrt(10), l.correlation(), 1e-12);
        assertEquals(4.0 / (4 * 2), l.firingRate(), 1e-12);
        assertEquals(0.25, l.alwaysFiring(), 1e-12, "only the last pair fires at both steps");
        assertEquals(1.5, l.meanDnn(), 1e-12);
        assertEquals(1.0, l.meanSnn(), 1e-12);
    }

    @Test
    void batchesMergeToTheOneShotResult() {
        var whole = new LayerAgreement.Accumulator(2);
        whole.add(A, COUNTS, 2.0);
        var split = new LayerAgreement.Accumulator(2);
        split.add(new float[] {0}, new float[] {0}, 2.0);
        split.add(new float[] {1, 2, 3}, new float[] {1, 1, 2}, 2.0);

        LayerAgreement.Layer w = whole.result("l");
        LayerAgreement.Layer s = split.result("l");
        assertEquals(w.correlation(), s.correlation(), 1e-12);
        assertEquals(w.firingRate(), s.firingRate(), 1e-12);
        assertEquals(w.alwaysFiring(), s.alwaysFiring(), 1e-12);
        assertEquals(w.meanDnn(), s.meanDnn(), 1e-12);
        assertEquals(w.meanSnn(), s.meanSnn(), 1e-12);
    }

    @Test
    void anSnnOutputEqualToTheDnnCorrelatesExactly() {
        int steps = 4;
        double v = 2.0;
        float[] counts = {0, 1, 2, 3, 4, 2, 1};
        float[] a = new float[counts.length];
        for (int k = 0; k < a.length; k++) {
            a[k] = (float) (v * counts[k] / steps); // the DNN activation is exactly the SNN output
        }
        var acc = new LayerAgreement.Accumulator(steps);
        acc.add(a, counts, v);
        LayerAgreement.Layer l = acc.result("same");
        assertEquals(1.0, l.correlation(), 1e-12);
        assertEquals(l.meanDnn(), l.meanSnn(), 1e-12);
    }

    @Test
    void aConstantSnnOutputHasNoCorrelation() {
        var silent = new LayerAgreement.Accumulator(3);
        silent.add(A, new float[4], 1.0);
        LayerAgreement.Layer s = silent.result("silent");
        assertTrue(Double.isNaN(s.correlation()), "a silent layer carries no signal: " + s.correlation());
        assertEquals(0.0, s.firingRate());
        assertEquals(0.0, s.alwaysFiring());

        var saturated = new LayerAgreement.Accumulator(3);
        saturated.add(A, new float[] {3, 3, 3, 3}, 1.0);
        LayerAgreement.Layer f = saturated.result("saturated");
        assertTrue(Double.isNaN(f.correlation()), "a layer that always fires carries no signal: " + f.correlation());
        assertEquals(1.0, f.firingRate());
        assertEquals(1.0, f.alwaysFiring());
        assertEquals(1.0, f.meanSnn(), 1e-12);
    }

    @Test
    void emptyAndMismatchedInputs() {
        LayerAgreement.Layer empty = new LayerAgreement.Accumulator(2).result("none");
        assertEquals(0, empty.pairs());
        assertTrue(Double.isNaN(empty.firingRate()) && Double.isNaN(empty.correlation()));
        var acc = new LayerAgreement.Accumulator(2);
        assertThrows(IllegalArgumentException.class, () -> acc.add(A, new float[] {1, 1}, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new LayerAgreement.Accumulator(0));
    }

    /**
     * On the small trained net: one row per spiking layer, firing rates equal to the simulator's own count on the
     * same images, and the SNN follows the DNN closely at T = 64 in every layer, more closely than at T = 1.
     */
    @Test
    void measuresAConvertedNetworkLikeTheSimulatorCounts() {
        ComputationGraph dnn = SmallTrainedNet.get();
        ConversionResult slow = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.trainedClip(), 64,
                SmallTrainedNet.calibrationImages()), ProgressListener.silent());
        ConversionResult fast = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.trainedClip(), 1,
                SmallTrainedNet.calibrationImages()), ProgressListener.silent());

        LayerAgreement many = LayerAgreement.measure(dnn, slow, SmallTrainedNet.testBatches(10));
        LayerAgreement one = LayerAgreement.measure(dnn, fast, SmallTrainedNet.testBatches(10));
        SimulationResult sim = Simulator.run(slow.snn(), SmallTrainedNet.testBatches(10), ProgressListener.silent());

        assertEquals(slow.layers().stream().map(LayerConversion::layer).toList(),
                many.layers().stream().map(LayerAgreement.Layer::layer).toList());
        assertEquals("trained-clip", many.strategy());
        assertEquals(64, many.timesteps());
        for (int i = 0; i < many.layers().size(); i++) {
            LayerAgreement.Layer l = many.layers().get(i);
            var counted = sim.spikesOf(l.layer());
            assertEquals(counted.neuronsPerSample() * counted.samples(), l.pairs(), l.layer());
            assertEquals(counted.firingRate(), l.firingRate(), 1e-9, l.layer());
            assertTrue(l.correlation() > 0.95, l.layer() + " at T = 64: r = " + l.correlation());
            assertTrue(l.correlation() > one.layers().get(i).correlation(),
                    l.layer() + ": r at T = 64 above r at T = 1 " + one.layers().get(i).correlation());
            assertTrue(l.alwaysFiring() >= 0 && l.alwaysFiring() <= l.firingRate() + 1e-12, l.layer());
        }
        Table table = many.table();
        assertEquals(List.of("strategy", "T", "index", "layer", "pairs", "correlation", "firing_rate",
                "always_firing", "mean_dnn", "mean_snn"), table.columnNames());
        assertEquals(many.layers().size(), table.rowCount());
    }
}
