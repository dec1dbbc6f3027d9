package org.ullsnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLocationTest {

    @TempDir
    Path dir;

    @Test
    void aTrainingRunIsReadAndWrittenInPlace() throws Exception {
        Path run = Files.createDirectories(dir.resolve("runs/r"));
        RunLocation l = RunLocation.resolve(run, dir.resolve("models"), dir.resolve("out"));
        assertFalse(l.isModel());
        assertEquals(run, l.source());
        assertEquals(run, l.outputs());
        assertEquals(run.resolve("conversion/a.csv"), l.output("conversion", "a.csv"));
        assertEquals("", l.note());
    }

    @Test
    void aFolderUnderTheModelsFolderOrHoldingAModelCardIsAShippedModelWrittenUnderTheRunsRoot() throws Exception {
        Path models = Files.createDirectories(dir.resolve("repo/models"));
        Path underModels = Files.createDirectories(models.resolve("m"));
        RunLocation l = RunLocation.resolve(underModels, models, dir.resolve("out"));
        assertTrue(l.isModel());
        assertEquals("m", l.modelName());
        assertEquals(underModels, l.source());
        assertEquals(dir.resolve("out/m"), l.outputs());
        assertTrue(l.note().contains("outputs go to " + dir.resolve("out/m")), l.note());

        Path elsewhere = Files.createDirectories(dir.resolve("copied/c10"));
        Files.writeString(elsewhere.resolve(ModelZoo.CARD_FILE), "{}");
        RunLocation c = RunLocation.resolve(elsewhere.resolve("."), models, Path.of("runs"));
        assertEquals("c10", c.modelName());
        assertEquals(Path.of("runs/c10"), c.outputs());

        assertEquals(models.resolve("m"), RunLocation.ofModel("m", models, dir.resolve("out")).source());
        assertFalse(RunLocation.resolve(models, models, dir.resolve("out")).isModel(), "the models folder itself");
    }

    @Test
    void aModelsOutputsMayNotLandInsideTheModels() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models/m")).getParent();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunLocation.resolve(models.resolve("m"), models, models));
        assertTrue(e.getMessage().contains("inside the shipped models") && e.getMessage().contains("--runs"),
                e.getMessage());
    }

    @Test
    void aRunFolderThatIsNeitherAModelNorWritableIsAClearError() throws Exception {
        Path run = Files.createDirectories(dir.resolve("read-only-run"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunLocation.resolve(run, dir.resolve("models"), dir.resolve("out"), p -> false));
        assertTrue(e.getMessage().contains("run folder " + run + " is not writable")
                && e.getMessage().contains("not a shipped model") && e.getMessage().contains("ullsnn models add"),
                e.getMessage());
        // a read-only model folder is fine: it is never written
        Files.writeString(run.resolve(ModelZoo.CARD_FILE), "{}");
        assertTrue(RunLocation.resolve(run, dir.resolve("models"), dir.resolve("out"), p -> false).isModel());
    }

    @Test
    void anUnknownModelNameSaysHowToListThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunLocation.ofModel("nope", dir.resolve("models"), dir));
        assertTrue(e.getMessage().contains("no model 'nope' in " + dir.resolve("models"))
                && e.getMessage().contains("ullsnn models --models"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunLocation.ofModel("../x", dir, dir));
        assertTrue(e.getMessage().contains("model name must match"), e.getMessage());
    }

    @Test
    void theRunsRootIsTheFlagThenTheEnvironmentThenRuns() {
        assertEquals(Path.of("f"), RunLocation.runsRoot(Path.of("f"), Map.of("ULLSNN_RUNS", "e")));
        assertEquals(Path.of("e"), RunLocation.runsRoot(null, Map.of("ULLSNN_RUNS", " e ")));
        assertEquals(Path.of("runs"), RunLocation.runsRoot(null, Map.of("ULLSNN_RUNS", " ")));
        assertEquals(Path.of("runs"), RunLocation.runsRoot(null, Map.of()));
    }
}
