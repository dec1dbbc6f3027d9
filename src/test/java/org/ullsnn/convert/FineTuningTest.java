package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.train.Checkpoint;
import org.ullsnn.nn.train.CheckpointStore;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.FineTuneSettings;
import org.ullsnn.snn.FineTuning;
import org.ullsnn.snn.IFNeuron;
import org.ullsnn.snn.IFNeuronLayer;
import org.ullsnn.snn.SpikingNetwork;
import org.ullsnn.snn.Surrogate;

/** Fine-tuning a converted SNN of the small trained net, end to end through DL4J's training loop. */
class FineTuningTest {

    private static final TrainConfig TRAIN = TrainConfig.fineTuning().withEpochs(2).withBatchSize(32)
            .withLearningRate(1e-3);

    private static SpikingNetwork converted() {
        return Converter.convert(SmallTrainedNet.get(), ConvertConfig.of(ThresholdStrategy.maxNorm(), 2,
                SmallTrainedNet.calibrationImages()), ProgressListener.silent()).snn();
    }

    @Test
    void trainsThresholdsLeaksAndWeightsAndKeepsLeaksAtMostOne(@TempDir Path dir) {
        SpikingNetwork snn = converted();
        INDArray before = snn.graph().params().dup();
        // three epochs: the second trains at lr / 5 (before the schedule fix it ran at lr / 125 and barely moved,
        // which is what kept a two-epoch loss from rising); the loss of a near-perfect net wobbles between epochs
        FineTuning.Result r = FineTuning.run(snn, SmallTrainedNet.epochData(32), FineTuneSettings.defaults(),
                TRAIN.withEpochs(3), new CheckpointStore(dir, 2), ProgressListener.silent());
        assertEquals(before, snn.graph().params(), "the converted network itself is not changed");
        assertEquals(3, r.history().size());
        assertTrue(r.history().get(2).trainLoss() < r.history().get(0).trainLoss(), r.history().toString());
        assertEquals(3 * 4, r.drift().size(), "3 IF layers before and after each of 3 epochs");
        var first = r.drift().get(0);
        var last = r.drift().get(r.drift().size() - 3);
        assertEquals(first.layer(), last.layer());
        assertNotEquals(first.theta(), last.theta(), "theta trains");
        for (var s : r.drift()) {
            assertTrue(s.lambda() <= 1.0 && s.theta() > 0, s.toString());
        }
        assertTrue(r.history().get(2).testAccuracy() >= r.accuracyBefore() - 0.1,
                "fine-tuning does not wreck the SNN: " + r.accuracyBefore() + " -> " + r.history().get(2).testAccuracy());
    }

    @Test
    void trainableCopyCarriesTheSettingsAndTheUpdater() {
        ComputationGraph net = FineTuning.trainable(converted(), new FineTuneSettings(Surrogate.TRIANGLE, 0.2, true),
                TRAIN);
        IFNeuronLayer conf = (IFNeuronLayer) ((IFNeuron) net.getLayer("conv1_act")).getConfig();
        assertEquals(Surrogate.TRIANGLE, conf.getSurrogate());
        assertEquals(0.2, conf.getDropout());
        assertTrue(conf.isDetachReset());
        assertEquals(TRAIN.learningRate(), net.getLearningRate("conv1"), 1e-12);
        assertEquals(0, net.getEpochCount());
    }

    @Test
    void aResumedFineTuningEndsWhereAnUninterruptedOneEnds(@TempDir Path dir) {
        TrainConfig three = TRAIN.withEpochs(3);
        FineTuning.Result straight = FineTuning.run(converted(), SmallTrainedNet.epochData(32),
                FineTuneSettings.defaults(), three, new CheckpointStore(dir.resolve("a"), 3), ProgressListener.silent());
        Checkpoint last = new CheckpointStore(dir.resolve("a"), 3).latest().orElseThrow();
        assertEquals(3, last.epoch());
        // resume the 3-epoch run from its epoch-2 checkpoint
        ComputationGraph resumed = Graphs.load(dir.resolve("a/epoch-0002.zip"));
        FineTuning.Result r = FineTuning.continueTraining(resumed, straight.history().subList(0, 2),
                SmallTrainedNet.epochData(32), three, new CheckpointStore(dir.resolve("c"), 3), ProgressListener.silent(),
                before -> { }, m -> { });
        assertEquals(3, r.history().size());
        assertEquals(straight.history().get(2).trainLoss(), r.history().get(2).trainLoss(), 1e-5);
        assertTrue(straight.net().params().equalsWithEps(r.net().params(), 1e-5));
    }
}
