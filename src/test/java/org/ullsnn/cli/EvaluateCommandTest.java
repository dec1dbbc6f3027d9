package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.experiment.ModelCard;
import org.ullsnn.experiment.ModelZoo;
import org.ullsnn.experiment.TinyRuns;
import org.ullsnn.progress.ProgressListener;

class EvaluateCommandTest {

    @TempDir
    static Path shared;
    static String data;
    static Path run;
    static Path models;

    @TempDir
    Path dir;
    final SmallCli cli = new SmallCli();

    @BeforeAll
    static void trainAndShip() throws Exception {
        data = TinyRuns.writeData(shared.resolve("data")).toString();
        run = TinyRuns.train(Path.of(data), shared.resolve("runs"), TinyRuns.config("r", 2, 1));
        models = shared.resolve("models");
        new ModelZoo(models).add(run, "m", "bin/ullsnn train --name r", false, false,
                new ModelZoo.DataSource(Path.of(data), true, TinyRuns.LAYOUTS), ProgressListener.silent());
    }

    @Test
    void evaluateModelPrintsTheDnnAccuracyOnTheFullTestSet() {
        ModelCard card = ModelZoo.readCard(models.resolve("m"));
        assertEquals(0, cli.run("evaluate", "--model", "m", "--models", models.toString(), "--runs",
                dir.resolve("out").toString(), "--data", data, "--offline"), cli.err());
        String expected = String.format(Locale.ROOT, "DNN (model m) test accuracy %.2f %% on 20 CIFAR-10 test images "
                + "(the full test set)", 100 * card.testAccuracy());
        assertTrue(cli.out().contains(expected), expected + " in " + cli.out());
        assertTrue(cli.out().contains("no saved SNN in " + dir.resolve("out/m/snn"))
                && cli.out().contains("ullsnn convert --model m --save") && cli.out().contains("nothing written"),
                cli.out());
        assertFalse(Files.exists(dir.resolve("out")), "no SNNs: nothing written");
    }

    @Test
    void evaluateRunPrintsItsDnnAccuracyOnTheFullTestSetWhateverTheRunTestedOn() {
        assertEquals(0, cli.run("evaluate", "--run", run.toString(), "--data", data, "--offline"), cli.err());
        assertTrue(cli.out().contains("test accuracy") && cli.out().contains("on 20 CIFAR-10 test images (the full test set)"),
                cli.out());
        cli.clear();
        assertEquals(0, cli.run("evaluate", "--run", run.toString(), "--test-per-class", "1", "--data", data,
                "--offline"), cli.err());
        assertTrue(cli.out().contains("on 10 CIFAR-10 test images (the first 1 per class)"), cli.out());
    }
}
