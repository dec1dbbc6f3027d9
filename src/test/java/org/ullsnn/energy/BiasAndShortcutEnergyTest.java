package org.ullsnn.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.layers.ClipReLULayer;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.Simulator;
import tech.tablesaw.api.Table;

/**
 * Bias additions and shortcut scales, counted by hand on a tiny residual net. Image 1x4x4 -> conv1 (2 filters, 3x3,
 * same, no bias) -> batch norm -> act1 -> conv2 (2 filters, 3x3, same, bias) -> add(conv2, act1) -> act2 -> output
 * (32 -> 3, bias). The SNN folds the batch norm into conv1 as a bias, and reads act1's spikes into the addition
 * through {@code add_scale1}.
 * <pre>
 * MACs:       conv1 9*1*2*16 = 288   conv2 9*2*2*16 = 576   output 32*3 = 96         sum 960
 * bias adds:  conv1 2*16 = 32        conv2 32               output 3                 DNN: 67 per image
 * T = 2, c1 = 1:  SNN bias adds 1*32 + 2*32 + 2*3 = 102;  shortcut scale 2*32 = 64 MACs
 * rates:      conv2 reads act1 at r = 0.5 (SOPs 288), output reads act2 at r = 0.25 (SOPs 24)
 * FP32 (E_MAC 4.6, E_AC 0.9):
 *   E_DNN = 960*4.6 + 67*0.9                                        = 4416 + 60.3                    = 4476.3 pJ
 *   E_SNN = 288*4.6 + 32*0.9 + (288 + 64)*0.9 + (24 + 6)*0.9 + 64*4.6 = 1324.8 + 28.8 + 316.8 + 27 + 294.4 = 1991.8 pJ
 * </pre>
 */
class BiasAndShortcutEnergyTest {

    private static final double EPS = 1e-9;
    private static final int T = 2;

