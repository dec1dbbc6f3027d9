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
