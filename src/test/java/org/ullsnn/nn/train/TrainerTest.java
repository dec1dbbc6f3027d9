package org.ullsnn.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

class TrainerTest {

    private static final NetworkSpec TINY = NetworkSpec.defaults(Architecture.TINY, SyntheticEpochData.CLASSES)
            .withInput(3, SyntheticEpochData.SIZE).withConvDropout(0.1);
    private static final TrainConfig CONFIG = TrainConfig.defaults().withEpochs(3).withBatchSize(16)
            .withLearningRate(0.05).withSeed(7);

    private static ComputationGraph newNet(TrainConfig config) {
        return Networks.build(TINY, config.updater(), config.l2(), config.seed());
    }

    private static SyntheticEpochData data() {
        return new SyntheticEpochData(256, 64, 16, 3);
    }

    @Test
    void learnsSyntheticDataAndReportsEveryEpoch(@TempDir Path dir) {
        List<ProgressEvent> events = new ArrayList<>();
        List<EpochMetrics> seen = new ArrayList<>();
        Trainer trainer = new Trainer(CONFIG, new CheckpointStore(dir, 2), events::add, seen::add);
        List<EpochMetrics> history = trainer.train(newNet(CONFIG), data(), List.of());
        assertEquals(3, history.size());
        assertEquals(history, seen);
        assertTrue(history.get(2).testAccuracy() > 0.9, "accuracy " + history.get(2).testAccuracy());
        assertTrue(history.get(2).trainLoss() < history.get(0).trainLoss());
        assertTrue(history.get(0).imagesPerSecond() > 0 && history.get(0).trainImages() == 256);
        ProgressEvent last = events.stream().filter(e -> e.task().equals("epoch 1/3")).reduce((a, b) -> b).get();
        assertTrue(last.finished() && last.done() == 16 && last.total() == 16, last.toString());
        assertTrue(last.detail().contains("loss") && last.detail().contains("img/s"), last.detail());
    }

    @Test
    void keepsOnlyTheNewestCheckpoints(@TempDir Path dir) throws Exception {
        CheckpointStore store = new CheckpointStore(dir, 2);
        new Trainer(CONFIG, store, ProgressListener.silent(), m -> { }).train(newNet(CONFIG), data(), List.of());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("epoch-0002.json", "epoch-0002.zip", "epoch-0003.json", "epoch-0003.zip"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Checkpoint latest = store.latest().orElseThrow();
        assertEquals(3, latest.epoch());
        assertEquals(3, Graphs.load(latest.model()).getEpochCount());
    }

    @Test
    void learningRateFollowsTheStepSchedule() {
        TrainConfig config = CONFIG.withEpochs(10);
        ComputationGraph net = newNet(config);
        for (int e = 0; e < 10; e++) {
            assertEquals(config.schedule().at(e), net.getLearningRate("conv1"), 1e-12, "epoch " + e);
            net.incrementEpochCount();
        }
        LearningRateSchedule s = TrainConfig.cpuPreset().schedule();
        assertEquals(0.01, s.at(11), 1e-15);
        assertEquals(0.01 / 5, s.at(12), 1e-15);
        assertEquals(0.01 / 25, s.at(16), 1e-15);
        assertEquals(0.01 / 125, s.at(18), 1e-15);
        assertEquals(0.01 / 125, s.at(19), 1e-15);
    }

    /** Simulates a kill after epoch 1: the callback throws, as if the process died before epoch 2 ended. */
    @Test
    void resumedRunEndsWhereAnUninterruptedRunEnds(@TempDir Path dir) {
        List<EpochMetrics> straight = new Trainer(CONFIG, new CheckpointStore(dir.resolve("a"), 2),
                ProgressListener.silent(), m -> { }).train(newNet(CONFIG), data(), List.of());
        ComputationGraph reference = Graphs.load(dir.resolve("a/epoch-0003.zip"));

        CheckpointStore store = new CheckpointStore(dir.resolve("b"), 2);
        class Killed extends RuntimeException { }
        assertThrows(Killed.class, () -> new Trainer(CONFIG, store, ProgressListener.silent(), m -> {
            if (m.epoch() == 1) {
                throw new Killed();
            }
        }).train(newNet(CONFIG), data(), List.of()));

        Checkpoint last = store.latest().orElseThrow();
        assertEquals(1, last.epoch());
        ComputationGraph resumed = Graphs.load(last.model());
        List<EpochMetrics> history = new Trainer(CONFIG, store, ProgressListener.silent(), m -> { })
                .train(resumed, data(), last.history());

        assertEquals(3, history.size());
        assertEquals(straight.get(2).testAccuracy(), history.get(2).testAccuracy(), 0);
        assertEquals(straight.get(2).trainLoss(), history.get(2).trainLoss(), 1e-6);
        assertTrue(reference.params().equalsWithEps(resumed.params(), 1e-6), "same parameters after resume");
    }

    @Test
    void divergenceStopsTheRunAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) {
        SyntheticEpochData good = data();
        EpochData poisonedSecondEpoch = new EpochData() {
            @Override
            public DataSetIterator train(int epoch) {
                if (epoch == 0) {
                    return good.train(0);
                }
                DataSet nan = new DataSet(Nd4j.valueArrayOf(new long[] {16, 3, 8, 8}, Double.NaN, DataType.FLOAT),
                        Nd4j.zeros(DataType.FLOAT, 16, 4).putScalar(0, 0, 1));
                return new ListDataSetIterator<>(List.of(nan), 16);
            }

            @Override
            public long trainExamples() {
                return good.trainExamples();
            }

            @Override
            public DataSetIterator test() {
                return good.test();
            }
        };
        CheckpointStore store = new CheckpointStore(dir, 2);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () ->
                new Trainer(CONFIG, store, ProgressListener.silent(), m -> { })
                        .train(newNet(CONFIG), poisonedSecondEpoch, List.of()));
        assertTrue(e.getMessage().contains("epoch 2 at batch 1") && e.getMessage().contains("NaN or infinite"),
                e.getMessage());
        assertTrue(e.getMessage().contains("epoch-0001.zip"), e.getMessage());
        assertEquals(1, store.latest().orElseThrow().epoch());
        assertFalse(Double.isNaN(Graphs.load(store.latest().get().model()).params().sumNumber().doubleValue()));
    }

    @Test
    void anInterruptStopsBetweenBatches(@TempDir Path dir) {
        ProgressListener interruptAtBatch3 = e -> {
            if (e.task().startsWith("epoch") && e.done() == 3) {
                Thread.currentThread().interrupt();
            }
        };
        CancellationException e = assertThrows(CancellationException.class, () ->
                new Trainer(CONFIG, new CheckpointStore(dir, 2), interruptAtBatch3, m -> { })
                        .train(newNet(CONFIG), data(), List.of()));
        assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
        assertTrue(e.getMessage().contains("at batch 3"), e.getMessage());
    }

    @Test
    void historyMustMatchTheNetworksEpoch(@TempDir Path dir) {
        ComputationGraph net = newNet(CONFIG);
        net.incrementEpochCount();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new Trainer(CONFIG, new CheckpointStore(dir, 2), ProgressListener.silent(), m -> { })
                        .train(net, data(), List.of()));
        assertTrue(e.getMessage().contains("1 epochs"), e.getMessage());
    }
}
