package org.ullsnn.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavadocIndexTest {

    private static final String SOURCE = """
            package demo;

            /** Draws {@code n} spikes per step. Second sentence. */
            public final class Spikes {
                /** The default rate, in &lt;Hz&gt;. */
                public static final double RATE = 1;

                /** Spikes at the default rate. */
                public Spikes() { }

                /**
                 * Counts spikes of {@link java.util.List} items.
                 * More detail here.
                 * @param n how many
                 * @return the count
                 */
                public int count(int n) { return n; }

                /** The two-argument form. */
                public int count(int n, java.util.Map<String, Integer> m) { return n; }
            }
            """;

    private static JavadocIndex index(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("demo"));
        Files.writeString(dir.resolve("demo/Spikes.java"), SOURCE);
        return JavadocIndex.build(List.of(dir, dir.resolve("missing")));
    }

    @Test
    void findsTypesMethodsConstructorsAndFieldsByJShellSignature(@TempDir Path dir) throws Exception {
        JavadocIndex index = index(dir);
        assertEquals(5, index.size());
        assertEquals("Draws n spikes per step.", index.find("demo.Spikes").orElseThrow().summary());
        assertEquals("Counts spikes of java.util.List items.",
                index.find("int Spikes.count(int n)").orElseThrow().summary());
        assertEquals("The two-argument form.",
                index.find("int demo.Spikes.count(int n, java.util.Map<String, Integer> m)").orElseThrow().summary());
        assertEquals("Spikes at the default rate.", index.find("Spikes()").orElseThrow().summary());
        assertEquals("The default rate, in <Hz>.", index.find("double Spikes.RATE").orElseThrow().summary());
        assertTrue(index.find("int Spikes.count()").isEmpty(), "no overload without parameters");
    }

    @Test
    void theFullBodyListsParametersAndResult(@TempDir Path dir) throws Exception {
        String body = index(dir).find("int Spikes.count(int arg0)").orElseThrow().body();
        assertTrue(body.contains("More detail here."), body);
        assertTrue(body.contains("n: how many") && body.contains("returns: the count"), body);
    }
}
