package org.ullsnn.kernel.magic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ullsnn.kernel.shell.Evaluation;

/**
 * {@code %jars PATH...}: adds jar files; a directory stands for every jar directly inside it, so
 * {@code %jars ../other/target/lib} brings in another project's dependencies at once.
 */
public final class JarsMagic implements Magic {

    @Override
    public String name() {
        return "jars";
    }

    @Override
    public String usage() {
        return "%jars PATH...           add jar files; a directory adds every jar in it";
    }

    @Override
    public Evaluation run(MagicCall call, MagicContext context) {
        if (call.isCellMagic()) {
            throw new IllegalArgumentException("%jars is a line magic: " + usage());
        }
        List<String> words = PathPatterns.split(call.argText());
        if (words.isEmpty()) {
            throw new IllegalArgumentException("%jars needs at least one path: " + usage());
        }
        List<Path> jars = new ArrayList<>();
        for (String word : words) {
            for (Path p : PathPatterns.resolve(word, context.workingDirectory())) {
                if (Files.isDirectory(p)) {
                    List<Path> inside = jarsIn(p);
                    if (inside.isEmpty()) {
                        throw new IllegalArgumentException("no jar files in " + p);
                    }
                    jars.addAll(inside);
                } else if (p.getFileName().toString().endsWith(".jar")) {
                    jars.add(p);
                } else {
                    throw new IllegalArgumentException("not a jar file: " + p + "\n" + usage());
                }
            }
        }
        jars.forEach(context::addToClasspath);
        context.out().println("added " + jars.size() + (jars.size() == 1 ? " jar: " : " jars: ")
                + String.join(", ", jars.stream().map(j -> j.getFileName().toString()).toList()));
        return Evaluation.NONE;
    }

    private static List<Path> jarsIn(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
