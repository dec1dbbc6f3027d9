package org.ullsnn.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.progress.ProgressListener;

class LearningRateScheduleTest {

    private static final List<Double> PAPER_MILESTONES = List.of(0.6, 0.8, 0.9);

    @ParameterizedTest(name = "{0} epochs")
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 10, 20, 200})
    void neitherScheduleDecaysBeforeTheFirstEpochEnds(int epochs) {
        StepSchedule step = new StepSchedule(0.1, 5, PAPER_MILESTONES, epochs);
        assertEquals(0.1, step.at(0), 0, "step");
        CosineSchedule cosine = new CosineSchedule(0.1, epochs, 0, 100);
        for (int i = 0; i < 100; i++) {
            assertEquals(0.1, cosine.valueAt(i, 0), 0, "cosine, batch " + i);
        }
    }

    @Test
    void shortStepRunsDecayOncePerEpochBoundaryAtMost() {
        assertEquals(List.of(0.01), rates(new StepSchedule(0.01, 5, PAPER_MILESTONES, 1)));
        assertEquals(List.of(0.01, 0.002), rates(new StepSchedule(0.01, 5, PAPER_MILESTONES, 2)));
        assertEquals(List.of(0.01, 0.01, 0.01, 0.002, 4e-4),
                rates(new StepSchedule(0.01, 5, PAPER_MILESTONES, 5)));
    }

    /** Seen before the fix: `ullsnn finetune --epochs 1` trained at 1e-4 / 125 = 8e-7 and could not move the net. */
    @Test
    void aOneEpochFineTuningTrainsAtItsLearningRate() {
        TrainConfig oneEpoch = TrainConfig.fineTuning().withEpochs(1);
        assertEquals(1e-4, oneEpoch.schedule().at(0), 0);
        assertEquals(1e-4, oneEpoch.schedule().toDl4j(100).valueAt(99, 0), 0, "last batch of the only epoch");
        TrainConfig twoEpochs = TrainConfig.fineTuning().withEpochs(2);
        assertEquals(List.of(1e-4, 2e-5), rates(twoEpochs.schedule()));
    }

    @Test
    void longStepRunsKeepThePapersMilestones() {
        StepSchedule paper = new StepSchedule(0.01, 5, PAPER_MILESTONES, 200);
        assertEquals(List.of(120, 160, 180), List.copyOf(paper.milestoneEpochs()));
        assertEquals(0.01, paper.at(119), 1e-15);
        assertEquals(0.002, paper.at(120), 1e-15);
        assertEquals(0.01 / 125, paper.at(199), 1e-15);
    }

    @Test
    void cosineWarmsUpLinearlyPeaksThenAnnealsToNearZero() {
        CosineSchedule s = new CosineSchedule(0.1, 10, 1, 50);
        assertEquals(0.1 / 50, s.valueAt(0, 0), 1e-12);
        assertEquals(0.1 * 25 / 50, s.valueAt(24, 0), 1e-12);
        assertEquals(0.1, s.valueAt(49, 0), 1e-12);
        assertEquals(0.1, s.valueAt(50, 1), 1e-12, "peak at the end of the warm-up");
        assertEquals(0.05, s.atPosition(5.5), 1e-12, "half way through the annealing");
        double previous = Double.MAX_VALUE;
        for (int i = 50; i < 500; i++) {
            double lr = s.valueAt(i, i / 50);
            assertTrue(lr <= previous, "not monotone at batch " + i);
            previous = lr;
        }
        assertTrue(previous > 0 && previous < 1e-4, "last batch at " + previous);
        assertEquals(s.at(3), s.valueAt(150, 3), 0, "at(epoch) is the rate of the epoch's first batch");
    }

    @Test
    void badCosineSettingsAreRefusedByName() {
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0, 10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 10, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 0, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.defaults().withSchedule(ScheduleKind.STEP, 2));
        assertTrue(e.getMessage().contains("cosine"), e.getMessage());
        assertEquals(ScheduleKind.COSINE, ScheduleKind.parse(" Cosine "));
        assertThrows(IllegalArgumentException.class, () -> ScheduleKind.parse("onecycle"));
    }

    /** The schedule lives in the updater: every batch of a real run uses it, and it survives a checkpoint. */
    @Test
    void aTrainingRunFollowsTheCosineScheduleBatchByBatchAcrossACheckpoint(@TempDir Path dir) {
        int batches = 16; // 256 images in batches of 16
        TrainConfig config = TrainConfig.defaults().withEpochs(3).withBatchSize(16).withLearningRate(0.05)
                .withSchedule(ScheduleKind.COSINE, 1);
        NetworkSpec tiny = NetworkSpec.defaults(Architecture.TINY, SyntheticEpochData.CLASSES)
                .withInput(3, SyntheticEpochData.SIZE);
        ComputationGraph net = Networks.build(tiny, config.updater(batches), config.l2(), config.seed());
        CosineSchedule expected = new CosineSchedule(0.05, 3, 1, batches);
        CheckpointStore store = new CheckpointStore(dir, 3);
        double[] used = new double[3 * batches];
        double[] planned = new double[3 * batches];
        Trainer trainer = new Trainer(config, store, ProgressListener.silent(), m -> { }, n -> {
            int i = n.getIterationCount() - 1; // the rate DL4J will use for the next batch, after batch i
            used[i] = n.getLearningRate("conv1");
            planned[i] = expected.valueAt(n.getIterationCount(), n.getEpochCount());
        });
        trainer.train(net, new SyntheticEpochData(256, 64, 16, 3), List.of());
        assertEquals(3 * batches, net.getIterationCount(), "DL4J counts iterations over the whole run");
        assertEquals(0.05 * 2 / batches, used[0], 1e-9, "second batch of the warm-up");
        assertEquals(0.05, used[batches - 2], 1e-9, "last batch of the warm-up");
        for (int i = 0; i < used.length; i++) {
            assertEquals(planned[i], used[i], 1e-9, "batch " + (i + 1));
        }
        assertTrue(used[used.length - 1] < 0.05 * 0.01, "annealed to " + used[used.length - 1]);

        ComputationGraph restored = Graphs.load(store.dir().resolve("epoch-0001.zip"));
        assertEquals(batches, restored.getIterationCount());
        assertEquals(expected.valueAt(batches, 1), restored.getLearningRate("conv1"), 1e-9,
                "the restored network's updater carries the schedule");
    }

    private static List<Double> rates(LearningRateSchedule s) {
        int epochs = s instanceof StepSchedule step ? step.epochs() : 0;
        return java.util.stream.IntStream.range(0, epochs).mapToObj(s::at).toList();
    }
}
