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
import org.ullsnn.nn.train.Accuracy;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

/** Smoke mode only: full mode needs CIFAR and a trained run (the notebooks run it). */
class LabInputsTest {

    @TempDir
    Path dir;

    private LabPaths repoWithTarget() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve("target"));
        return LabPaths.locate(Map.of(), dir, null);
    }

    @Test
    void smokeModeTrainsTheTinyNetOnSyntheticImagesAndItLearns() throws Exception {
        List<ProgressEvent> events = new ArrayList<>();
        ProgressListener progress = events::add;
        LabInputs in = LabInputs.load(LabMode.SMOKE, repoWithTarget(), 0, progress);

        assertEquals(LabMode.SMOKE, in.mode());
        assertNull(in.runDir());
        assertArrayEquals(new long[] {4 * SmokeInputs.CALIBRATION_PER_CLASS, 3, 8, 8}, in.calibration().shape());
        assertEquals(4 * SmokeInputs.TEST_PER_CLASS, in.test().size());
        assertEquals(dir.resolve("target").resolve("notebook-figures"), in.figuresDir());
        assertEquals(in.figuresDir().resolve("a.png"), in.figure("a.png"));
        assertTrue(!events.isEmpty(), "training reports progress");
        assertTrue(in.toString().startsWith("SMOKE mode: the tiny network"), in.toString());

        double accuracy = Accuracy.of(in.dnn(), in.testBatches().get(), "test", ProgressListener.silent());
        assertTrue(accuracy > 0.5, "4 classes: chance is 0.25, got " + accuracy);
    }

    @Test
    void testPerClassShrinksTheSmokeTestSetAndFiguresStayOutsideSourcesWithoutABuild() throws Exception {
        assertEquals(16, SmokeInputs.testSet(4).size());
        assertEquals(4 * SmokeInputs.TEST_PER_CLASS, SmokeInputs.testSet(0).size());
        Path figures = SmokeInputs.figuresDir(LabPaths.locate(Map.of(), dir, null));
        assertTrue(!figures.startsWith(dir), figures.toString());
        assertThrows(IllegalArgumentException.class,
                () -> LabInputs.load(LabMode.SMOKE, repoWithTarget(), -1, ProgressListener.silent()));
    }

    @Test
    void theQuickFullModeRunIsAWidthReducedVggOnCifar10() {
        var c = FullInputs.quickConfig();
        assertEquals("vgg16", c.network().architecture().cliName());
        assertEquals(0.25, c.network().width());
        assertTrue(c.network().batchNorm());
        assertEquals(FullInputs.QUICK_EPOCHS, c.training().epochs());
        assertEquals(FullInputs.QUICK_TRAIN_PER_CLASS, c.trainPerClass());
    }
}
