package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.experiment.FineTuneRun;
import org.ullsnn.experiment.FineTuneRunConfig;
import org.ullsnn.experiment.TrainRun;
import org.ullsnn.nn.train.ScheduleKind;
import org.ullsnn.nn.train.TrainConfig;

/**
 * {@code finetune --schedule} and {@code --distill}: the paper's step schedule and one-hot loss by default, the others on
 * request, all reproducible; a config saved before {@code --distill} existed reads as the one-hot loss.
 */
class FineTuneOptionsTest {

    private static FineTuneRunConfig config(String... args) {
        return SmallCli.parsed(new FineTuneCommand(), args).config();
    }

    @Test
    void defaultIsThePapersStepSchedule() {
        TrainConfig t = config().training();
        assertEquals(ScheduleKind.STEP, t.scheduleKind());
        assertEquals(TrainConfig.fineTuning().lrMilestones(), t.lrMilestones());
        assertEquals(0, t.warmupEpochs());
    }

    @Test
    void cosineWithWarmUpAnnealsToZero() {
        TrainConfig t = config("--schedule", "cosine", "--warmup-epochs", "1", "--epochs", "10", "--lr", "1e-3")
                .training();
        assertEquals(ScheduleKind.COSINE, t.scheduleKind());
        assertEquals(1, t.warmupEpochs());
        assertEquals(1e-3, t.schedule().at(1), 1e-12, "peak after the warm-up");
        assertTrue(t.schedule().at(9) < 0.05 * t.learningRate(), "annealed near 0 in the last epoch");
    }

    @Test
    void reproducingCommandCarriesTheSchedule() {
        FineTuneRunConfig cosine = config("--schedule", "cosine", "--warmup-epochs", "0.5", "--epochs", "6");
        String command = FineTuneCommand.reproducingCommand(cosine, "m");
        assertTrue(command.contains("--schedule cosine --warmup-epochs 0.5 "), command);
        String step = FineTuneCommand.reproducingCommand(config(), "m");
        assertTrue(step.contains("--schedule step --l2 "), step);
    }

    @Test
    void unknownScheduleIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("--schedule", "linear"));
        assertTrue(e.getMessage().contains("unknown schedule 'linear'"), e.getMessage());
    }

    @Test
    void distillationIsOffByDefaultAndCarriedWhenSet() {
        assertEquals(0, config().distillation());
        FineTuneRunConfig distilled = config("--distill", "0.5");
        assertEquals(0.5, distilled.distillation());
        assertTrue(FineTuneCommand.reproducingCommand(distilled, "m").contains(" --distill 0.5 "));
        assertTrue(!FineTuneCommand.reproducingCommand(config(), "m").contains("--distill"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("--distill", "1.5"));
        assertTrue(e.getMessage().contains("distillation weight must be in [0, 1]"), e.getMessage());
    }

    @Test
    void configSavedBeforeDistillationReadsAsOneHot(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode saved = json.valueToTree(config("--name", "old"));
        saved.remove("distillation");
        saved.remove("countMaxPool");
        json.writeValue(dir.resolve(TrainRun.CONFIG_FILE).toFile(), Map.of("config", saved));
        FineTuneRunConfig read = FineTuneRun.readConfig(dir);
        assertEquals(0, read.distillation());
        assertEquals(false, read.countMaxPool(), "and with the paper's per-step max-pools");
        assertEquals(config("--name", "old"), read);
    }

    @Test
    void countMaxPoolsAreOffByDefaultAndCarriedWhenSet() {
        assertEquals(false, config().countMaxPool());
        FineTuneRunConfig countMax = config("--count-max-pool", "--strategy", "half-shift");
        assertTrue(countMax.countMaxPool());
        String command = FineTuneCommand.reproducingCommand(countMax, "m");
        assertTrue(command.contains(" --count-max-pool "), command);
        assertTrue(!FineTuneCommand.reproducingCommand(config(), "m").contains("count-max"));
    }

    @Test
    void defaultRunNameIsTheCommandLineStrategyMadeFileSafe() {
        assertEquals("fitted-dnn_1.3-T2", FineTuneRunConfig.defaultName("fitted-dnn:1.3", 2));
        assertEquals("fitted-dnn_1.3-T2", config("--strategy", "fitted-dnn:1.3").name());
        assertEquals("recommended-T4", config("--strategy", "recommended", "--timesteps", "4").name());
    }
}
