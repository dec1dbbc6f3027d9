package org.ullsnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarFixtures;
import org.ullsnn.data.CifarLayout;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.data.MissingDataException;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.progress.ProgressListener;

class TrainRunTest {

    /** 50 training images (5 per class) and 20 test images in the official file format. */
    private static final CifarLayout SMALL = CifarFixtures.smallCifar10();

    private static TrainRunConfig config(String name, int epochs) {
        return new TrainRunConfig(name, CifarDataset.CIFAR10, LabelLevel.FINE,
                NetworkSpec.defaults(Architecture.TINY, 10).withConvDropout(0.1),
                TrainConfig.defaults().withEpochs(epochs).withBatchSize(16).withSeed(3), 0, 0, true);
    }

    private static TrainRun run(Path data) {
        return new TrainRun(data, true, ProgressListener.silent(), d -> SMALL);
    }

    @Test
    void writesConfigWithProvenanceMetricsCheckpointsAndModel(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        CifarFixtures.write(SMALL, data);
        TrainRun.Result result = run(data).start(config("r1", 2), dir.resolve("runs"));

        Path runDir = dir.resolve("runs/r1");
        assertEquals(runDir, result.runDir());
        assertEquals(2, result.history().size());
        assertTrue(Files.isRegularFile(runDir.resolve("model.zip")));
        assertTrue(Files.isRegularFile(runDir.resolve("checkpoints/epoch-0002.zip")));
        List<String> csv = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertEquals(3, csv.size(), "header and two epochs: " + csv);
        assertTrue(csv.get(0).startsWith("epoch,learning_rate,train_loss,test_accuracy"), csv.get(0));

        JsonNode json = TrainRun.JSON.readTree(runDir.resolve("config.json").toFile());
        assertEquals("TINY", json.at("/config/network/architecture").asText());
        assertEquals(3, json.at("/provenance/seed").asLong());
        assertEquals(64, json.at("/provenance/data/test_batch.bin").asText().length(), "a SHA-256 per data file");
        assertTrue(json.at("/provenance/oneDnnConvolution").asBoolean());
        assertEquals(config("r1", 2), TrainRun.readConfig(runDir));
    }

    @Test
    void resumeContinuesFromTheLastCheckpointWithTheSavedSettings(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        CifarFixtures.write(SMALL, data);
        TrainRun.Result straight = run(data).start(config("a", 3), dir.resolve("runs"));

        run(data).start(config("b", 3), dir.resolve("runs"));
        Path b = dir.resolve("runs/b");
        // as if killed during epoch 3: its checkpoint and the final model never got written
        Files.delete(b.resolve("checkpoints/epoch-0003.zip"));
        Files.delete(b.resolve("checkpoints/epoch-0003.json"));
        Files.delete(b.resolve("model.zip"));

        TrainRun.Result resumed = run(data).resume(b);
        assertEquals(3, resumed.history().size());
        assertEquals(straight.history().get(2).testAccuracy(), resumed.history().get(2).testAccuracy(), 0);
        assertEquals(straight.history().get(2).trainLoss(), resumed.history().get(2).trainLoss(), 1e-5);
        assertTrue(Files.isRegularFile(b.resolve("resume-1.json")));
        assertTrue(Files.isRegularFile(b.resolve("model.zip")));
    }

    @Test
    void startRefusesAFolderThatHoldsARun(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        CifarFixtures.write(SMALL, data);
        run(data).start(config("r", 1), dir.resolve("runs"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(data).start(config("r", 1), dir.resolve("runs")));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void offlineWithoutDataNamesTheMissingFiles(@TempDir Path dir) {
        MissingDataException e = assertThrows(MissingDataException.class,
                () -> run(dir.resolve("empty")).start(config("r", 1), dir.resolve("runs")));
        assertTrue(e.getMessage().contains("data_batch_1.bin"), e.getMessage());
    }

    @Test
    void aConfigSavedBeforeActivationLevelsAndInitFromReadsAsContinuousAndRandomlyStarted() {
        TrainRunConfig shipped = TrainRun.readConfig(Path.of("models/c10-vgg16-w0.25-clip-bn"));
        assertEquals(0, shipped.network().activationLevels());
        assertEquals(null, shipped.initFrom());
        assertEquals(30, shipped.training().epochs());
    }

    @Test
    void configRejectsAHeadThatDoesNotMatchTheDataset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainRunConfig("x",
                CifarDataset.CIFAR100, LabelLevel.FINE, NetworkSpec.cpuPreset(10), TrainConfig.defaults(), 0, 0, true));
        assertTrue(e.getMessage().contains("10 outputs") && e.getMessage().contains("100 classes"), e.getMessage());
        assertEquals("cifar10-vgg16-w0.25-clip-relu",
                TrainRunConfig.defaultName(CifarDataset.CIFAR10, NetworkSpec.cpuPreset(10)));
    }
}
