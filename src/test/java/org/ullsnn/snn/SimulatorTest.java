package org.ullsnn.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.ullsnn.progress.ProgressListener;

class SimulatorTest {

    private static final int STEPS = 4;

    /**
     * in (2 values) -> identity dense (the current) -> repeat -> IF(theta = 1) -> dense to 2 logits -> sum.
     * Output weights: logit 0 = spike of neuron 0, logit 1 = 0.5 * spike of neuron 1.
     */
    private static SpikingNetwork handMade() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(2))
                .addLayer("w1", new DenseLayer.Builder().nOut(2).hasBias(false).activation(Activation.IDENTITY).build(), "in")
                .addLayer("rep", new TimeRepeatLayer(STEPS), "w1")
                .addLayer("if1", new IFNeuronLayer.Builder().timesteps(STEPS).theta(1).build(), "rep")
                .addLayer("out", new DenseLayer.Builder().nOut(2).hasBias(false).activation(Activation.IDENTITY).build(), "if1")
                .addLayer("sum", new TimeSumLayer(STEPS), "out")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2L).nOut(2L).activation(Activation.SOFTMAX)
                        .build(), "sum")
                .setOutputs("loss").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        g.getLayer("w1").setParam("W", Nd4j.eye(2).castTo(DataType.FLOAT));
        g.getLayer("out").setParam("W", Nd4j.createFromArray(new float[][] {{1, 0}, {0, 0.5f}}));
        return SpikingNetwork.of(g);
    }

    /** Image 0 drives neuron 0 at 0.3 (spikes at t = 4 only) and neuron 1 at 0.9 (t = 2, 3, 4): label 0. */
    private static List<DataSet> data() {
        INDArray x = Nd4j.createFromArray(new float[][] {{0.3f, 0.9f}, {0.0f, 0.6f}});
        INDArray y = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}});
        return List.of(new DataSet(x.getRow(0, true), y.getRow(0, true)), new DataSet(x.getRow(1, true), y.getRow(1, true)));
    }

    @Test
    void accuracyFollowsTheRunningOutputSumStepByStep() {
        SimulationResult r = Simulator.run(handMade(), new ListDataSetIterator<>(data(), 2), ProgressListener.silent());
        // image 0 - logits after t: t1 (0, 0) -> argmax 0 (ties go to the first) correct; t2 (0, .5) wrong;
        // t3 (0, 1) wrong; t4 (1, 1.5) wrong.  image 1 (0, 0.6): neuron 1 spikes at t2, t4 -> t1 (0,0) wrong
        // (argmax 0), t2 (0,.5) right, t3 right, t4 (0, 1) right.
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, r.toTable().doubleColumn("accuracy").asDoubleArray(), 0);
        assertEquals(2, r.samples());
        LayerSpikes s = r.layers().get(0);
        assertEquals("if1", s.layer());
        assertEquals(2, s.neuronsPerSample());
        assertArrayEquals(new long[] {0, 2, 1, 3}, s.spikesPerStep());
        assertArrayEquals(new long[] {1, 5}, s.perNeuron(), "neuron 0 fires once (image 0), neuron 1 3 + 2 times");
        assertEquals(3.0, s.spikesPerSample(), 0);
        assertEquals(6.0 / (2 * 2 * 4), s.firingRate(), 1e-12);
        SimulationResult two = r.firstSteps(2);
        assertEquals(2, two.timesteps());
        assertArrayEquals(new long[] {0, 2}, two.layers().get(0).spikesPerStep());
    }

    @Test
    void tracesReplayTheRecordedCurrentWithTheLayersDynamics() {
        SimulationResult r = Simulator.run(handMade(), new ListDataSetIterator<>(data(), 1),
                List.of(new TraceRequest("if1", 0, 1), new TraceRequest("if1", 1, 1)), ProgressListener.silent());
        assertEquals(2, r.traces().size());
        NeuronDynamics.Trace t = r.traces().get(0).trace();
        assertArrayEquals(new double[] {0.9, 0.9, 0.9, 0.9}, t.current(), 1e-6);
        assertArrayEquals(new int[] {0, 1, 1, 1}, t.spikes());
        assertArrayEquals(new double[] {0.9, 1.8, 1.7, 1.6}, t.beforeReset(), 1e-5);
        assertArrayEquals(new int[] {0, 1, 0, 1}, r.traces().get(1).trace().spikes());
        assertEquals(2 * 4, r.traceTable().rowCount());
    }

    @Test
    void unknownTraceLayersAndEmptyDataAreRefused() {
        SpikingNetwork snn = handMade();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Simulator.run(snn,
                new ListDataSetIterator<>(data(), 2), List.of(new TraceRequest("out", 0, 0)), ProgressListener.silent()));
        assertTrue(e.getMessage().contains("if1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Simulator.run(snn,
                new ListDataSetIterator<>(List.of(), 2), ProgressListener.silent()));
    }

    @Test
    void structureIsReadFromTheGraph() {
        SpikingNetwork snn = handMade();
        assertEquals(STEPS, snn.timesteps());
        assertEquals("out", snn.logitsVertex());
        assertEquals(List.of(new SpikingNetwork.SpikingLayer("if1", "rep")), snn.spikingLayers());
        assertEquals(new NeuronDynamics(1, 1, 0, ResetMode.SUBTRACT), snn.dynamics("if1"));
        assertThrows(IllegalArgumentException.class, () -> snn.neuron("out"));
    }
}
