package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ullsnn.experiment.FineTuneRunConfig;
import org.ullsnn.nn.train.ScheduleKind;
import org.ullsnn.nn.train.TrainConfig;
import picocli.CommandLine;

/** {@code finetune --schedule}: the paper's step schedule by default, cosine on request, both reproducible. */
class FineTuneScheduleTest {

    private static FineTuneRunConfig config(String... args) {
        FineTuneCommand command = new FineTuneCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
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
}
