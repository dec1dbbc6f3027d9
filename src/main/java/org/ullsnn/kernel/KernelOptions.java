package org.ullsnn.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's command line, as the kernelspec writes it:
 * {@code KernelMain [--startup FILE]... [--sources DIR]... CONNECTION_FILE}.
 *
 * @param connectionFile the connection file Jupyter wrote
 * @param startupScripts scripts of imports and helpers run before the first cell
 * @param sourceRoots    source directories whose javadoc inspection shows
 */
public record KernelOptions(Path connectionFile, List<Path> startupScripts, List<Path> sourceRoots) {

    public KernelOptions {
        startupScripts = List.copyOf(startupScripts);
        sourceRoots = List.copyOf(sourceRoots);
    }

    static final String USAGE = "usage: KernelMain [--startup FILE]... [--sources DIR]... CONNECTION_FILE";

    public static KernelOptions parse(String... args) {
        List<Path> startup = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        Path connection = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--startup" -> startup.add(Path.of(value(args, ++i)));
                case "--sources" -> sources.add(Path.of(value(args, ++i)));
                default -> {
                    if (args[i].startsWith("--") || connection != null) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'; " + USAGE);
                    }
                    connection = Path.of(args[i]);
                }
            }
        }
        if (connection == null) {
            throw new IllegalArgumentException("no connection file given; " + USAGE);
        }
        return new KernelOptions(connection, startup, sources);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
        }
        return args[i];
    }
}
