package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The startup script's imports: every imported package and class exists, and no simple name is ambiguous (two
 * on-demand imports of packages with a public class of the same name make that name unusable in cells unless a
 * single-type import settles it).
 */
class StartupImportsTest {

    static final Path STARTUP = Path.of("kernel", "startup.jsh");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+?)(\\.\\*)?;\\s*$");

    @Test
    void everyImportNamesSomethingThatExists() throws Exception {
        for (String[] imp : imports()) {
            if (imp[1] != null && imp[2] == null) {
                assertTrue(!publicClassesOf(imp[0]).isEmpty(), "no public class in package " + imp[0]);
            } else {
                Class.forName(imp[0]); // a class, or the class whose static members are imported
            }
        }
    }

    @Test
    void noSimpleNameIsAmbiguous() throws Exception {
        Map<String, Set<String>> packagesByName = new TreeMap<>();
        Set<String> singles = new HashSet<>();
        for (String[] imp : imports()) {
            if (imp[2] != null) {
                continue; // static imports bring members, not types
            }
            if (imp[1] == null) {
                singles.add(imp[0].substring(imp[0].lastIndexOf('.') + 1));
                continue;
            }
            for (String name : publicClassesOf(imp[0])) {
                packagesByName.computeIfAbsent(name, k -> new TreeSet<>()).add(imp[0]);
            }
        }
        Map<String, Set<String>> ambiguous = new TreeMap<>();
        packagesByName.forEach((name, packages) -> {
            if (packages.size() > 1 && !singles.contains(name)) {
                ambiguous.put(name, packages);
            }
        });
        assertEquals(Map.of(), ambiguous, "add a single-type import to kernel/startup.jsh for each of these");
    }

    /** {@code [name, ".*" or null, "static " or null]} for each import line. */
    static List<String[]> imports() throws IOException {
        List<String[]> imports = new ArrayList<>();
        for (String line : Files.readAllLines(STARTUP)) {
            Matcher m = IMPORT.matcher(line.strip());
            if (m.matches()) {
                imports.add(new String[] {m.group(2), m.group(3), m.group(1)});
            }
        }
        assertTrue(imports.size() > 20, "startup script has too few imports: " + imports.size());
        return imports;
    }

    /** Simple names of the public top-level classes of a package, from the JDK and the class path. */
    static Set<String> publicClassesOf(String pkg) throws Exception {
        Set<String> names = new TreeSet<>();
        String dir = pkg.replace('.', '/');
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        Path packages = jrt.getPath("/packages", pkg);
        if (Files.isDirectory(packages)) {
            try (Stream<Path> modules = Files.list(packages)) {
                for (Path module : modules.toList()) {
                    Path classes = jrt.getPath("/modules", module.getFileName().toString(), dir);
                    try (Stream<Path> files = Files.list(classes)) {
                        files.map(p -> p.getFileName().toString()).forEach(f -> addIfPublic(pkg, f, names));
                    }
                }
            }
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p.resolve(dir))) {
                try (Stream<Path> files = Files.list(p.resolve(dir))) {
                    files.map(f -> f.getFileName().toString()).forEach(f -> addIfPublic(pkg, f, names));
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String name = entries.nextElement().getName();
                        if (name.startsWith(dir + "/") && name.indexOf('/', dir.length() + 1) < 0) {
                            addIfPublic(pkg, name.substring(dir.length() + 1), names);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void addIfPublic(String pkg, String file, Set<String> names) {
        if (!file.endsWith(".class") || file.contains("$") || file.equals("package-info.class")
                || file.equals("module-info.class")) {
            return;
        }
        String simple = file.substring(0, file.length() - ".class".length());
        try {
            Class<?> c = Class.forName(pkg + "." + simple, false, StartupImportsTest.class.getClassLoader());
            if (Modifier.isPublic(c.getModifiers())) {
                names.add(simple);
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // not loadable here (optional dependency missing): cannot clash in a cell either
        }
    }
}
