package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.experiment.ModelZoo;
import org.ullsnn.experiment.TinyRuns;
import org.ullsnn.io.FileTrees;
import org.ullsnn.progress.ProgressListener;

/** A shipped model's folder as {@code --run} (or {@code --model NAME}) of every command: read, never written. */
class ModelsAsRunTest {

    @TempDir
    static Path shared;
    static String data;
    static Path models;

    @TempDir
    Path dir;
    final SmallCli cli = new SmallCli();

    @BeforeAll
    static void shipOne() throws Exception {
        data = TinyRuns.writeData(shared.resolve("data")).toString();
        Path run = TinyRuns.train(Path.of(data), shared.resolve("runs"), TinyRuns.config("r", 2, 0));
        models = shared.resolve("repo/models");
        new ModelZoo(models).add(run, "m", "bin/ullsnn train --name r", false, false,
                new ModelZoo.DataSource(Path.of(data), true, TinyRuns.LAYOUTS), ProgressListener.silent());
    }

    /** The command, then the data and folders every call here shares. */
    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--runs", dir.resolve("out").toString(), "--models", models.toString(), "--data", data,
                "--offline"));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void everyCommandReadsTheModelAndWritesUnderTheRunsRootLeavingModelsUntouched() throws Exception {
        Map<String, String> before = TinyRuns.snapshot(models);
        String folder = models.resolve("m").toString();
        Path out = dir.resolve("out/m");

        assertEquals(0, run("convert", "--run", folder, "--strategy", "max-norm,half-shift", "--timesteps", "1,2",
                "--calibration-images", "20", "--save"), cli.err());
        assertEquals(0, run("evaluate", "--model", "m"), cli.err());
        assertEquals(0, run("energy", "--run", folder, "--timesteps", "2", "--strategy", "half-shift", "--preset", "fp32",
                "--test-per-class", "1", "--calibration-images", "20"), cli.err());
        assertEquals(0, run("finetune", "--model", "m", "--timesteps", "2", "--strategy", "half-shift", "--epochs", "1",
                "--batch", "8", "--train-per-class", "2", "--test-per-class", "1", "--calibration-images", "20"),
                cli.err());
        assertEquals(0, run("finetune", "--model", "m", "--name", "half-shift-T2", "--resume"), cli.err());
        assertEquals(0, cli.run("bench", "snn", "--model", "m", "--models", models.toString(), "--timesteps", "2",
                "--batch", "2", "--warmup", "0", "--iterations", "1"), cli.err());

        assertEquals(before, TinyRuns.snapshot(models), "models/ is byte-for-byte what it was");
        for (String f : List.of("conversion/accuracy.csv", "conversion/thresholds.csv", "snn/max-norm-T2.zip",
                "snn/half-shift-T2.zip", "evaluation/accuracy.csv", "energy/half-shift-T2_totals.csv",
                "finetune/half-shift-T2/metrics.csv", "finetune/half-shift-T2/model.zip")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String printed = cli.out();
        assertEquals(5, printed.split("shipped model m \\(" + java.util.regex.Pattern.quote(folder)
                + ", never written\\): outputs go to " + java.util.regex.Pattern.quote(out.toString()), -1).length - 1,
                "convert, evaluate, energy and both finetunes say where they wrote: " + printed);
        assertTrue(printed.contains("tables in " + out.resolve("conversion")), printed);
        assertTrue(printed.contains("max-norm-T2") && printed.contains("half-shift-T2"), "evaluate found the saved SNNs: "
                + printed);
        assertTrue(printed.contains("model m: CIFAR-10"), "energy names the model: " + printed);
    }

    @Test
    void aDamagedModelIsRefusedBeforeAnythingRuns() throws Exception {
        Path copy = dir.resolve("models");
        Files.createDirectories(copy);
        for (String f : ModelZoo.FILES) {
            Files.createDirectories(copy.resolve("m"));
            Files.copy(models.resolve("m").resolve(f), copy.resolve("m").resolve(f));
        }
        TinyRuns.flipByte(copy.resolve("m/model.zip"), 50);
        assertEquals(1, cli.run("evaluate", "--model", "m", "--models", copy.toString(), "--data", data, "--offline"));
        assertTrue(cli.err().contains("model m in " + copy.resolve("m") + " fails its check (MISMATCH"), cli.err());
        assertTrue(!cli.err().contains("\tat "), "no stack trace: " + cli.err());
        FileTrees.delete(copy);
    }

    @Test
    void theRunOrModelIsRequiredOnceAndAnUnknownModelIsNamed() {
        assertEquals(2, cli.run("evaluate", "--data", data));
        assertTrue(cli.err().contains("give --run DIR (a training run or a model folder) or --model NAME"), cli.err());
        cli.clear();
        assertEquals(2, cli.run("convert", "--run", "x", "--model", "m", "--models", models.toString()));
        assertTrue(cli.err().contains("give --run or --model, not both"), cli.err());
        cli.clear();
        assertEquals(1, run("energy", "--model", "nope"));
        assertTrue(cli.err().contains("no model 'nope' in " + models) && cli.err().contains("ullsnn models --models"),
                cli.err());
        cli.clear();
        assertEquals(1, cli.run("bench", "snn", "--model", "nope", "--models", models.toString()));
        assertTrue(cli.err().contains("no model 'nope'"), cli.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }
}
