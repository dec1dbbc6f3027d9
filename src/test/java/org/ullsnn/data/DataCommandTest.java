package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.cli.DataCommand;
import org.ullsnn.cli.DataOptions;
import picocli.CommandLine;

/** The {@code data} CLI commands, run as {@code new CommandLine(new DataCommand()).execute(args)}. */
class DataCommandTest {

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new DataCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void verifyExitsWithOneAndNamesTheFileAndTheProblem() throws IOException {
        CifarFixtures.write(CifarFixtures.smallCifar10(), dataDir);

        int code = run("verify", "--dataset", "cifar10", "--data", dataDir.toString());

        assertEquals(1, code, out + "\n" + err);
        assertTrue(out.toString().contains("verify: FAILED"), out.toString());
        assertTrue(err.toString().contains(
                "  data_batch_1.bin: size: 10 records (30,730 bytes), expected 10,000 records = 30,730,000 bytes"),
                err.toString());
    }

    @Test
    void infoDescribesFilesRecordsClassesAndPerClassCounts() throws IOException {
        CifarFixtures.write(CifarFixtures.smallCifar10(), dataDir);

        int code = run("info", "--dataset", "cifar10", "--data", dataDir.toString());

        String text = out.toString();
        assertEquals(0, code, text + err);
        assertTrue(text.contains("data directory: " + dataDir.toAbsolutePath() + " (from --data)"), text);
        assertTrue(text.contains("data_batch_1.bin") && text.contains("30,730 bytes, 10 records"), text);
        assertTrue(text.contains("classes  10 fine: airplane, automobile, bird, cat"), text);
        assertTrue(text.contains("train per fine class: 5 (50 images)"), text);
        assertTrue(text.contains("test  per fine class: 2 (20 images)"), text);
        assertTrue(text.contains("mean (0.4914, 0.4822, 0.4465)"), text);
    }

    @Test
    void infoOnAnEmptyDirectorySaysWhatIsMissingAndHowToFetchIt() {
        int code = run("info", "--data", dataDir.toString());

        String text = out.toString();
        assertEquals(0, code, text + err);
        assertTrue(text.contains("CIFAR-100") && text.contains("train.bin") && text.contains("missing"), text);
        assertTrue(text.contains("incomplete: run `ullsnn data fetch --dataset cifar100`"), text);
    }

    @Test
    void fetchOfflineFailsNamingTheFilesTheFolderAndTheUrl() {
        int code = run("fetch", "--offline", "--dataset", "cifar100", "--data", dataDir.toString());

        assertEquals(1, code);
        String m = err.toString();
        assertTrue(m.contains("Offline mode"), m);
        assertTrue(m.contains(dataDir.resolve("cifar-100-binary").toAbsolutePath().toString()), m);
        assertTrue(m.contains("train.bin, test.bin"), m);
        assertTrue(m.contains("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"), m);
    }

    @Test
    void fetchDoesNothingWhenTheFilesArePresent() throws IOException {
        CifarFixtures.write(CifarFixtures.smallCifar10(), dataDir);

        int code = run("fetch", "--dataset", "cifar10", "--data", dataDir.toString(), "--mirror",
                "http://127.0.0.1:9/");

        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("CIFAR-10: already present in "), out.toString());
    }

    @Test
    void anUnknownDatasetIsAUsageError() {
        int code = run("info", "--dataset", "mnist");

        assertEquals(2, code);
        assertTrue(err.toString().contains("--dataset must be cifar10, cifar100 or all, got 'mnist'"), err.toString());
    }

    @Test
    void dataWithoutASubcommandIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("fetch, verify or info"), err.toString());
    }

    @Test
    void theDataOptionsMixinResolvesFlagThenEnvironment() {
        DataOptions withFlag = new DataOptions();
        new CommandLine(withFlag).parseArgs("--data", "/x/d", "--offline");
        DataOptions without = new DataOptions();
        new CommandLine(without).parseArgs();

        assertEquals(Path.of("/x/d"), withFlag.location(Map.of(DataLocation.ENV_VAR, "/env")).directory());
        assertTrue(withFlag.offline());
        assertEquals(Path.of("/env"), without.location(Map.of(DataLocation.ENV_VAR, "/env")).directory());
    }
}
