package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.experiment.ModelCard;
import org.ullsnn.experiment.ModelZoo;
import org.ullsnn.experiment.TinyRuns;
import org.ullsnn.experiment.TrainRun;

class ModelsCommandTest {

    @TempDir
    static Path shared;
    static String data;
    /** The tiny net, 2 epochs, tested on the first image per class while training; made by {@code ullsnn train}. */
    static Path run;

    @TempDir
    Path dir;
    final SmallCli cli = new SmallCli();

    @BeforeAll
    static void trainOnce() throws Exception {
        data = TinyRuns.writeData(shared.resolve("data")).toString();
        run = SmallCli.trainTiny(shared.resolve("runs"), data, "t", 2);
    }

    private int add(String name, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("models", "add", "--run", run.toString(), "--name", name,
                "--models", dir.resolve("models").toString(), "--data", data, "--offline"));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    private int list() {
        return cli.run("models", "--models", dir.resolve("models").toString());
    }

    @Test
    void addWritesTheEntryAndItsCommandReproducesTheRun() throws Exception {
        assertEquals(0, add("m"), cli.err());
        Path m = dir.resolve("models/m");
        ModelCard card = ModelZoo.readCard(m);
        String printed = cli.out();
        for (String s : List.of("model m: CIFAR-10, tiny w1.0 clip-relu, test accuracy",
                "on 20 test images (the full test set), 2 epochs", "no updater state, SHA-256 " + card.modelSha256(),
                "reproduce: bin/ullsnn train --dataset cifar10 --labels fine --arch tiny --width 1", "budget 40 MB")) {
            assertTrue(printed.contains(s), s + " in " + printed);
        }
        assertEquals(TinyRuns.sha256(m.resolve("model.zip")), card.modelSha256());
        assertFalse(TinyRuns.zipEntries(m.resolve("model.zip")).contains("updaterState.bin"));
        assertEquals(20, card.testImages());

        // the command names every setting, and parsed back it gives the run's exact config
        String command = card.trainCommand();
        assertTrue(command.startsWith("bin/ullsnn train "), command);
        for (String o : List.of("--arch tiny", "--no-bn", "--conv-dropout 0.1", "--fc-dropout 0.5", "--initial-mu 4",
                "--dense-init normal", "--epochs 2", "--batch 16", "--lr 0.01", "--schedule step", "--warmup-epochs 0",
                "--momentum 0.95", "--l2 0.0005", "--seed 42", "--train-per-class 0", "--test-per-class 1",
                "--keep-checkpoints 2", "--name t")) {
            assertTrue(command.contains(o), o + " in " + command);
        }
        String[] args = command.substring("bin/ullsnn train ".length()).split(" ");
        assertEquals(TrainRun.readConfig(run), SmallCli.parsed(new TrainCommand(), args).config());

        // and run, it trains the same network again
        List<String> again = new java.util.ArrayList<>(List.of(args));
        again.addAll(0, List.of("train"));
        again.addAll(List.of("--runs", dir.resolve("again").toString(), "--data", data, "--offline"));
        assertEquals(0, cli.run(again.toArray(String[]::new)), cli.err());
        List<String> first = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> second = Files.readAllLines(dir.resolve("again/t/metrics.csv"));
        assertEquals(first.size(), second.size());
        for (int i = 1; i < first.size(); i++) {
            String[] a = first.get(i).split(",");
            String[] b = second.get(i).split(",");
            assertEquals(a[0] + "," + a[1] + "," + a[3], b[0] + "," + b[1] + "," + b[3], "epoch, lr, test accuracy");
            assertEquals(Double.parseDouble(a[2]), Double.parseDouble(b[2]), 1e-5, "train loss of epoch " + a[0]);
        }
    }

    @Test
    void listShowsEachModelAndFailsOnAChangedByteOrAMissingFile() throws Exception {
        assertEquals(0, add("m"), cli.err());
        assertEquals(0, add("n"), cli.err());
        cli.clear();
        assertEquals(0, list(), cli.err());
        String listed = cli.out();
        assertTrue(listed.startsWith("name  dataset   arch") && listed.contains("accuracy  size_MB  checksum"), listed);
        assertTrue(listed.contains("m     CIFAR-10  tiny w1.0 clip-relu") && listed.contains("OK"), listed);
        assertTrue(listed.contains("2 model(s)") && listed.contains("budget 40 MB"), listed);

        Path zip = dir.resolve("models/m/model.zip");
        TinyRuns.flipByte(zip, 100);
        Files.delete(dir.resolve("models/n/config.json"));
        cli.clear();
        assertEquals(1, list());
        assertTrue(cli.out().contains("MISMATCH") && cli.out().contains("MISSING"), cli.out());
        assertTrue(cli.err().contains("m: MISMATCH: model.zip has SHA-256")
                && cli.err().contains("n: MISSING: config.json missing")
                && cli.err().contains("2 of 2 entries failed the check"), cli.err());
    }

    @Test
    void addRefusesAnExistingNameUnlessForcedAndAnUnfinishedRun() throws Exception {
        assertEquals(0, add("m"), cli.err());
        cli.clear();
        assertEquals(1, add("m"));
        assertTrue(cli.err().contains("model m already exists") && cli.err().contains("--force"), cli.err());
        assertTrue(!cli.err().contains("\tat "), "no stack trace: " + cli.err());
        assertEquals(0, add("m", "--force"), cli.err());

        Path unfinished = Files.createDirectories(dir.resolve("unfinished"));
        Files.copy(run.resolve("config.json"), unfinished.resolve("config.json"));
        Files.copy(run.resolve("metrics.csv"), unfinished.resolve("metrics.csv"));
        cli.clear();
        assertEquals(1, cli.run("models", "add", "--run", unfinished.toString(), "--name", "u", "--models",
                dir.resolve("models").toString(), "--data", data, "--offline"));
        assertTrue(cli.err().contains("has no model.zip"), cli.err());
        cli.clear();
        assertEquals(2, cli.run("models", "add", "--run", run.toString()));
        assertTrue(cli.err().contains("--name"), cli.err());
    }

    @Test
    void addWarnsWhenTheModelsFolderOutgrowsItsBudget() throws Exception {
        Files.createDirectories(dir.resolve("models"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("models/big.bin").toFile(), "rw")) {
            f.setLength(ModelZoo.BUDGET_BYTES);   // sparse: no disk used
        }
        assertEquals(0, add("m"), cli.err());
        assertTrue(cli.err().contains("warning:") && cli.err().contains("over the 40 MB budget"), cli.err());
    }

    @Test
    void anEmptyZooSaysHowToFillIt() {
        assertEquals(0, list(), cli.err());
        assertTrue(cli.out().contains("no models in") && cli.out().contains("ullsnn models add --run DIR --name NAME"),
                cli.out());
    }
}
