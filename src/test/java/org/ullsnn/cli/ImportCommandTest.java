package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.experiment.ImportRunConfig;
import org.ullsnn.experiment.RunConfigs;
import org.ullsnn.experiment.TinyRuns;

/** {@code ullsnn import} writes a run that convert, evaluate, energy and finetune take; bad input writes nothing. */
class ImportCommandTest {

    @TempDir
    static Path shared;
    static String data;
    static Path model;

    @TempDir
    Path dir;
    final SmallCli cli = new SmallCli();

    @BeforeAll
    static void smallData() throws Exception {
        data = TinyRuns.writeData(shared.resolve("data")).toString();
        model = Path.of(ImportCommandTest.class.getResource("/onnx/tiny_cifar.onnx").toURI());
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data, "--offline"));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void anImportedNetworkIsARunEveryCommandTakes() throws Exception {
        Path runs = dir.resolve("runs");
        assertEquals(0, cli.run("import", "--onnx", model.toString(), "--name", "r", "--runs", runs.toString(),
                "--mean", "0.5,0.5,0.5", "--std", "0.25,0.25,0.25"), cli.err());
        Path r = runs.resolve("r");
        for (String f : List.of("model.zip", "config.json", "import_map.csv")) {
            assertTrue(Files.isRegularFile(r.resolve(f)), f);
        }
        JsonNode config = new ObjectMapper().readTree(r.resolve("config.json").toFile());
        assertEquals("import", config.get("kind").asText());
        assertEquals(TinyRuns.sha256(model), config.get("config").get("sourceSha256").asText());
        assertEquals(13, config.get("config").get("opset").asInt());
        ImportRunConfig read = (ImportRunConfig) RunConfigs.read(r);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, read.mean());
        assertEquals(0.25, read.normalization().std(2));
        assertTrue(cli.out().contains("tiny_cifar.onnx") && cli.out().contains("10 classes"), cli.out());
        List<String> map = Files.readAllLines(r.resolve("import_map.csv"));
        assertEquals("vertex,kind,source_node", map.get(0));
        assertTrue(map.contains("conv1_act,ClipReLU(4.0),/Clip"), map.toString());

        String runDir = r.toString();
        assertEquals(0, run("convert", "--run", runDir, "--strategy", "half-shift", "--timesteps", "2",
                "--calibration-images", "20", "--save"), cli.err());
        assertEquals(0, run("evaluate", "--run", runDir), cli.err());
        assertEquals(0, run("energy", "--run", runDir, "--timesteps", "2", "--strategy", "half-shift", "--preset",
                "fp32", "--test-per-class", "1", "--calibration-images", "20"), cli.err());
        assertEquals(0, run("finetune", "--run", runDir, "--timesteps", "2", "--strategy", "half-shift", "--epochs",
                "1", "--batch", "8", "--train-per-class", "2", "--test-per-class", "1", "--calibration-images", "20"),
                cli.err());
        assertTrue(cli.out().contains("imported from tiny_cifar.onnx"), "energy names the import: " + cli.out());
        for (String f : List.of("conversion/accuracy.csv", "snn/half-shift-T2.zip", "evaluation/accuracy.csv",
                "energy/half-shift-T2_totals.csv", "finetune/half-shift-T2/model.zip")) {
            assertTrue(Files.isRegularFile(r.resolve(f)), f);
        }
        assertEquals(1, cli.run("train", "--resume", "--name", "r", "--runs", runs.toString(), "--data", data,
                "--offline"));
        assertTrue(cli.err().contains("holds an imported network"), cli.err());
    }

    @Test
    void theDatasetsNormalisationIsTheDefaultAndIsRecorded() throws Exception {
        Path runs = dir.resolve("runs");
        assertEquals(0, cli.run("import", "--onnx", model.toString(), "--name", "d", "--runs", runs.toString()),
                cli.err());
        ImportRunConfig read = (ImportRunConfig) RunConfigs.read(runs.resolve("d"));
        assertArrayEquals(new double[] {0.4914, 0.4822, 0.4465}, read.mean());
        assertTrue(cli.out().contains("CIFAR-10's; give --mean and --std"), cli.out());
    }

    @Test
    void aModelThatDoesNotFitOrCannotBeReadWritesNothing() throws Exception {
        Path runs = dir.resolve("runs");
        assertEquals(1, cli.run("import", "--onnx", model.toString(), "--name", "c100", "--dataset", "cifar100",
                "--runs", runs.toString()));
        assertTrue(cli.err().contains("the model has 10 outputs"), cli.err());

        Path cut = dir.resolve("cut.onnx");
        byte[] whole = Files.readAllBytes(model);
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        cli.clear();
        assertEquals(1, cli.run("import", "--onnx", cut.toString(), "--name", "cut", "--runs", runs.toString()));
        assertTrue(cli.err().contains(cut + " is not a readable ONNX model"), cli.err());
        assertEquals(1, cli.err().strip().lines().count(), "one line, no stack trace: " + cli.err());

        Path small = Path.of(ImportCommandTest.class.getResource("/onnx/vgg_bn.onnx").toURI());
        cli.clear();
        assertEquals(1, cli.run("import", "--onnx", small.toString(), "--name", "small", "--runs", runs.toString()));
        assertTrue(cli.err().contains("the model takes 3x8x8 images"), cli.err());
        assertFalse(Files.exists(runs) && Files.list(runs).findAny().isPresent(), "nothing written under runs/");

        Path keras = Path.of(ImportCommandTest.class.getResource("/onnx/keras_vgg_bn.h5").toURI());
        cli.clear();
        assertEquals(1, cli.run("import", "--keras", keras.toString(), "--name", "k", "--runs", runs.toString()));
        assertTrue(cli.err().contains("the model takes 3x8x8 images"), "the Keras file was read: " + cli.err());
        assertFalse(Files.exists(runs) && Files.list(runs).findAny().isPresent(), "nothing written under runs/");

        cli.clear();
        assertEquals(2, cli.run("import", "--onnx", model.toString(), "--keras", keras.toString(), "--name", "m"));
        assertTrue(cli.err().contains("mutually exclusive"), cli.err());

        cli.clear();
        assertEquals(2, cli.run("import", "--onnx", model.toString(), "--name", "m", "--mean", "0.5,0.5,0.5",
                "--runs", runs.toString()));
        assertTrue(cli.err().contains("give both --mean and --std"), cli.err());
    }
}
