package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.energy.EnergyCosts;
import org.ullsnn.energy.FanOut;
import org.ullsnn.energy.FirstLayer;
import org.ullsnn.energy.Preset;
import picocli.CommandLine;

class EnergyCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new EnergyCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static EnergyCommand parsed(String... args) {
        return SmallCli.parsed(new EnergyCommand(), args);
    }

    @Test
    void helpNamesTheEnergyOptions() {
        assertEquals(0, run("--help"));
        for (String o : List.of("--timesteps", "--strategy", "--preset", "--e-mac", "--e-ac", "--first-layer",
                "--exact-fanout", "--neuron-cost", "--test-per-class", "--calibration-images")) {
            assertTrue(out.toString().contains(o), o + " in " + out);
        }
    }

    @Test
    void withoutCostOptionsEveryPresetIsPriced() {
        assertEquals(List.of(Preset.FP32.costs(), Preset.FP16.costs(), Preset.INT32.costs(), Preset.INT8.costs()),
                parsed("--run", "r").costs());
    }

    @Test
    void customConstantsAloneReplaceThePresetsAndWithPresetsJoinThem() {
        assertEquals(List.of(EnergyCosts.custom(2, 0.5)), parsed("--run", "r", "--e-mac", "2", "--e-ac", "0.5").costs());
        assertEquals(List.of(Preset.INT8.costs(), EnergyCosts.custom(2, 0.5)),
                parsed("--run", "r", "--preset", "int8", "--e-mac", "2", "--e-ac", "0.5").costs());
    }

    @Test
    void theConventionOptionsReachTheConventions() {
        var c = parsed("--run", "r", "--first-layer", "per-step", "--exact-fanout", "--neuron-cost", "0.03")
                .conventions();
        assertEquals(FirstLayer.PER_STEP, c.firstLayer());
        assertEquals(FanOut.EXACT, c.fanOut());
        assertEquals(0.03, c.neuronPj());
    }

    @Test
    void customEnergyNeedsBothConstants(@TempDir Path dir) {
        assertEquals(2, run("--run", dir.toString(), "--e-mac", "1"));
        assertTrue(err.toString().contains("both --e-mac and --e-ac"), err.toString());
    }

    @Test
    void anUnknownPresetNamesTheLegalOnes(@TempDir Path dir) {
        assertEquals(2, run("--run", dir.toString(), "--preset", "bf16"), err.toString());
        assertTrue(err.toString().contains("fp32, fp16, int32, int8"), err.toString());
    }

    @Test
    void anUnknownFirstLayerConventionNamesTheLegalOnes(@TempDir Path dir) {
        assertEquals(2, run("--run", dir.toString(), "--first-layer", "twice"));
        assertTrue(err.toString().contains("once, per-step, ignore"), err.toString());
    }
}
