package org.ullsnn.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Writes a Jupyter kernelspec (a folder with {@code kernel.json} and logos) that starts the kernel from the built
 * artifact of a checkout: {@code target/ullsnn.jar} with {@code target/lib/*} on the class path, the startup script
 * {@code kernel/startup.jsh} and the sources {@code src/main/java} (for javadoc), all by absolute path, so a
 * rebuild or an edited startup script takes effect at the next kernel start without reinstalling.
 *
 * <p>The argv comes from the template {@code kernel/kernel.json}; its placeholders {@code {java}},
 * {@code {jvm_options}} (several arguments), {@code {classpath}}, {@code {startup}} and {@code {sources}} are filled
 * in here, and Jupyter's own {@code {connection_file}} is left for Jupyter.
 */
public final class KernelSpec {

    /** The kernel name used when none is given. */
    public static final String DEFAULT_NAME = "ullsnn";

    /** JVM options when {@value Env#JAVA_OPTS} is not set: the same as {@code bin/ullsnn}'s. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx4g",
            "-Dorg.bytedeco.javacpp.maxbytes=6G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=6G");

    /**
     * Options the kernel needs whatever the user chose: headless AWT for charts, an open {@code java.util} for
     * {@code %env}, SLF4J writing to the terminal that started the kernel rather than into cells, and, on JDKs before
     * 24, permission to install the security manager that blocks {@code System.exit} (see {@link ExitGuard}; JDK
     * 18-23 need the permission, JDK 24+ refuse to start with it).
     *
     * @param javaFeature the feature version of the JVM the kernel will run on, e.g. 17
     */
    public static List<String> requiredJvmOptions(int javaFeature) {
        List<String> options = new ArrayList<>(List.of("-Djava.awt.headless=true", "--add-opens",
                "java.base/java.util=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.cacheOutputStream=true"));
        if (javaFeature < 24) {
            options.add("-Djava.security.manager=allow");
        }
        return List.copyOf(options);
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final List<String> LOGOS = List.of("logo-32x32.png", "logo-64x64.png", "logo-svg.svg");

    /**
     * A built checkout.
     *
     * @param root the checkout's root (holds {@code target/}, {@code kernel/}, {@code src/})
     */
    public record Artifact(Path root) {

        public Artifact {
            root = root.toAbsolutePath().normalize();
        }

        public Path jar() {
            return root.resolve("target").resolve("ullsnn.jar");
        }

        public Path lib() {
            return root.resolve("target").resolve("lib");
        }

        public Path kernelDir() {
            return root.resolve("kernel");
        }

        public Path startupScript() {
            return kernelDir().resolve("startup.jsh");
        }

        public Path sources() {
            return root.resolve("src").resolve("main").resolve("java");
        }

        /** The class path of the kernel JVM. */
        public String classpath() {
            return jar() + File.pathSeparator + lib().resolve("*");
        }

        /** Checks that the artifact is built and the kernel files are there. */
        public Artifact check() {
            if (!Files.isRegularFile(jar()) || !Files.isDirectory(lib())) {
                throw new IllegalStateException("the kernel runs the built artifact, but " + jar() + " or " + lib()
                        + " is missing; build it with: (cd " + root + " && mvn -B -DskipTests package)");
            }
            for (Path p : List.of(kernelDir().resolve("kernel.json"), startupScript())) {
                if (!Files.isRegularFile(p)) {
                    throw new IllegalStateException("kernel file " + p + " is missing from the checkout");
                }
            }
            return this;
        }

        /** The checkout this code runs from ({@code target/ullsnn.jar} or {@code target/classes} inside it). */
        public static Artifact ofRunningCode() {
            try {
                Path location = Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return new Artifact(location.getParent().getParent());
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("cannot tell where the running code lives: " + e, e);
            }
        }
    }

    private KernelSpec() {
    }

    /**
     * Writes the kernelspec {@code kernelsDir/name/}, replacing an older one of the same name.
     *
     * @param artifact    the checkout to run
     * @param kernelsDir  a Jupyter {@code kernels} directory
     * @param name        the kernel's name ({@code [A-Za-z0-9._-]+})
     * @param jvmOptions  options for the kernel JVM before the required ones
     * @return the kernelspec directory
     */
    public static Path install(Artifact artifact, Path kernelsDir, String name, List<String> jvmOptions) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("kernel names may use letters, digits, '.', '_' and '-', got '"
                    + name + "'");
        }
        artifact.check();
        Path dir = kernelsDir.resolve(name);
        try {
            Files.createDirectories(dir);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode spec = (ObjectNode) json.readTree(artifact.kernelDir().resolve("kernel.json").toFile());
            spec.set("argv", argv(json, spec.get("argv"), artifact, jvmOptions));
            if (!name.equals(DEFAULT_NAME)) {
                spec.put("display_name", spec.path("display_name").asText("Java (ULL-SNN Lab)") + " [" + name + "]");
            }
            Path tmp = Files.createTempFile(dir, "kernel", ".json.part");
            json.writeValue(tmp.toFile(), spec);
            Files.move(tmp, dir.resolve("kernel.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            for (String logo : LOGOS) {
                Path from = artifact.kernelDir().resolve(logo);
                if (Files.isRegularFile(from)) {
                    Files.copy(from, dir.resolve(logo), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernelspec in " + dir, e);
        }
        return dir;
    }

    private static ArrayNode argv(ObjectMapper json, JsonNode template, Artifact artifact, List<String> jvmOptions) {
        Map<String, String> values = Map.of(
                "{java}", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "{classpath}", artifact.classpath(),
                "{startup}", artifact.startupScript().toString(),
                "{sources}", artifact.sources().toString());
        ArrayNode argv = json.createArrayNode();
        for (JsonNode item : template) {
            String arg = item.asText();
            if (arg.equals("{jvm_options}")) {
                List<String> options = new ArrayList<>(jvmOptions);
                options.addAll(requiredJvmOptions(Runtime.version().feature())); // the kernel runs on this JVM
                options.forEach(argv::add);
            } else {
                argv.add(values.getOrDefault(arg, arg));
            }
        }
        return argv;
    }

    /**
     * The user's kernels directory, where Jupyter looks first: {@code $JUPYTER_DATA_DIR/kernels}, else
     * {@code ~/.local/share/jupyter/kernels} ({@code $XDG_DATA_HOME} if set) on Linux,
     * {@code ~/Library/Jupyter/kernels} on macOS, {@code %APPDATA%\jupyter\kernels} on Windows.
     */
    public static Path userKernelsDir(UnaryOperator<String> env) {
        String data = env.apply("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "kernels");
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Jupyter", "kernels");
        }
        if (os.contains("win")) {
            String appData = env.apply("APPDATA");
            return Path.of(appData == null ? home : appData, "jupyter", "kernels");
        }
        String xdg = env.apply("XDG_DATA_HOME");
        Path base = xdg == null || xdg.isBlank() ? Path.of(home, ".local", "share") : Path.of(xdg);
        return base.resolve("jupyter").resolve("kernels");
    }

    /** The kernels directory of an installation prefix such as a virtualenv: {@code P/share/jupyter/kernels}. */
    public static Path prefixKernelsDir(Path prefix) {
        return prefix.resolve("share").resolve("jupyter").resolve("kernels");
    }
}
