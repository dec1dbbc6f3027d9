package org.ullsnn.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.Simulator;

/** A narrow, untrained ResNet-20 converted with theta = mu: the 1x1 shortcuts read their block's input spikes. */
class ResidualActivityTest {

    @Test
    void aShortcutReadsTheSpikesOfItsBlockInputLikeTheBlocksFirstConv() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.RESNET20, 10).withWidth(0.0625).withConvDropout(0)
                .withInitialMu(0.5);
        ComputationGraph dnn = Networks.build(spec, new NoOp(), 0, 5);
        Nd4j.getRandom().setSeed(9);
        INDArray images = Nd4j.randn(DataType.FLOAT, 6, 3, 32, 32);
        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.trainedClip(), 2, images),
                ProgressListener.silent());
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 6, 10);
        labels.getColumn(0).assign(1);
        SimulationResult sim = Simulator.run(c.snn(), new ListDataSetIterator<>(List.of(new DataSet(images, labels)), 6),
                ProgressListener.silent());
        EnergyModel model = EnergyModel.of(dnn, images);
        SpikeActivity a = SpikeActivity.measure(model, c.snn(), sim);

        Map<String, String> vertexInputs = Map.of("s2b1_short", "s1b2_act2", "s3b1_short", "s2b2_act2",
                "s4b1_short", "s3b2_act2");
        vertexInputs.forEach((shortcut, blockInput) -> {
            InputSpikes s = a.input(shortcut);
            assertEquals(blockInput, s.source(), shortcut);
            InputSpikes conv1 = a.input(shortcut.replace("_short", "_conv1"));
            assertEquals(conv1.source(), s.source(), shortcut);
            assertEquals(conv1.rate(), s.rate(), 1e-12, shortcut);
            assertEquals(sim.spikesOf(blockInput).spikesPerNeuron(), s.rate(), 1e-12, shortcut);
        });
        assertEquals("pool1", a.input("s1b1_conv1").source());
        EnergyReport r = model.report(a, Preset.FP32.costs(), EnergyConventions.defaults().withFanOut(FanOut.EXACT));
        assertEquals(model.layers().size() + model.scales().size(), r.layers().size(), "one row per weight layer "
                + "and per identity shortcut's scale");
        assertEquals(5, model.scales().size(), "stage 1's two blocks and the second block of stages 2-4");
        assertTrue(r.ratio() <= model.ceiling() + 1e-9, r.summary());
    }
}
