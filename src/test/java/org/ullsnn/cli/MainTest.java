package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.testing.Prerequisites;

class MainTest {

    private final SmallCli cli = SmallCli.officialData();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        for (String c : new String[] {"data", "train", "import", "convert", "evaluate", "finetune", "energy", "models",
            "bench", "kernel"}) {
            assertTrue(out.toString().contains(c), out.toString());
        }
    }

    /** picocli formats descriptions with {@code String.format}: a lone {@code %} prints a warning and the raw text. */
    @Test
    void everyCommandsHelpFormatsWithoutAWarning() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        List<String> helped = new java.util.ArrayList<>();
        try {
            java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(Main.commandLine()));
            while (!todo.isEmpty()) {
                CommandLine c = todo.pop();
                c.getUsageMessage();
                helped.add(c.getCommandSpec().qualifiedName());
                todo.addAll(c.getSubcommands().values());
            }
        } finally {
            System.setErr(stderr);
        }
        String warnings = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(helped.size() > 10, helped.toString());
        assertTrue(!warnings.contains("WARN"), warnings);
    }

    @Test
    void resumeNeedsARunName() {
        assertEquals(2, run("train", "--resume"));
        assertTrue(err.toString().contains("--resume needs --name"), err.toString());
    }

    @Test
    void resumeRefusesSettingsThatTheSavedConfigFixes() {
        assertEquals(2, run("train", "--resume", "--name", "x", "--epochs", "3", "--lr", "0.1"));
        assertTrue(err.toString().contains("--epochs, --lr"), err.toString());
    }

    @Test
    void aMissingRunIsOneClearLineNotAStackTrace(@TempDir Path dir) {
        assertEquals(1, run("train", "--resume", "--name", "nope", "--runs", dir.toString(), "--offline",
                "--data", dir.toString()));
        assertTrue(err.toString().contains("error:") && err.toString().contains("config.json is missing"),
                err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void badOptionValuesNameTheLegalOnes(@TempDir Path dir) {
        assertEquals(1, run("train", "--arch", "vgg19", "--runs", dir.toString(), "--data", dir.toString(), "--offline"));
        assertTrue(err.toString().contains("vgg16"), err.toString());
    }

    /** End to end on the real CIFAR-10 files: a tiny net, 20 images per class, one epoch. */
    @Test
    void trainsATinyNetOnRealCifar10(@TempDir Path dir) throws Exception {
        String data = Prerequisites.requireRealCifar(CifarDataset.CIFAR10).toString();
        int code = run("train", "--arch", "tiny", "--width", "1", "--epochs", "1", "--batch", "32",
                "--train-per-class", "20", "--test-per-class", "10", "--name", "t", "--runs", dir.toString(),
                "--data", data, "--offline");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("run t: 1 epochs, final test accuracy"), out.toString());
        assertTrue(Files.isRegularFile(dir.resolve("t/model.zip")));
        assertEquals(2, Files.readAllLines(dir.resolve("t/metrics.csv")).size());
    }
}
