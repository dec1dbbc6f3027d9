package org.ullsnn.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.train.Accuracy;
import org.ullsnn.snn.Simulator;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

/** Smoke mode only: full mode needs CIFAR and a trained run (the notebooks run it). */
class LabInputsTest {
    @TempDir
    Path dir;

    private LabPaths repoWithTarget() throws Exception {
        return repoWithTarget(dir);
    }

    /** A repository root in {@code dir} with a {@code target/} folder, so figures go to {@code dir/target}. */
    static LabPaths repoWithTarget(Path dir) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve("target"));
        return LabPaths.locate(Map.of(), dir, null);
    }

    @Test
    void smokeModeTrainsTheTinyNetOnSyntheticImagesAndItLearns() throws Exception {
        List<ProgressEvent> events = new ArrayList<>();
        ProgressListener progress = events::add;
        LabPaths paths = repoWithTarget();
        // smoke mode never looks at the shipped models, not even a broken one
        Path model = Files.createDirectories(paths.models().resolve(LabSetup.VGG16_CIFAR10.model()));
        Files.writeString(model.resolve("model.json"), "{broken");
        LabInputs in = LabInputs.load(LabSetup.VGG16_CIFAR10, LabMode.SMOKE, paths, 0, progress);

        assertEquals(LabMode.SMOKE, in.mode());
        assertEquals(LabSetup.VGG16_CIFAR10, in.setup());
        assertNull(in.runDir());
        assertNull(in.outputDir());
        assertArrayEquals(new long[] {4 * SmokeInputs.CALIBRATION_PER_CLASS, 3, 8, 8}, in.calibration().shape());
        assertEquals(4 * SmokeInputs.TEST_PER_CLASS, in.test().size());
        assertEquals(dir.resolve("target").resolve("notebook-figures"), in.figuresDir());
        assertEquals(in.figuresDir().resolve("a.png"), in.figure("a.png"));
        assertTrue(!events.isEmpty(), "training reports progress");
        assertTrue(in.toString().startsWith("SMOKE mode, VGG16_CIFAR10: the tiny network"), in.toString());

        double accuracy = Accuracy.of(in.dnn(), in.testBatches().get(), "test", ProgressListener.silent());
        assertTrue(accuracy > 0.5, "4 classes: chance is 0.25, got " + accuracy);
        assertEquals(4 * 10, in.trainingImages(10).size());
        assertEquals(4 * SmokeInputs.TRAIN_PER_CLASS, in.trainingImages(0).size());
    }

    /**
     * The CIFAR-100 stand-in (the tiny VGG, 10 classes) here; the ResNet-20 stand-in trains 48 batches through 19
     * convolutions and BN layers, which took 56 s and once 286 s on a busy 2-core machine (its many small native ops
     * wait for cores the other process holds), so it runs with the integration tests ({@code LabSmokeInputsIT}).
     */
    @Test
    void theCifar100SetupHasASmokeStandInThatLearnsAndConverts() throws Exception {
        assertStandInLearnsAndConverts(LabSetup.VGG16_CIFAR100, repoWithTarget());
    }

    /** The quantisation-aware setup's stand-in is the tiny VGG with 2 activation levels, and it learns too. */
    @Test
    void theQuantisationAwareSetupHasAQuantisedSmokeStandInThatLearnsAndConverts() throws Exception {
        assertStandInLearnsAndConverts(LabSetup.VGG16_CIFAR10_L2, repoWithTarget());
        LabInputs in = LabInputs.load(LabSetup.VGG16_CIFAR10_L2, LabMode.SMOKE, repoWithTarget(), 0,
                ProgressListener.silent());
        var clip = (org.ullsnn.nn.layers.ClipReLULayer) in.dnn().getLayer("conv1_act").conf().getLayer();
        assertEquals(2, clip.getLevels());
    }

    /** {@code setup}'s smoke stand-in beats chance twice over, and its SNN conversion still beats chance. */
    static void assertStandInLearnsAndConverts(LabSetup setup, LabPaths paths) throws Exception {
        LabInputs in = LabInputs.load(setup, LabMode.SMOKE, paths, 0, ProgressListener.silent());

        int classes = setup.smokeClasses();
        assertEquals(classes, in.test().classes());
        assertEquals(classes * SmokeInputs.CALIBRATION_PER_CLASS, in.calibration().size(0));
        assertEquals(setup.smokeShape().height(), in.calibration().size(2));
        if (setup.architecture() == Architecture.RESNET20) {
            assertTrue(in.dnn().getVertex("s1b1_add") != null, "the stand-in has residual blocks");
            assertTrue(in.dnn().getLayer("conv1_bn") != null, "and BN, as the full run");
        }
        double chance = 1.0 / classes;
        double accuracy = Accuracy.of(in.dnn(), in.testBatches().get(), "test", ProgressListener.silent());
        assertTrue(accuracy > 2 * chance, setup + ": chance is " + chance + ", got " + accuracy);

        // half-shift: with the same code, the paper's fitted-dnn:1.3 converted the ResNet stand-in above chance on one
        // machine and to 0.14 at T = 4 on another; half-shift gave 0.75 there (DNN 0.80)
        var converted = Converter.convert(in.dnn(), ConvertConfig.of(ThresholdStrategy.halfShift(), 4,
                in.calibration()), ProgressListener.silent());
        double snn = Simulator.run(converted.snn(), in.testBatches().get(), ProgressListener.silent()).finalAccuracy();
        assertTrue(snn > chance, setup + ": the converted stand-in beats chance (" + chance + "), got " + snn);
    }

    @Test
    void testPerClassShrinksTheSmokeTestSetAndFiguresStayOutsideSourcesWithoutABuild() throws Exception {
        assertEquals(16, SmokeInputs.testSet(LabSetup.VGG16_CIFAR10, 4).size());
        assertEquals(4 * SmokeInputs.TEST_PER_CLASS, SmokeInputs.testSet(LabSetup.VGG16_CIFAR10, 0).size());
        Path figures = SmokeInputs.figuresDir(LabPaths.locate(Map.of(), dir, null));
        assertTrue(!figures.startsWith(dir), figures.toString());
        assertThrows(IllegalArgumentException.class, () -> LabInputs.load(LabSetup.VGG16_CIFAR10, LabMode.SMOKE,
                repoWithTarget(), -1, ProgressListener.silent()));
        assertThrows(IllegalArgumentException.class,
                () -> LabInputs.load(null, LabMode.SMOKE, repoWithTarget(), 0, ProgressListener.silent()));
    }

    @Test
    void eachSetupNamesItsRunAndItsQuickRunIsAWidthReducedNetOnItsDataSet() {
        assertEquals("c10-vgg16-w0.25-clip-bn", LabSetup.VGG16_CIFAR10.run());
        assertEquals("c100-vgg16-w0.25-clip-bn", LabSetup.VGG16_CIFAR100.run());
        assertEquals("c10-resnet20-w0.25-clip-bn", LabSetup.RESNET20_CIFAR10.run());
        assertEquals("c10-vgg16-w0.25-clip-bn-l2", LabSetup.VGG16_CIFAR10_L2.run());
        for (LabSetup setup : LabSetup.values()) {
            var c = setup.quickConfig();
            assertEquals(setup.run() + "-quick", c.name());
            assertEquals(setup.dataset(), c.dataset());
            assertEquals(setup.architecture(), c.network().architecture());
            assertEquals(setup.dataset().classes(org.ullsnn.data.LabelLevel.FINE), c.network().numClasses());
            assertEquals(0.25, c.network().width());
            assertTrue(c.network().batchNorm());
            assertEquals(LabSetup.QUICK_EPOCHS, c.training().epochs());
            assertEquals(setup.activationLevels(), c.network().activationLevels());
            assertEquals(setup.activationLevels(), setup.smokeSpec().activationLevels());
        }
        assertEquals(2, LabSetup.VGG16_CIFAR10_L2.activationLevels());
        assertEquals(LabSetup.QUICK_TRAIN_PER_CLASS, LabSetup.VGG16_CIFAR10.quickConfig().trainPerClass());
        assertEquals(LabSetup.QUICK_TRAIN_PER_CLASS_CIFAR100, LabSetup.VGG16_CIFAR100.quickConfig().trainPerClass());
        assertEquals(CifarDataset.CIFAR100, LabSetup.VGG16_CIFAR100.dataset());
    }
}
