package org.ullsnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ullsnn.data.CifarReader;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.ImageSetIterator;
import org.ullsnn.data.IteratorOptions;
import org.ullsnn.data.Split;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.train.Accuracy;
import org.ullsnn.progress.ProgressListener;

class ModelZooTest {

    private static final String COMMAND = "bin/ullsnn train --name r";

    @TempDir
    static Path shared;
    static Path data;
    /** Two epochs, tested on 1 image per class during training (the zoo measures on all 20). */
    static Path run;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnce() throws Exception {
        data = TinyRuns.writeData(shared.resolve("data"));
        run = TinyRuns.train(data, shared.resolve("runs"), TinyRuns.config("r", 2, 1));
    }

    private static ModelZoo.DataSource source() {
        return new ModelZoo.DataSource(data, true, TinyRuns.LAYOUTS);
    }

    private ModelZoo.Added add(ModelZoo zoo, Path from, String name, boolean force) throws Exception {
        return zoo.add(from, name, COMMAND, force, false, source(), ProgressListener.silent());
    }

    private Path copyOfRun(String name) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("runs-copy").resolve(name));
        for (String f : List.of("config.json", "metrics.csv", "model.zip")) {
            Files.copy(run.resolve(f), copy.resolve(f));
        }
        return copy;
    }

    @Test
    void addWritesTheFourFilesWithAChecksumTheFullTestSetAccuracyAndNoUpdaterState() throws Exception {
        ModelZoo zoo = new ModelZoo(dir.resolve("models"));
        ModelZoo.Added a = add(zoo, run, "m", false);

        Path m = dir.resolve("models/m");
        assertEquals(m, a.folder());
        for (String f : ModelZoo.FILES) {
            assertTrue(Files.isRegularFile(m.resolve(f)), f);
        }
        ModelCard card = ModelZoo.readCard(m);
        assertEquals(card, a.card());
        assertEquals(TinyRuns.sha256(m.resolve("model.zip")), card.modelSha256());
        assertEquals(Files.size(m.resolve("model.zip")), card.modelBytes());
        assertTrue(TinyRuns.zipEntries(run.resolve("model.zip")).contains("updaterState.bin"), "the run's has it");
        assertFalse(TinyRuns.zipEntries(m.resolve("model.zip")).contains("updaterState.bin"),
                "no updater state: " + TinyRuns.zipEntries(m.resolve("model.zip")));
        assertTrue(Files.size(m.resolve("model.zip")) < Files.size(run.resolve("model.zip")));
        assertEquals(-1, Files.mismatch(run.resolve("config.json"), m.resolve("config.json")));
        assertEquals(-1, Files.mismatch(run.resolve("metrics.csv"), m.resolve("metrics.csv")));

        // the full test set (20 images), not the run's first image per class, and the saved network's own accuracy
        ImageSet test = new CifarReader(TinyRuns.SMALL).read(data, Split.TEST);
        assertEquals(20, card.testImages());
        double expected = Accuracy.of(Graphs.load(run.resolve("model.zip")), new ImageSetIterator(test,
                org.ullsnn.data.CifarDataset.CIFAR10.normalization(), IteratorOptions.evaluation(7)), "t",
                ProgressListener.silent());
        assertEquals(expected, card.testAccuracy(), 1e-9);

        assertEquals("m", card.name());
        assertEquals("r", card.run());
        assertEquals("cifar10", card.dataset());
        assertEquals("CIFAR-10", card.datasetName());
        assertEquals("fine", card.labels());
        assertEquals("tiny", card.architecture());
        assertEquals(1.0, card.width());
        assertEquals("clip-relu", card.activation());
        assertFalse(card.batchNorm());
        assertEquals(2, card.epochs());
        assertEquals(COMMAND, card.trainCommand());
        double seconds = 0;
        for (String line : Files.readAllLines(run.resolve("metrics.csv")).subList(1, 3)) {
            List<String> header = List.of(Files.readAllLines(run.resolve("metrics.csv")).get(0).split(","));
            String[] cells = line.split(",");
            seconds += Double.parseDouble(cells[header.indexOf("train_seconds")])
                    + Double.parseDouble(cells[header.indexOf("eval_seconds")]);
        }
        assertEquals(seconds / 3600, card.trainingHours(), 1e-12);
        assertEquals(Graphs.load(m.resolve("model.zip")).numParams(), card.parameters());

        assertEquals(List.of(ModelZoo.Check.OK), zoo.list().stream().map(ModelZoo.Entry::check).toList());
        assertTrue(a.totalBytes() >= a.bytes() && !ModelZoo.overBudget(a.totalBytes()));
        String readme = Files.readString(dir.resolve("models/README.md"));
        assertTrue(readme.contains("| `m` | CIFAR-10 (fine) | tiny w1.0 clip-relu |") && readme.contains(COMMAND)
                && readme.contains("bin/ullsnn models add --run runs/r --name m") && readme.contains(card.modelSha256()),
                readme);
        assertNoHiddenLeftovers(zoo.dir());
    }

    /**
     * {@code --half-precision}: every parameter is stored as its FP16 rounding (read back as FLOAT), the accuracy in the
     * card is the stored network's own, and the card, the table and the reproducing line say FP16.
     */
    @Test
    void aHalfPrecisionEntryStoresRoundedParametersAndMeasuresThem() throws Exception {
        ModelZoo zoo = new ModelZoo(dir.resolve("models"));
        ModelZoo.Added full = add(zoo, run, "m32", false);
        ModelZoo.Added half = zoo.add(run, "m16", COMMAND, false, true, source(), ProgressListener.silent());
        assertEquals(ModelCard.FP32, full.card().precision());
        assertFalse(full.card().halfPrecision());
        assertTrue(half.card().halfPrecision());

        INDArray trained = Graphs.load(run.resolve("model.zip")).params();
        INDArray stored = Graphs.load(dir.resolve("models/m16/model.zip")).params();
        assertEquals(DataType.FLOAT, stored.dataType());
        assertEquals(trained.castTo(DataType.HALF).castTo(DataType.FLOAT), stored);
        assertFalse(trained.equals(stored), "the tiny net has parameters that FP16 rounds");

        ImageSet test = new CifarReader(TinyRuns.SMALL).read(data, Split.TEST);
        double measured = Accuracy.of(Graphs.load(dir.resolve("models/m16/model.zip")), new ImageSetIterator(test,
                org.ullsnn.data.CifarDataset.CIFAR10.normalization(), IteratorOptions.evaluation(7)), "t",
                ProgressListener.silent());
        assertEquals(measured, half.card().testAccuracy(), 1e-9);
        assertEquals(half.card(), ModelZoo.readCard(dir.resolve("models/m16")));
        String readme = Files.readString(dir.resolve("models/README.md"));
        assertTrue(readme.contains("(FP16) | `" + half.card().modelSha256())
                && readme.contains("bin/ullsnn models add --run runs/r --name m16 --half-precision")
                && readme.contains("bin/ullsnn models add --run runs/r --name m32\n"), readme);
    }

    @Test
    void theReadmeKeepsItsProseAndOnlyTheTableBetweenTheMarkersChanges() throws Exception {
        ModelZoo zoo = new ModelZoo(Files.createDirectories(dir.resolve("models")));
        Files.writeString(zoo.dir().resolve("README.md"), "# Models\n\nprose before\n\n" + ModelZoo.TABLE_BEGIN
                + "\nold table\n" + ModelZoo.TABLE_END + "\n\nprose after\n");
        add(zoo, run, "a", false);
        add(zoo, run, "b", false);
        String readme = Files.readString(zoo.dir().resolve("README.md"));
        assertTrue(readme.startsWith("# Models\n\nprose before\n\n" + ModelZoo.TABLE_BEGIN), readme);
        assertTrue(readme.endsWith(ModelZoo.TABLE_END + "\n\nprose after\n"), readme);
        assertFalse(readme.contains("old table"), readme);
        assertTrue(readme.indexOf("| `a` |") < readme.indexOf("| `b` |"), readme);
        assertEquals("No models yet: `ullsnn models add` fills this table.\n", ModelZoo.table(List.of()));
    }

    @Test
    void theRepositorysReadmeIsWhatAddWritesForItsModels() throws Exception {
        Path committed = Path.of("models");
        ModelZoo zoo = new ModelZoo(Files.createDirectories(dir.resolve("models")));
        Files.copy(committed.resolve("README.md"), zoo.dir().resolve("README.md"));
        try (var entries = Files.list(committed)) {
            for (Path model : entries.filter(p -> Files.isRegularFile(p.resolve("model.json"))).toList()) {
                Path copy = Files.createDirectories(zoo.dir().resolve(model.getFileName().toString()));
                Files.copy(model.resolve("model.json"), copy.resolve("model.json"));
                Path tuned = model.resolve(FineTuneRun.FINETUNE_DIR);
                if (Files.isDirectory(tuned)) {
                    try (var runs = Files.list(tuned)) {
                        for (Path run : runs.filter(r -> Files.isRegularFile(r.resolve(ShippedFineTuning.CARD_FILE))).toList()) {
                            Path to = Files.createDirectories(copy.resolve(FineTuneRun.FINETUNE_DIR).resolve(run.getFileName().toString()));
                            Files.copy(run.resolve(ShippedFineTuning.CARD_FILE), to.resolve(ShippedFineTuning.CARD_FILE));
                        }
                    }
                }
            }
        }
        zoo.writeReadme();
        assertEquals(Files.readString(committed.resolve("README.md")), Files.readString(zoo.dir().resolve("README.md")),
                "models/README.md is generated from the model.json and finetune.json files: edit them, or run `ullsnn models "
                        + "add` / `models add-finetune`");
    }

    @Test
    void aChangedByteIsAMismatchAndAMissingFileIsMissing() throws Exception {
        ModelZoo zoo = new ModelZoo(dir.resolve("models"));
        add(zoo, run, "m", false);
        add(zoo, run, "n", false);
        Path zip = dir.resolve("models/m/model.zip");
        TinyRuns.flipByte(zip, (int) (Files.size(zip) / 2));
        Files.delete(dir.resolve("models/n/metrics.csv"));

        List<ModelZoo.Entry> entries = zoo.list();
        assertEquals(List.of("m", "n"), entries.stream().map(ModelZoo.Entry::name).toList());
        assertEquals(ModelZoo.Check.MISMATCH, entries.get(0).check());
        assertTrue(entries.get(0).problem().contains("model.json says"), entries.get(0).problem());
        assertEquals(ModelZoo.Check.MISSING, entries.get(1).check());
        assertEquals("metrics.csv missing", entries.get(1).problem());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelZoo.requireIntact(dir.resolve("models/m")));
        assertTrue(e.getMessage().contains("MISMATCH") && e.getMessage().contains("models/m"), e.getMessage());

        Files.delete(dir.resolve("models/n/model.json"));
        assertEquals("model.json, metrics.csv missing", ModelZoo.check(dir.resolve("models/n")).problem());
        Files.writeString(dir.resolve("models/n/model.json"), "{not json");
        ModelZoo.Entry unreadable = ModelZoo.check(dir.resolve("models/n"));
        assertEquals(ModelZoo.Check.MISSING, unreadable.check());
        assertTrue(unreadable.problem().contains("not a readable model card"), unreadable.problem());
    }

    @Test
    void addRefusesAnExistingNameUnlessForcedAndReplacesItWhole() throws Exception {
        ModelZoo zoo = new ModelZoo(dir.resolve("models"));
        add(zoo, run, "m", false);
        Files.writeString(dir.resolve("models/m/stray.txt"), "from before");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> add(zoo, run, "m", false));
        assertTrue(e.getMessage().contains("already exists") && e.getMessage().contains("--force"), e.getMessage());

        add(zoo, run, "m", true);
        assertFalse(Files.exists(dir.resolve("models/m/stray.txt")), "the old entry is gone, not merged");
        assertEquals(ModelZoo.Check.OK, ModelZoo.check(dir.resolve("models/m")).check());
        e = assertThrows(IllegalArgumentException.class, () -> add(zoo, dir.resolve("models/m"), "m", true));
        assertTrue(e.getMessage().contains("cannot replace itself"), e.getMessage());
        assertNoHiddenLeftovers(zoo.dir());
    }

    @Test
    void storingTheSameRunAgainKeepsItsFineTuningsAndAnotherRunDoesNot() throws Exception {
        ModelZoo zoo = new ModelZoo(dir.resolve("models"));
        add(zoo, run, "m", false);
        Path tuned = Files.createDirectories(dir.resolve("models/m/finetune/ft"));
        Files.writeString(tuned.resolve("finetune.json"), "{}");

        ModelZoo.Added again = zoo.add(copyOfRun("same"), "m", COMMAND, true, true, source(), ProgressListener.silent());
        assertEquals(List.of("ft"), again.keptFineTunings());
        assertEquals("{}", Files.readString(dir.resolve("models/m/finetune/ft/finetune.json")));
        assertTrue(again.card().halfPrecision());
        assertEquals(ModelZoo.Check.OK, ModelZoo.check(dir.resolve("models/m")).check());

        Path other = copyOfRun("other");
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) TrainRun.JSON.readTree(
                other.resolve("config.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("config")).put("name", "other");
        TrainRun.JSON.writeValue(other.resolve("config.json").toFile(), root);
        ModelZoo.Added replaced = add(zoo, other, "m", true);
        assertEquals(List.of(), replaced.keptFineTunings());
        assertFalse(Files.exists(dir.resolve("models/m/finetune")), "another network's entry keeps no fine-tunings");
        assertEquals("other", replaced.card().run());
        assertNoHiddenLeftovers(zoo.dir());
    }

    @Test
    void addRefusesAnUnfinishedRunAndBadNames() throws Exception {
        ModelZoo zoo = new ModelZoo(dir.resolve("models"));
        Path noModel = copyOfRun("no-model");
        Files.delete(noModel.resolve("model.zip"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> add(zoo, noModel, "x", false));
        assertTrue(e.getMessage().contains("has no model.zip") && e.getMessage().contains("--resume --name r"),
                e.getMessage());

        Path short1 = copyOfRun("short");
        List<String> lines = Files.readAllLines(short1.resolve("metrics.csv"));
        Files.write(short1.resolve("metrics.csv"), lines.subList(0, 2));
        e = assertThrows(IllegalArgumentException.class, () -> add(zoo, short1, "x", false));
        assertTrue(e.getMessage().contains("cover epochs 1..1") && e.getMessage().contains("not 1 to 2"), e.getMessage());

        for (String bad : new String[] {".hidden", "a/b", "", "-x"}) {
            e = assertThrows(IllegalArgumentException.class, () -> add(zoo, run, bad, false));
            assertTrue(e.getMessage().contains("model name must match"), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> add(zoo, dir.resolve("nothing"), "x", false));
        assertTrue(e.getMessage().contains("config.json is missing"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("models/x")));
    }

    @Test
    void trainingSecondsNeedEveryEpochExactlyOnce() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "epoch,train_seconds,eval_seconds\n1,10,2\n2,20,3\n");
        assertEquals(35, ModelZoo.trainingSeconds(csv, 2), 1e-12);
        Files.writeString(csv, "epoch,train_seconds,eval_seconds\n1,10,2\n1,20,3\n");
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.trainingSeconds(csv, 2));
        Files.writeString(csv, "epoch,train_seconds,eval_seconds\n1,10,2\n2,20,3\n3,1,1\n");
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.trainingSeconds(csv, 2));
        Files.writeString(csv, "epoch,train_seconds\n1,10\n2,20\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.trainingSeconds(csv, 2));
        assertTrue(e.getMessage().contains("no column eval_seconds"), e.getMessage());
    }

    @Test
    void anEmptyOrAbsentZooListsNothing() throws Exception {
        assertEquals(List.of(), new ModelZoo(dir.resolve("absent")).list());
        assertEquals(0, new ModelZoo(dir.resolve("absent")).totalBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelZoo(dir).folder("nope"));
        assertTrue(e.getMessage().contains("no model 'nope'") && e.getMessage().contains("ullsnn models"),
                e.getMessage());
    }

    private static void assertNoHiddenLeftovers(Path zoo) throws Exception {
        try (Stream<Path> s = Files.list(zoo)) {
            List<Path> hidden = s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
            assertEquals(List.of(), hidden);
        }
    }
}
