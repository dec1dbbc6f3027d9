package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KernelOptionsTest {

    @Test
    void readsStartupScriptsSourcesAndTheConnectionFile() {
        KernelOptions o = KernelOptions.parse("--startup", "a.jsh", "--sources", "src", "--startup", "b.jsh",
                "/run/kernel-1.json");
        assertEquals(Path.of("/run/kernel-1.json"), o.connectionFile());
        assertEquals(List.of(Path.of("a.jsh"), Path.of("b.jsh")), o.startupScripts());
        assertEquals(List.of(Path.of("src")), o.sourceRoots());
    }

    @Test
    void explainsWhatIsWrong() {
        assertEquals("no connection file given; " + KernelOptions.USAGE,
                assertThrows(IllegalArgumentException.class, () -> KernelOptions.parse("--startup", "a")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelOptions.parse("--startup"));
        assertThrows(IllegalArgumentException.class, () -> KernelOptions.parse("--verbose", "c.json"));
        assertThrows(IllegalArgumentException.class, () -> KernelOptions.parse("a.json", "b.json"));
    }

    @Test
    void envReadsTheKernelsVariables() {
        Env env = Env.of(Map.of(Env.JAVA_OPTS, " -Xmx8g  -Dx=1 ", Env.KERNEL_STARTUP, "/a.jsh:/b.jsh",
                Env.KERNEL_PRELOAD, "0")::get);
        assertEquals(Optional.of(List.of("-Xmx8g", "-Dx=1")), env.javaOptions());
        assertEquals(List.of(Path.of("/a.jsh"), Path.of("/b.jsh")), env.extraStartupScripts());
        assertEquals(false, env.preloadNd4j());
        Env empty = Env.of(name -> null);
        assertEquals(Optional.empty(), empty.javaOptions());
        assertEquals(List.of(), empty.extraStartupScripts());
        assertEquals(true, empty.preloadNd4j());
    }
}
