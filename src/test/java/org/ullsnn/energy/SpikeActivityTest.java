package org.ullsnn.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.SmallTrainedNet;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.LayerSpikes;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.Simulator;
import org.ullsnn.snn.SpikingNetwork;

/** Spike activity measured on the small trained net (TINY on 3x8x8) converted at T = 2. */
class SpikeActivityTest {

    private static final int T = 2;
    private static final double EPS = 1e-9;

    private static ComputationGraph dnn;
    private static SpikingNetwork snn;
    private static SimulationResult simulation;
    private static EnergyModel model;

    @BeforeAll
    static void convertAndSimulate() {
        dnn = SmallTrainedNet.get();
        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.trainedClip(), T,
                SmallTrainedNet.calibrationImages()), ProgressListener.silent());
        snn = c.snn();
        simulation = Simulator.run(snn, SmallTrainedNet.testBatches(16), ProgressListener.silent());
        model = EnergyModel.of(dnn, SmallTrainedNet.calibrationImages());
    }

    @Test
    void eachLayerReadsTheSpikeTensorItsSnnVertexReads() {
        SpikeActivity a = SpikeActivity.measure(model, snn, simulation);
        assertEquals(List.of("conv2", "fc1", "output"), a.inputs().stream().map(InputSpikes::layer).toList());
        assertEquals(List.of("pool1", "pool2", "fc1_act"), a.inputs().stream().map(InputSpikes::source).toList());
        for (InputSpikes in : a.inputs()) {
            LayerSpikes s = simulation.spikesOf(in.source());
            assertEquals(s.spikesPerNeuron(), in.rate(), EPS, in.layer());
            assertEquals(s.spikesPerSample(), in.spikesPerImage(), EPS, in.layer());
            assertEquals(model.layer(in.layer()).inputElements(), s.neuronsPerSample(), in.layer());
        }
        assertEquals(T, a.timesteps());
        assertEquals(simulation.samples(), a.samples());
        assertEquals(8 * 8 * 8 + 16 * 4 * 4 + 32, a.neuronsPerImage());
        assertTrue(a.input("conv2").spikesPerImage() > 0, "the trained net spikes");
    }

    @Test
    void theSnnGraphCountsTheSameOperationsAsItsDnn() {
        EnergyModel fromSnn = EnergyModel.of(snn.graph(), InputType.convolutional(8, 8, 3));
        assertEquals(model.layers().size(), fromSnn.layers().size());
        for (int i = 0; i < model.layers().size(); i++) {
            WeightLayer d = model.layers().get(i);
            WeightLayer s = fromSnn.layers().get(i);
            assertEquals(d.name(), s.name());
            assertEquals(d.kind(), s.kind(), d.name());
            assertEquals(d.macs(), s.macs(), d.name());
            assertEquals(d.geometry(), s.geometry(), d.name());
            assertEquals(d.readsInput(), s.readsInput(), d.name());
        }
    }

    @Test
    void exactFanOutMatchesUniformOnDenseLayersAndCountsLessOnThePaddedConv() {
        SpikeActivity a = SpikeActivity.measure(model, snn, simulation);
        for (String dense : List.of("fc1", "output")) {
            InputSpikes in = a.input(dense);
            assertEquals(in.rate() * model.layer(dense).macs(), in.exactSops(), 1e-6 * (1 + in.exactSops()), dense);
        }
        InputSpikes conv2 = a.input("conv2");
        assertTrue(conv2.exactSops() < conv2.rate() * model.layer("conv2").macs(),
                "a 3x3 pad-1 conv reaches fewer taps from its border: " + conv2.exactSops());
        EnergyReport exact = model.report(a, Preset.FP32.costs(), EnergyConventions.defaults().withFanOut(FanOut.EXACT));
        EnergyReport uniform = model.report(a, Preset.FP32.costs(), EnergyConventions.defaults());
        assertTrue(exact.snnPj() < uniform.snnPj());
        assertTrue(exact.summary().contains("fan-out exact (each input position's true fan-out)"), exact.summary());
    }

    @Test
    void aReportFromTheSimulationPricesTheMeasuredRates() {
        EnergyReport r = model.report(snn, simulation, Preset.FP32.costs(), EnergyConventions.defaults());
        double expectedSnn = model.firstLayerMacs() * 4.6;
        for (InputSpikes in : SpikeActivity.measure(model, snn, simulation).inputs()) {
            expectedSnn += in.rate() * model.layer(in.layer()).macs() * 0.9;
        }
        assertEquals(expectedSnn, r.snnPj(), 1e-6 * expectedSnn);
        assertEquals(model.totalMacs() * 4.6, r.dnnPj(), 1e-6);
        assertTrue(r.summary().contains(String.format(java.util.Locale.ROOT, "measured on %,d images",
                simulation.samples())), r.summary());
    }

    @Test
    void aSimulationCutToFewerStepsKeepsUniformRatesButNotExactFanOut() {
        SimulationResult first = simulation.firstSteps(1);
        SpikeActivity a = SpikeActivity.measure(model, snn, first);
        assertEquals(1, a.timesteps());
        assertEquals(first.spikesOf("pool1").spikesPerNeuron(), a.input("conv2").rate(), EPS);
        assertTrue(!a.input("conv2").hasExactSops());
        assertThrows(IllegalArgumentException.class, () -> model.report(a, Preset.FP32.costs(),
                EnergyConventions.defaults().withFanOut(FanOut.EXACT)));
    }

    @Test
    void aModelOfAnotherNetworkIsRefusedByLayerName() {
        EnergyModel other = new EnergyModel(List.of(WeightLayer.dense("fc9", LayerKind.OUTPUT, "input", true, 4, 2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeActivity.measure(other, snn, simulation));
        assertTrue(e.getMessage().contains("'fc9'"), e.getMessage());
    }
}
