package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.testing.Prerequisites;

/**
 * The commands end to end on the real CIFAR-10 files ({@code ULLSNN_DATA}) with a tiny net: they train, convert,
 * simulate and fine-tune for tens of seconds on a busy 2-core machine, so they run with the integration tests
 * ({@code MainTest} keeps the one-epoch training on real data).
 */
class RealCifarCliIT {

    private final SmallCli cli = SmallCli.officialData();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    /** The whole pipeline on real CIFAR-10 with a tiny net: train, convert (+ save), evaluate, fine-tune. */
    @Test
    void trainConvertEvaluateAndFineTuneOnRealCifar10(@TempDir Path dir) throws Exception {
        String data = Prerequisites.requireRealCifar(CifarDataset.CIFAR10).toString();
        String runs = dir.toString();
        assertEquals(0, run("train", "--arch", "tiny", "--width", "1", "--epochs", "1", "--batch", "32",
                "--train-per-class", "20", "--test-per-class", "5", "--name", "p", "--runs", runs, "--data", data,
                "--offline"), err.toString());
        Path runDir = dir.resolve("p");
        assertEquals(0, run("convert", "--run", runDir.toString(), "--strategy", "trained-clip,fitted-snn",
                "--timesteps", "1,2", "--calibration-images", "100", "--snn-pairs", "500", "--test-per-class", "5",
                "--save", "--data", data, "--offline"), err.toString());
        assertTrue(out.toString().contains("T=1") && out.toString().contains("fitted-snn"), out.toString());
        for (String f : new String[] {"accuracy.csv", "accuracy_pivot.csv", "spike_rates.csv", "thresholds.csv",
            "distributions.csv", "fits.csv", "conversion_error.csv"}) {
            assertTrue(Files.isRegularFile(runDir.resolve("conversion").resolve(f)), f);
        }
        assertTrue(Files.isRegularFile(runDir.resolve("snn/fitted-snn-T2.zip")));
        assertEquals(0, run("evaluate", "--run", runDir.toString(), "--test-per-class", "5", "--data", data,
                "--offline"), err.toString());
        assertTrue(Files.readAllLines(runDir.resolve("evaluation/accuracy.csv")).size() > 2);
        assertEquals(0, run("finetune", "--run", runDir.toString(), "--timesteps", "2", "--epochs", "1",
                "--batch", "32", "--train-per-class", "10", "--test-per-class", "5", "--calibration-images", "100",
                "--data", data, "--offline"), err.toString());
        Path ft = runDir.resolve("finetune/fitted-dnn-T2");
        for (String f : new String[] {"config.json", "accuracy_before.json", "metrics.csv", "drift.csv", "model.zip"}) {
            assertTrue(Files.isRegularFile(ft.resolve(f)), f);
        }
        assertEquals(2 * 3, Files.readAllLines(ft.resolve("drift.csv")).size() - 1, "3 IF layers at epochs 0 and 1");
    }

    /** End to end on the real CIFAR-10 files: a tiny net trained one epoch on 20 images per class. */
    @Test
    void printsAndSavesTheEnergyTablesOfATrainedRun(@TempDir Path dir) throws Exception {
        String data = Prerequisites.requireRealCifar(CifarDataset.CIFAR10).toString();
        assertEquals(0, run("train", "--arch", "tiny", "--width", "1", "--epochs", "1", "--batch", "32",
                "--train-per-class", "20", "--test-per-class", "10", "--name", "t", "--runs", dir.toString(),
                "--data", data, "--offline"), err.toString());
        Path runDir = dir.resolve("t");

        out.getBuffer().setLength(0);
        int code = run("energy", "--run", runDir.toString(), "--timesteps", "2", "--test-per-class", "5",
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
