package org.ullsnn.kernel.magic;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ullsnn.kernel.shell.CellSource;
import org.ullsnn.kernel.shell.Evaluation;

/** A magic context that records what magics ask of the kernel. */
final class FakeContext implements MagicContext {

    final List<Path> added = new ArrayList<>();
    final List<String> evaluated = new ArrayList<>();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final Path cwd;
    Function<String, Evaluation> evaluator = code -> Evaluation.of(code.length());
    long cpu;

    FakeContext(Path cwd) {
        this.cwd = cwd;
    }

    static MagicCall line(String name, String args) {
        String cell = "%" + name + " " + args;
        return new MagicCall(name, new CellSource("[1]", cell, name.length() + 2, args.length()),
                java.util.Optional.empty());
    }

    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void addToClasspath(Path entry) {
        added.add(entry);
    }

    @Override
    public List<Path> classpathAdditions() {
        return List.copyOf(added);
    }

    @Override
    public Evaluation evaluate(CellSource code) {
        evaluated.add(code.code());
        return evaluator.apply(code.code());
    }

    @Override
    public long cellCpuNanos() {
        return cpu;
    }

    @Override
    public Path workingDirectory() {
        return cwd;
    }

    @Override
    public PrintStream out() {
        return out;
    }
}
