package org.ullsnn.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaShellTest {

    @Test
    void classDirectoriesAddedToTheClasspathServeCompilerAndCells(@TempDir Path dir) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src/demo")).resolve("Greeter.java");
        Files.writeString(source, "package demo; public class Greeter { public static String greet() { return \"hi\"; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                source.toString()));
        try (ShellFixture java = new ShellFixture()) {
            java.shell.addToClasspath(classes);
            assertEquals("hi", java.run("demo.Greeter.greet()").value());
            assertEquals("demo.Greeter", java.run("Thread.currentThread().getContextClassLoader()"
                    + ".loadClass(\"demo.Greeter\").getName()").value(), "cell code loads it too");
        }
    }
}
