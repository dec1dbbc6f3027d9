package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.experiment.TinyRuns;
import org.ullsnn.experiment.TrainRun;
import org.ullsnn.experiment.TrainRunConfig;
import org.ullsnn.nn.train.TrainConfig;

/** {@code ullsnn train --init-from DIR --activation-levels L}: quantisation-aware training from a trained network. */
class TrainInitFromTest {

    @TempDir
    static Path shared;
    static String data;
    /** The tiny net, 1 epoch, made by {@code ullsnn train}. */
    static Path base;

    @TempDir
    Path dir;
    final SmallCli cli = new SmallCli();

    @BeforeAll
    static void trainOnce() throws Exception {
        data = TinyRuns.writeData(shared.resolve("data")).toString();
        base = SmallCli.trainTiny(shared.resolve("runs"), data, "base", 1);
    }

    private int train(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--arch", "tiny", "--width", "1", "--epochs",
                "1", "--batch", "16", "--test-per-class", "1", "--runs", dir.toString(), "--data", data, "--offline"));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void startsFromTheTrainedNetworkRecordsItsHashAndReproducesTheCommand() throws Exception {
        assertEquals(0, train("--activation-levels", "2", "--init-from", base.toString(), "--name", "q"), cli.err());
        JsonNode saved = new ObjectMapper().readTree(dir.resolve("q/config.json").toFile());
        assertEquals(base.toString(), saved.at("/config/initFrom").asText());
        assertEquals(2, saved.at("/config/network/activationLevels").asInt());
        assertEquals(TinyRuns.sha256(base.resolve("model.zip")),
                saved.at("/provenance/data/init-from model.zip").asText(), saved.toString());

        TrainRunConfig config = TrainRun.readConfig(dir.resolve("q"));
        String command = TrainCommand.reproducingCommand(config);
        assertTrue(command.contains("--activation-levels 2 --init-from " + base), command);
        String[] args = command.substring("bin/ullsnn train ".length()).split(" ");
        assertEquals(config, SmallCli.parsed(new TrainCommand(), args).config());
    }

    @Test
    void theStartDecidesTheFirstEpoch() throws Exception {
        // same seed and data: only the starting parameters differ, so the first epoch's loss must too
        assertEquals(0, train("--name", "fresh"), cli.err());
        assertEquals(0, train("--init-from", base.toString(), "--name", "warm"), cli.err());
        String fresh = Files.readAllLines(dir.resolve("fresh/metrics.csv")).get(1);
        String warm = Files.readAllLines(dir.resolve("warm/metrics.csv")).get(1);
        assertNotEquals(fresh.split(",")[2], warm.split(",")[2], fresh + " / " + warm);
    }

    @Test
    void aMissingOrMismatchedNetworkFailsBeforeAnythingIsWritten() {
        assertEquals(1, train("--init-from", dir.resolve("nowhere").toString(), "--name", "x"));
        assertTrue(cli.err().contains("no model.zip there"), cli.err());
        assertFalse(Files.exists(dir.resolve("x")), "no run folder for a run that cannot start");

        cli.clear();
        assertEquals(1, train("--bn", "--init-from", base.toString(), "--name", "y"));
        assertTrue(cli.err().contains("does not fit") && cli.err().contains("missing from the trained network"),
                cli.err());
        assertFalse(Files.exists(dir.resolve("y")), "a network that does not fit writes no run folder");
    }

    @Test
    void aShortCosineRunGetsAShortWarmUp() {
        TrainConfig one = SmallCli.parsed(new TrainCommand(), "--preset", "cosine", "--epochs", "1").config()
                .training();
        assertEquals(0, one.warmupEpochs());
        assertEquals(1, SmallCli.parsed(new TrainCommand(), "--preset", "cosine", "--epochs", "3").config().training()
                .warmupEpochs());
        assertEquals(0.5, SmallCli.parsed(new TrainCommand(), "--preset", "cosine", "--epochs", "1",
                "--warmup-epochs", "0.5").config().training().warmupEpochs());
        assertEquals(0, SmallCli.parsed(new TrainCommand(), "--preset", "cosine", "--schedule", "step")
                .config().training().warmupEpochs());
    }
}
