package org.ullsnn.kernel.magic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ullsnn.kernel.shell.Evaluation;

/**
 * {@code %classpath PATH...}: adds jars and class directories (e.g. another project's {@code target/classes}) for
 * the compiler and for running cells, so later cells can import from them. Without arguments it lists what was
 * added in this session. Classes already loaded are not reloaded: restart the kernel to pick up a rebuilt jar.
 */
public final class ClasspathMagic implements Magic {

    @Override
    public String name() {
        return "classpath";
    }

    @Override
    public String usage() {
        return "%classpath PATH...      add jars or class directories (globs in the last name: lib/*.jar)";
    }

    @Override
    public Evaluation run(MagicCall call, MagicContext context) {
        if (call.isCellMagic()) {
            throw new IllegalArgumentException("%classpath is a line magic: " + usage());
        }
        List<String> words = PathPatterns.split(call.argText());
        if (words.isEmpty()) {
            List<Path> added = context.classpathAdditions();
            context.out().println(added.isEmpty() ? "nothing added to the class path in this session"
                    : "added in this session:\n  " + String.join("\n  ", added.stream().map(Path::toString).toList()));
            return Evaluation.NONE;
        }
        List<Path> entries = new ArrayList<>();
        for (String word : words) {
            for (Path p : PathPatterns.resolve(word, context.workingDirectory())) {
                if (!Files.isDirectory(p) && !p.getFileName().toString().endsWith(".jar")) {
                    throw new IllegalArgumentException("not a jar or a directory: " + p + "\n" + usage());
                }
                entries.add(p);
            }
        }
        entries.forEach(context::addToClasspath);
        context.out().println("class path += " + String.join(", ", entries.stream().map(Path::toString).toList()));
        return Evaluation.NONE;
    }
}
