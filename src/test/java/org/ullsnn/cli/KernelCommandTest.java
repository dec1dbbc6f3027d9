package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KernelCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new KernelCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static Path checkout(Path root) throws Exception {
        Files.createDirectories(root.resolve("target/lib"));
        Files.createFile(root.resolve("target/ullsnn.jar"));
        Files.createDirectories(root.resolve("kernel"));
        for (String f : new String[] {"kernel.json", "startup.jsh", "logo-32x32.png"}) {
            Files.copy(Path.of("kernel", f), root.resolve("kernel").resolve(f));
        }
        return root;
    }

    @Test
    void installsUnderAPrefix(@TempDir Path dir) throws Exception {
        Path repo = checkout(dir.resolve("repo"));
        assertEquals(0, run("install", "--prefix", dir.resolve("venv").toString(), "--name", "ullsnn-test",
                "--checkout", repo.toString()));
        Path spec = dir.resolve("venv/share/jupyter/kernels/ullsnn-test/kernel.json");
        assertTrue(Files.readString(spec).contains(repo.resolve("target/ullsnn.jar").toString()));
        assertTrue(out.toString().contains("Installed the Java kernel 'ullsnn-test' in "), out.toString());
    }

    @Test
    void userAndPrefixExcludeEachOther(@TempDir Path dir) {
        assertEquals(2, run("install", "--user", "--prefix", dir.toString()));
        assertTrue(err.toString().contains("mutually exclusive"), err.toString());
    }

    @Test
    void aSubcommandIsNeeded() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("kernel needs a subcommand: install"), err.toString());
    }
}
