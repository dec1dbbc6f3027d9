package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecTest {

    /** A checkout with this repository's kernel/ files and an (empty) built artifact. */
    static KernelSpec.Artifact fakeCheckout(Path root) throws Exception {
        Files.createDirectories(root.resolve("target/lib"));
        Files.createFile(root.resolve("target/ullsnn.jar"));
        Files.createDirectories(root.resolve("kernel"));
        try (var files = Files.list(Path.of("kernel"))) {
            for (Path f : files.toList()) {
                Files.copy(f, root.resolve("kernel").resolve(f.getFileName()));
            }
        }
        return new KernelSpec.Artifact(root);
    }

    @Test
    void writesAKernelJsonThatRunsTheCheckoutsBuild(@TempDir Path dir) throws Exception {
        KernelSpec.Artifact checkout = fakeCheckout(dir.resolve("repo"));
        Path spec = KernelSpec.install(checkout, dir.resolve("kernels"), "ullsnn", List.of("-Xmx2g"));
        assertEquals(dir.resolve("kernels/ullsnn"), spec);
        JsonNode json = new ObjectMapper().readTree(spec.resolve("kernel.json").toFile());
        List<String> argv = new ArrayList<>();
        json.get("argv").forEach(a -> argv.add(a.asText()));
        assertTrue(argv.get(0).endsWith(File.separator + "java"), argv.get(0));
        assertEquals("-Xmx2g", argv.get(1));
        assertTrue(argv.containsAll(KernelSpec.requiredJvmOptions(Runtime.version().feature())), argv.toString());
        int cp = argv.indexOf("-cp");
        assertEquals(checkout.jar() + File.pathSeparator + checkout.lib().resolve("*"), argv.get(cp + 1));
        assertEquals("org.ullsnn.kernel.KernelMain", argv.get(cp + 2));
        assertEquals(checkout.startupScript().toString(), argv.get(argv.indexOf("--startup") + 1));
        assertEquals(checkout.sources().toString(), argv.get(argv.indexOf("--sources") + 1));
        assertEquals("{connection_file}", argv.get(argv.size() - 1));
        assertEquals("message", json.get("interrupt_mode").asText());
        assertEquals("java", json.get("language").asText());
        assertEquals("Java (ULL-SNN Lab)", json.get("display_name").asText());
        for (String logo : List.of("logo-32x32.png", "logo-64x64.png", "logo-svg.svg")) {
            assertTrue(Files.size(spec.resolve(logo)) > 0, logo);
        }
    }

    @Test
    void anotherNameIsShownInTheDisplayNameAndReplacesAnOlderSpec(@TempDir Path dir) throws Exception {
        KernelSpec.Artifact checkout = fakeCheckout(dir.resolve("repo"));
        KernelSpec.install(checkout, dir, "ullsnn-dev", List.of());
        Path spec = KernelSpec.install(checkout, dir, "ullsnn-dev", List.of("-Xmx1g"));
        JsonNode json = new ObjectMapper().readTree(spec.resolve("kernel.json").toFile());
        assertEquals("Java (ULL-SNN Lab) [ullsnn-dev]", json.get("display_name").asText());
        assertEquals("-Xmx1g", json.get("argv").get(1).asText());
    }

    @Test
    void refusesBadNamesAndAnUnbuiltCheckout(@TempDir Path dir) throws Exception {
        KernelSpec.Artifact checkout = fakeCheckout(dir.resolve("repo"));
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.install(checkout, dir, "my kernel", List.of()));
        Files.delete(checkout.jar());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelSpec.install(checkout, dir, "ullsnn", List.of()));
        assertTrue(e.getMessage().contains("mvn -B -DskipTests package"), e.getMessage());
    }

    @Test
    void asksForTheSecurityManagerOnlyWhereTheJvmAllowsIt() {
        assertTrue(KernelSpec.requiredJvmOptions(17).contains("-Djava.security.manager=allow"));
        assertTrue(KernelSpec.requiredJvmOptions(23).contains("-Djava.security.manager=allow"));
        assertTrue(!KernelSpec.requiredJvmOptions(25).contains("-Djava.security.manager=allow"),
                "JDK 24+ refuse to start with it");
        assertTrue(KernelSpec.requiredJvmOptions(25).contains("java.base/java.util=ALL-UNNAMED"));
    }

    @Test
    void findsJupytersKernelDirectories() {
        assertEquals(Path.of("/x/kernels"), KernelSpec.userKernelsDir(Map.of("JUPYTER_DATA_DIR", "/x")::get));
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertEquals(Path.of("/xdg/jupyter/kernels"), KernelSpec.userKernelsDir(Map.of("XDG_DATA_HOME", "/xdg")::get));
            assertEquals(Path.of(System.getProperty("user.home"), ".local/share/jupyter/kernels"),
                    KernelSpec.userKernelsDir(name -> null));
        }
        assertEquals(Path.of("/venv/share/jupyter/kernels"), KernelSpec.prefixKernelsDir(Path.of("/venv")));
    }
}
