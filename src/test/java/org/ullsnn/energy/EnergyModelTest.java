package org.ullsnn.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;

class EnergyModelTest {

    static final InputType CIFAR = InputType.convolutional(32, 32, 3);

    static ComputationGraphConfiguration configuration(NetworkSpec spec) {
        return Networks.configuration(spec, new NoOp(), 0, 1);
    }

    static EnergyModel count(NetworkSpec spec) {
        return EnergyModel.of(configuration(spec), CIFAR);
    }

    /**
     * VGG-16, CIFAR-100 head, by hand: convs at 32x32: 9*3*64*1024 = 1,769,472 and 9*64*64*1024 = 37,748,736;
     * at 16x16: 18,874,368 and 37,748,736; at 8x8: 18,874,368 and 2 x 37,748,736; at 4x4: 18,874,368 and
     * 2 x 37,748,736; at 2x2: 3 x 9*512*512*4 = 9,437,184; FC 2048*4096, 4096*4096, 4096*100.
     */
    @Test
    void vgg16WithACifar100HeadHas338Point8MillionMacsAnd1Point77MillionInTheFirstLayer() {
        EnergyModel m = count(NetworkSpec.defaults(Architecture.VGG16, 100));
        long[] expected = {1_769_472, 37_748_736, 18_874_368, 37_748_736, 18_874_368, 37_748_736, 37_748_736,
            18_874_368, 37_748_736, 37_748_736, 9_437_184, 9_437_184, 9_437_184, 8_388_608, 16_777_216, 409_600};
        assertEquals(expected.length, m.layers().size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], m.layers().get(i).macs(), m.layers().get(i).name());
        }
        assertEquals(338_771_968L, m.totalMacs());
        assertEquals(338.8, m.totalMacs() / 1e6, 0.05);
        assertEquals(1_769_472L, m.firstLayerMacs());
        assertEquals("conv1", m.layers().get(0).name());
        assertTrue(m.layers().get(0).readsInput());
        assertEquals(LayerKind.OUTPUT, m.layer("output").kind());
        assertEquals(LayerKind.DENSE, m.layer("fc2").kind());
    }

    @Test
    void vgg16WithACifar100HeadHasTheCeiling191Point5ThatMethodQuotes() {
        EnergyModel m = count(NetworkSpec.defaults(Architecture.VGG16, 100));
        assertEquals(338_771_968.0 / 1_769_472, m.ceiling(), 1e-12);
        assertEquals(191.5, m.ceiling(), 0.05);
    }

    /** Width 0.25: channels 16..128, FC 1024; CIFAR-10: 21,489,664 MACs, 442,368 in the first layer. */
    @Test
    void vgg16AtWidthAQuarterOnCifar10HasTheCeiling48Point6ThatMethodQuotes() {
        EnergyModel m = count(NetworkSpec.cpuPreset(10));
        assertEquals(442_368L, m.firstLayerMacs());
        assertEquals(21_489_664L, m.totalMacs());
        assertEquals(48.6, m.ceiling(), 0.05);
    }

    /**
     * ResNet-20 by hand: stem 1,769,472 + 2 x 37,748,736; stage 1 (16x16): 4 x 9,437,184; stages 2-4 each
     * 4,718,592 + 3 x 9,437,184 + a 1x1 shortcut of 524,288; FC 2048 * classes.
     */
    @Test
    void resnet20CountsItsOneByOneShortcutsAndHasACeilingOfAbout122() {
        EnergyModel m = count(NetworkSpec.defaults(Architecture.RESNET20, 100));
        List<WeightLayer> shortcuts = m.layers().stream().filter(l -> l.name().endsWith("_short")).toList();
        assertEquals(List.of("s2b1_short", "s3b1_short", "s4b1_short"), shortcuts.stream().map(WeightLayer::name)
                .toList());
        for (WeightLayer s : shortcuts) {
            assertEquals(524_288L, s.macs(), s.name());
            assertEquals(1, s.geometry().kernelHeight());
            assertEquals(2, s.geometry().strideHeight());
        }
        assertEquals(m.layer("s2b1_conv1").source(), m.layer("s2b1_short").source(), "a shortcut reads the block input");
        assertEquals(215_678_976L + 2048 * 100, m.totalMacs());
        assertEquals(122.0, m.ceiling(), 0.05);
        assertEquals(121.9, count(NetworkSpec.defaults(Architecture.RESNET20, 10)).ceiling(), 0.05);
    }

    /** Batch norm costs no MACs: it is folded into its conv as a bias, one addition per output element. */
    @Test
    void batchNormPoolingDropoutAndActivationsCostNoMacs() {
        NetworkSpec plain = NetworkSpec.cpuPreset(10);
        EnergyModel a = count(plain);
        EnergyModel b = count(plain.withBatchNorm(true).withConvDropout(0.3).withActivation(
                org.ullsnn.nn.ActivationKind.RELU));
        assertEquals(a.layers().stream().map(WeightLayer::name).toList(),
                b.layers().stream().map(WeightLayer::name).toList());
        assertEquals(a.totalMacs(), b.totalMacs());
        assertEquals(0, a.totalBiasAdds(), "no biases by default");
        long convOutputs = b.layers().stream().filter(l -> l.kind() == LayerKind.CONV)
                .mapToLong(WeightLayer::outputElements).sum();
        assertEquals(convOutputs, b.totalBiasAdds(), "every conv has a batch norm, the dense layers none");
        assertTrue(a.scales().isEmpty() && b.scales().isEmpty(), "a VGG has no shortcuts");
    }

    /** ResNet-20's identity shortcuts (the second block of each stage, both of stage 1) become scaled spikes. */
    @Test
    void resnet20HasAScaleOnEachIdentityShortcut() {
        EnergyModel m = count(NetworkSpec.defaults(Architecture.RESNET20, 10));
        assertEquals(List.of("s1b1", "s1b2", "s2b2", "s3b2", "s4b2"), m.scales().stream()
                .map(s -> s.name().substring(0, 4)).toList());
        assertEquals(2 * 64L * 16 * 16 + 128L * 8 * 8 + 256L * 4 * 4 + 512L * 2 * 2, m.scaleElements());
    }

    /** The javadoc's MACs = k*k*C_in*C_out*H_out*W_out and f_in*f_out on a strided, padded conv. */
    @Test
    void convAndDenseMacsFollowTheJavadocEquations() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().updater(new NoOp()).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(7, 7, 3))
                .addLayer("c", new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(5)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("p", new SubsamplingLayer.Builder(2, 2).stride(2, 2).build(), "c")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "p")
                .setOutputs("out").build();
        EnergyModel m = EnergyModel.of(conf, InputType.convolutional(7, 7, 3));
        WeightLayer c = m.layer("c");
        assertEquals(4, c.geometry().outHeight()); // floor((7 + 2 - 3) / 2) + 1
        assertEquals(3L * 3 * 3 * 5 * 4 * 4, c.macs());
        assertEquals(3L * 7 * 7, c.inputElements());
        WeightLayer out = m.layer("out");
        assertEquals(5L * 2 * 2, out.inChannels());
        assertEquals(20L * 4, out.macs());
        assertEquals("p", out.source());
        assertEquals((2160.0 + 80) / 2160, m.ceiling(), 1e-12); // ceiling = sum MACs / MACs_1
    }

    @Test
    void countingLeavesTheConfigurationUnchanged() {
        ComputationGraphConfiguration conf = configuration(NetworkSpec.cpuPreset(10));
        String before = conf.toJson();
        EnergyModel.of(conf, CIFAR);
        assertEquals(before, conf.toJson());
    }

    @Test
    void aWeightLayerOfAnUncountedTypeIsRefusedByName() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().updater(new NoOp()).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(4, 4, 1))
                .addLayer("up", new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(2).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "up")
                .setOutputs("out").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnergyModel.of(conf, InputType.convolutional(4, 4, 1)));
        assertTrue(e.getMessage().contains("'up'") && e.getMessage().contains("Deconvolution2D"), e.getMessage());
    }

    @Test
    void anInputTheNetworkDoesNotAcceptIsRefused() {
        ComputationGraphConfiguration conf = configuration(NetworkSpec.cpuPreset(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnergyModel.of(conf, InputType.convolutional(64, 64, 3)));
        assertTrue(e.getMessage().contains("fc1"), e.getMessage());
    }

    @Test
    void theMacTableHasOneRowPerWeightLayerAndTheCeilingInItsTitle() {
        EnergyModel m = count(NetworkSpec.cpuPreset(10));
        var t = m.toTable();
        assertEquals(m.layers().size(), t.rowCount());
        assertTrue(t.name().contains("48.58x"), t.name());
        assertEquals(100.0, t.doubleColumn("share_percent").sum(), 1e-9);
    }

    @Test
    void aModelNeedsALayerReadingTheInput() {
        WeightLayer hidden = WeightLayer.dense("fc", LayerKind.DENSE, "act", false, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EnergyModel(List.of(hidden)));
        assertTrue(e.getMessage().contains("reads the network input"), e.getMessage());
    }
}
