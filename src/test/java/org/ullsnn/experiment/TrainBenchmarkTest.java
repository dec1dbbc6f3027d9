package org.ullsnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ullsnn.data.ImageShape;
import org.ullsnn.data.SyntheticImages;
import org.ullsnn.nn.Architecture;
import org.ullsnn.progress.ProgressListener;
import tech.tablesaw.api.Table;

class TrainBenchmarkTest {

    @Test
    void measuresEachRecipeAndWidthWithGflopsAndTheOneDnnSpeedUp() {
        Table t = new TrainBenchmark(Architecture.TINY, List.of(BenchRecipe.PLAIN, BenchRecipe.BN), List.of(1.0, 0.5),
                8, 0, 1, true, 1).run(ProgressListener.silent());
        assertEquals(8, t.rowCount());
        assertEquals(List.of("plain", "plain", "plain", "plain", "bn", "bn", "bn", "bn"),
                t.stringColumn("recipe").asList());
        assertEquals(List.of("im2col", "oneDNN"), t.stringColumn("path").asList().subList(0, 2));
        for (int i = 0; i < 8; i++) {
            double rate = t.doubleColumn("img_per_s").getDouble(i);
            assertTrue(rate > 0);
            assertEquals(1000.0 * 8 / rate, t.doubleColumn("ms_per_step").getDouble(i), 1e-6);
        }
        // the tiny net at width 1: conv 3->8 and 8->16 on 32x32 and 16x16, dense 16*8*8 -> 32, output 32 -> 10
        long macs = 32L * 32 * 8 * 27 + 16L * 16 * 16 * 72 + 1024L * 32 + 32L * 10;
        double expected = t.doubleColumn("img_per_s").getDouble(1) * 6 * macs / 1e9;
        assertEquals(expected, t.doubleColumn("gflop_per_s").getDouble(1), expected * 1e-9);
        double ratio = t.doubleColumn("img_per_s").getDouble(1) / t.doubleColumn("img_per_s").getDouble(0);
        assertEquals(ratio, t.doubleColumn("oneDNN_speedup").getDouble(1), 1e-9);
    }

    @Test
    void withoutIm2colEachCaseRunsOnceOnOneDnn() {
        Table t = new TrainBenchmark(Architecture.TINY, List.of(BenchRecipe.BN), List.of(1.0), 8, 0, 1, false, 1)
                .run(ProgressListener.silent());
        assertEquals(List.of("oneDNN"), t.stringColumn("path").asList());
        assertTrue(!t.columnNames().contains("oneDNN_speedup"));
    }

    @Test
    void dataLoadingIsTimedOnItsOwn() {
        double rate = new DataLoadingBenchmark(16, 3).imagesPerSecond(
                SyntheticImages.generate(4, 10, ImageShape.CIFAR, 1), SyntheticImages.normalization(3),
                ProgressListener.silent());
        assertTrue(rate > 0 && Double.isFinite(rate), "rate " + rate);
    }

    @Test
    void rejectsEmptyListsAndUnknownRecipes() {
        assertThrows(IllegalArgumentException.class,
                () -> new TrainBenchmark(Architecture.TINY, List.of(BenchRecipe.PLAIN), List.of(), 8, 0, 1, false, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainBenchmark(Architecture.TINY, List.of(), List.of(1.0), 8, 0, 1, false, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchRecipe.parse("fast"));
        assertTrue(e.getMessage().contains("plain, bn or cosine"), e.getMessage());
        assertEquals(BenchRecipe.BN, BenchRecipe.parse(" BN "));
    }

    @Test
    void theCosineRecipeIsTheCosinePresetsNetwork() {
        var spec = BenchRecipe.COSINE.spec(Architecture.VGG16, 10, 0.25);
        assertTrue(spec.batchNorm());
        assertEquals(0.0, spec.convDropout());
        assertEquals(0.2, spec.fcDropout());
        assertEquals(0.1, BenchRecipe.BN.spec(Architecture.VGG16, 10, 0.25).convDropout());
    }
}
