package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ullsnn.nn.Graphs;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.IFNeuron;
import org.ullsnn.snn.SpikingNetwork;

/** A converted SNN saved in half precision comes back as FLOAT: every parameter rounded to FP16, nothing else changed. */
class HalfPrecisionSnnTest {

    @Test
    void roundTripRoundsEveryParameterToHalfAndKeepsTheSpikingLayers(@TempDir Path dir) throws Exception {
        SpikingNetwork snn = Converter.convert(SmallTrainedNet.get(), ConvertConfig.of(ThresholdStrategy.recommended(), 2,
                SmallTrainedNet.calibrationImages()), ProgressListener.silent()).snn();
        Path full = dir.resolve("full.zip");
        Path half = dir.resolve("half.zip");
        Graphs.saveWithoutUpdater(snn.graph(), full);
        Graphs.saveHalfPrecision(snn.graph(), half);

        ComputationGraph back = Graphs.load(half);
        assertEquals(DataType.FLOAT, back.params().dataType());
        INDArray expected = snn.graph().params().castTo(DataType.HALF).castTo(DataType.FLOAT);
        assertArrayEquals(expected.toFloatVector(), back.params().toFloatVector(), "each parameter is its FP16 rounding");
        assertNotEquals(snn.graph().params(), back.params(), "the rounding is real on a trained net");
        long halfBytes = coefficientBytes(half);
        long fullBytes = coefficientBytes(full);
        assertTrue(halfBytes < 0.6 * fullBytes, halfBytes + " vs " + fullBytes + " bytes of parameters");

        SpikingNetwork reloaded = SpikingNetwork.of(back);
        assertEquals(snn.spikingLayers(), reloaded.spikingLayers());
        String layer = snn.spikingLayers().get(0).name();
        IFNeuron before = snn.neuron(layer);
        IFNeuron after = reloaded.neuron(layer);
        assertEquals(before.theta(), after.theta(), 1e-3 * before.theta(), "theta to FP16 precision");
        INDArray x = SmallTrainedNet.calibrationImages();
        INDArray a = snn.graph().outputSingle(false, x);
        INDArray b = back.outputSingle(false, x);
        assertEquals(DataType.FLOAT, b.dataType());
        int[] pa = a.argMax(1).toIntVector();
        int[] pb = b.argMax(1).toIntVector();
        int same = 0;
        for (int i = 0; i < pa.length; i++) {
            same += pa[i] == pb[i] ? 1 : 0;
        }
        assertTrue(same >= 0.9 * pa.length, "the SNN's predictions mostly survive the rounding: " + same + " of " + pa.length);
    }

    /** Uncompressed size of the parameter entry that ModelSerializer writes. */
    private static long coefficientBytes(Path zip) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.getEntry("coefficients.bin").getSize();
        }
    }
}
