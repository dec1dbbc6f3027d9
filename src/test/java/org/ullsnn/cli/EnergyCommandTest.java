package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.energy.EnergyCosts;
import org.ullsnn.energy.FanOut;
import org.ullsnn.energy.FirstLayer;
import org.ullsnn.energy.Preset;
import org.ullsnn.testing.Prerequisites;
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
        EnergyCommand cmd = new EnergyCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
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

    /** End to end on the real CIFAR-10 files: a tiny net trained one epoch on 20 images per class. */
    @Test
    void printsAndSavesTheEnergyTablesOfATrainedRun(@TempDir Path dir) throws Exception {
        String data = Prerequisites.requireRealCifar(CifarDataset.CIFAR10).toString();
        CommandLine train = Main.commandLine();
        train.setOut(new PrintWriter(new StringWriter(), true));
        train.setErr(new PrintWriter(err, true));
        assertEquals(0, train.execute("train", "--arch", "tiny", "--width", "1", "--epochs", "1", "--batch", "32",
                "--train-per-class", "20", "--test-per-class", "10", "--name", "t", "--runs", dir.toString(),
                "--data", data, "--offline"), err.toString());
        Path runDir = dir.resolve("t");

        int code = run("--run", runDir.toString(), "--timesteps", "2", "--test-per-class", "5",
                "--calibration-images", "100", "--data", data, "--offline");
        assertEquals(0, code, err.toString());
        String printed = out.toString();
        for (String s : List.of("FP32 (45 nm, Horowitz 2014): E_MAC 4.6 pJ, E_AC 0.9 pJ", "INT8", "T = 2",
                "first layer counted once (constant input, cached)", "fan-out uniform", "ceiling sum MACs / MACs_1",
                "E_DNN / E_SNN", "FP32_snn_nJ")) {
            assertTrue(printed.contains(s), s + " in " + printed);
        }
        Path energy = runDir.resolve("energy");
        for (String f : List.of("fitted-dnn-T2_layers.csv", "fitted-dnn-T2_totals.csv", "fitted-dnn-T2_spike_rates.csv",
                "fitted-dnn-T2_summary.txt", "macs.csv")) {
            assertTrue(Files.isRegularFile(energy.resolve(f)), f);
        }
        List<String> totals = Files.readAllLines(energy.resolve("fitted-dnn-T2_totals.csv"));
        assertEquals(5, totals.size(), "a header and one row per preset: " + totals);
        assertTrue(totals.get(0).contains("ratio") && totals.get(0).contains("ceiling")
                && totals.get(0).contains("first_layer"), totals.get(0));
    }
}