    static ComputationGraph tinyResidualNet() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new NoOp()).convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(2).hasBias(false)
                        .activation(Activation.IDENTITY).build(), "input")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "conv1")
                .addLayer("act1", new ClipReLULayer.Builder().initialMu(1.0).build(), "bn1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(2).hasBias(true)
                        .activation(Activation.IDENTITY).build(), "act1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv2", "act1")
                .addLayer("act2", new ClipReLULayer.Builder().initialMu(1.0).build(), "add")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).hasBias(true)
                        .activation(Activation.SOFTMAX).build(), "act2")
                .setOutputs("output").build();
        return Graphs.init(conf);
    }

    private static EnergyModel model() {
        return EnergyModel.of(tinyResidualNet(), InputType.convolutional(4, 4, 1));
    }

    private static EnergyReport report(EnergyConventions conventions) {
        EnergyModel m = model();
        return m.report(SpikeActivity.ofRates(m, T, 64, Map.of("conv2", 0.5, "output", 0.25)), Preset.FP32.costs(),
                conventions);
    }

    @Test
    void theModelFindsTheFoldedBatchNormTheOwnBiasesAndTheShortcut() {
        EnergyModel m = model();
        assertEquals(List.of(32L, 32L, 3L), m.layers().stream().map(WeightLayer::biasAdds).toList(),
                "conv1 through its batch norm, conv2 and output their own");
        assertEquals(67, m.totalBiasAdds());
        assertEquals(List.of(new ShortcutScale("add_scale1", "act1", 32)), m.scales());
        assertEquals(960, m.totalMacs());
        assertEquals(960.0 / 288, m.ceiling(), EPS, "the ceiling stays sum MACs / MACs_1");
        Table t = m.toTable();
        assertEquals(4, t.rowCount());
        assertEquals("scale", t.stringColumn("kind").get(3));
        assertEquals(32, t.longColumn("snn_scale_muls_per_step").get(3));
        assertEquals(List.of(32L, 32L, 3L, 0L), t.longColumn("bias_adds").asList());
    }

    @Test
    void biasAddsAndScaleMultiplicationsEnterTheTotalsByHand() {
        EnergyReport r = report(EnergyConventions.defaults());
        assertEquals(67, r.dnnBiasAdds());
        assertEquals(102, r.snnBiasAdds(), EPS);
        assertEquals(64, r.scaleMacs(), EPS);
        assertEquals(288 + 64, r.snnMacs(), EPS);
        assertEquals(312, r.totalSops(), EPS);
        assertEquals(4476.3, r.dnnPj(), EPS);
        assertEquals(1991.8, r.snnPj(), EPS);
        assertEquals(4476.3 / 1991.8, r.ratio(), EPS);
        assertTrue(r.ratio() <= r.ceiling());
        assertTrue(r.summary().contains("67 bias adds") && r.summary().contains("102 bias adds")
                && r.summary().contains("(64 of them shortcut scales)"), r.summary());
        // per step, the first layer's bias is added T times too: E_SNN = 2 * (1324.8 + 28.8) + 316.8 + 27 + 294.4
        assertEquals(3345.4, report(EnergyConventions.defaults().withFirstLayer(FirstLayer.PER_STEP)).snnPj(), EPS);
    }

    @Test
    void thePerLayerTableShowsBiasAddsAndAScaleRow() {
        Table t = report(EnergyConventions.defaults()).toTable();
        assertEquals(List.of("conv1", "conv2", "output", "add_scale1"), t.stringColumn("layer").asList());
        assertEquals(List.of(32L, 32L, 3L, 0L), t.longColumn("dnn_bias_adds").asList());
        assertEquals(List.of(32.0, 64.0, 6.0, 0.0), t.doubleColumn("snn_bias_adds").asList());
        assertEquals(List.of(288.0, 0.0, 0.0, 64.0), t.doubleColumn("snn_macs").asList());
        assertEquals("scale", t.stringColumn("kind").get(3));
        assertEquals((576 * 4.6 + 32 * 0.9) / 1000, t.doubleColumn("dnn_nJ").get(1), EPS);
        assertEquals((288 + 64) * 0.9 / 1000, t.doubleColumn("snn_nJ").get(1), EPS);
        assertEquals(0, t.doubleColumn("dnn_nJ").get(3), EPS, "the DNN's shortcut does no multiplication");
        assertEquals(64 * 4.6 / 1000, t.doubleColumn("snn_nJ").get(3), EPS);
        Table totals = EnergyReport.totals(List.of(report(EnergyConventions.defaults())));
        assertEquals(67, totals.longColumn("dnn_bias_adds").get(0));
        assertEquals(102, totals.doubleColumn("snn_bias_adds").get(0), EPS);
        assertEquals(64, totals.doubleColumn("snn_scale_macs").get(0), EPS);
    }

    /** The converted SNN, read as a graph, has the same counts: folded bias, own biases, the ScaleVertex. */
    @Test
    void theConvertedSnnHasTheCountsTheDnnPredicts() {
        ComputationGraph dnn = tinyResidualNet();
        Nd4j.getRandom().setSeed(5);
        INDArray images = Nd4j.randn(DataType.FLOAT, 4, 1, 4, 4);
        ConversionResult c = Converter.convert(dnn, ConvertConfig.of(ThresholdStrategy.trainedClip(), T, images),
                ProgressListener.silent());
        EnergyModel fromDnn = EnergyModel.of(dnn, images);
        EnergyModel fromSnn = EnergyModel.of(c.snn().graph(), images);
        assertEquals(fromDnn.layers().stream().map(l -> l.name() + " " + l.macs() + " " + l.biasAdds()).toList(),
                fromSnn.layers().stream().map(l -> l.name() + " " + l.macs() + " " + l.biasAdds()).toList());
        assertEquals(fromDnn.scales().stream().map(s -> s.name() + " " + s.elements()).toList(),
                fromSnn.scales().stream().map(s -> s.name() + " " + s.elements()).toList());

        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 3);
        labels.getColumn(0).assign(1);
        SimulationResult sim = Simulator.run(c.snn(), new ListDataSetIterator<>(List.of(new DataSet(images, labels)),
                4), ProgressListener.silent());
        EnergyReport r = fromDnn.report(c.snn(), sim, Preset.FP32.costs(), EnergyConventions.defaults());
        assertEquals(T * 32.0, r.scaleMacs(), EPS);
        assertEquals(32 + T * 35.0, r.snnBiasAdds(), EPS);

        EnergyModel other = new EnergyModel(fromDnn.layers(), List.of(new ShortcutScale("add_scale0", "conv2", 32)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeActivity.measure(other, c.snn(), sim));
        assertTrue(e.getMessage().contains("add_scale0"), e.getMessage());
    }

    @Test
    void aNetworkWithoutBiasesOrShortcutsCountsAsBefore() {
        EnergyReport r = EnergyReportTest.report(Preset.FP32.costs(), EnergyConventions.defaults());
        assertEquals(0, r.dnnBiasAdds());
        assertEquals(0, r.snnBiasAdds(), 0);
        assertEquals(0, r.scaleMacs(), 0);
        assertTrue(!r.summary().contains("bias adds") && !r.summary().contains("shortcut"), r.summary());
    }
}
