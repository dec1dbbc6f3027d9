package org.ullsnn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ullsnn.experiment.TinyRuns;
import picocli.CommandLine;

/**
 * {@code ullsnn} as {@link Main} configures it, reading the small CIFAR-10 files of {@link TinyRuns} instead of the
 * official ones ({@link #officialData()}: the official ones), with its output and errors captured.
 */
final class SmallCli {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final boolean officialData;

    SmallCli() {
        this(false);
    }

    private SmallCli(boolean officialData) {
        this.officialData = officialData;
    }

    /** The command line exactly as users run it: the official CIFAR file layouts. */
    static SmallCli officialData() {
        return new SmallCli(true);
    }

    /** {@code command} with {@code args} parsed into its options, not run. */
    static <C> C parsed(C command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    /**
     * Trains the tiny net (width 1, batch 16, tested on the first image of each class) with {@code ullsnn train} on the
     * small CIFAR-10 files in {@code data}; returns the run folder {@code runs/name}.
     */
    static java.nio.file.Path trainTiny(java.nio.file.Path runs, String data, String name, int epochs) {
        SmallCli train = new SmallCli();
        int code = train.run("train", "--arch", "tiny", "--width", "1", "--epochs", String.valueOf(epochs), "--batch",
                "16", "--test-per-class", "1", "--name", name, "--runs", runs.toString(), "--data", data, "--offline");
        if (code != 0) {
            throw new AssertionError("ullsnn train exited with " + code + ": " + train.err());
        }
        return runs.resolve(name);
    }

    /** Runs one command line; returns its exit code. */
    int run(String... args) {
        CommandLine cli = officialData ? Main.commandLine() : Main.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K made = CommandLine.defaultFactory().create(cls);
                if (made instanceof DataOptions d) {
                    d.layouts = TinyRuns.LAYOUTS;
                }
                return made;
            }
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Forgets what was printed so far. */
    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
