package org.ullsnn.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.kernel.shell.CellSource;
import org.ullsnn.kernel.shell.Evaluation;

class MagicsTest {

    private final Magics magics = Magics.standard();

    @Test
    void anUnknownMagicListsTheKnownOnes(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> magics.run(FakeContext.line("clsspath", "x"), new FakeContext(dir)));
        assertTrue(e.getMessage().contains("unknown magic %clsspath") && e.getMessage().contains("%jars PATH"),
                e.getMessage());
        assertEquals(List.of("classpath", "jars", "time", "env"), List.copyOf(magics.names()));
    }

    @Test
    void classpathAddsJarsAndDirectoriesGlobsIncluded(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.createFile(dir.resolve("lib/b.jar"));
        Files.createFile(dir.resolve("lib/a.jar"));
        Files.createFile(dir.resolve("lib/notes.txt"));
        Files.createDirectories(dir.resolve("classes"));
        FakeContext ctx = new FakeContext(dir);
        magics.run(FakeContext.line("classpath", "lib/*.jar classes"), ctx);
        assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar"), dir.resolve("classes")), ctx.added);
        assertTrue(ctx.printed().startsWith("class path += "), ctx.printed());
        magics.run(FakeContext.line("classpath", ""), ctx);
        assertTrue(ctx.printed().contains("added in this session"), ctx.printed());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> magics.run(FakeContext.line("classpath", "lib/notes.txt"), ctx));
        assertTrue(e.getMessage().contains("not a jar or a directory"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> magics.run(FakeContext.line("classpath", "nope/*.jar"),
                ctx));
        assertTrue(e.getMessage().contains("nothing matches"), e.getMessage());
    }

    @Test
    void jarsTakesEveryJarOfADirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("deps"));
        Files.createFile(dir.resolve("deps/x.jar"));
        Files.createFile(dir.resolve("deps/y.jar"));
        Files.createFile(dir.resolve("z.jar"));
        FakeContext ctx = new FakeContext(dir);
        magics.run(FakeContext.line("jars", "deps \"z.jar\""), ctx);
        assertEquals(List.of(dir.resolve("deps/x.jar"), dir.resolve("deps/y.jar"), dir.resolve("z.jar")), ctx.added);
        assertEquals("added 3 jars: x.jar, y.jar, z.jar\n", ctx.printed());
        assertThrows(IllegalArgumentException.class, () -> magics.run(FakeContext.line("jars", ""), ctx));
    }

    @Test
    void timeEvaluatesTheCodeKeepsItsValueAndPrintsWallAndCpuTime(@TempDir Path dir) {
        FakeContext ctx = new FakeContext(dir);
        ctx.evaluator = code -> {
            ctx.cpu += 2_000_000;
            return Evaluation.of("value of " + code);
        };
        assertEquals("value of train()", magics.run(FakeContext.line("time", "train()"), ctx).value());
        assertTrue(ctx.printed().startsWith("Wall time: ") && ctx.printed().contains("cell thread CPU: 2.0 ms"),
                ctx.printed());
        String cell = "%%time\nint a = 1;";
        MagicCall cellMagic = new MagicCall("time", new CellSource("[2]", cell, 6, 0),
                Optional.of(new CellSource("[2]", cell, 7, cell.length() - 7)));
        magics.run(cellMagic, ctx);
        assertEquals(List.of("train()", "int a = 1;"), ctx.evaluated);
    }

    @Test
    void timeFormatsSecondsReadably() {
        assertEquals("250 us", TimeMagic.format(0.00025));
        assertEquals("12.5 ms", TimeMagic.format(0.0125));
        assertEquals("3.20 s", TimeMagic.format(3.2));
    }

    @Test
    void envShowsAVariableAndHidesSecretsWhenListing(@TempDir Path dir) {
        FakeContext ctx = new FakeContext(dir);
        assertEquals(System.getenv("PATH"), magics.run(FakeContext.line("env", "PATH"), ctx).value());
        assertEquals("<hidden>", EnvironmentVariables.shown("GITHUB_TOKEN", "ghp_x"));
        assertEquals("<hidden>", EnvironmentVariables.shown("api_key", "x"));
        assertEquals("/data", EnvironmentVariables.shown("ULLSNN_DATA", "/data"));
        magics.run(FakeContext.line("env", ""), ctx);
        assertTrue(ctx.printed().contains("PATH="), "lists the environment");
        assertThrows(IllegalArgumentException.class, () -> magics.run(FakeContext.line("env", "NO_SUCH_VAR_42"), ctx));
    }

    @Test
    void pathWordsRespectQuotesAndThePathSeparator() {
        assertEquals(List.of("a.jar", "b c.jar", "d.jar"), PathPatterns.split("a.jar \"b c.jar\":d.jar"));
        assertThrows(IllegalArgumentException.class, () -> PathPatterns.split("\"open"));
    }
}
