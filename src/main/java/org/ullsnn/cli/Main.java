package org.ullsnn.cli;

import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import org.ullsnn.nn.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** Entry point of {@code bin/ullsnn}. */
@Command(name = "ullsnn", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "ULL-SNN Lab: train DNNs and turn them into ultra-low-latency spiking networks.",
        subcommands = {DataCommand.class, TrainCommand.class, ImportCommand.class, ConvertCommand.class,
            EvaluateCommand.class, FineTuneCommand.class, EnergyCommand.class, ModelsCommand.class, BenchCommand.class,
            KernelCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Environment variable that makes errors print their stack trace. */
    static final String DEBUG_ENV = "ULLSNN_DEBUG";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call {@code execute} on it). */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** As above, with the factory that makes the commands and their mixins (tests: small CIFAR layouts). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new Main(), factory).setExecutionExceptionHandler(Main::handle);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Expected failures (bad input, missing data, divergence, interrupt) print one clear line, not a stack trace;
     * set {@value #DEBUG_ENV}=1 to see the trace.
     */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean expected = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UncheckedIOException || e instanceof java.io.IOException
                || e instanceof TrainingDivergedException || e instanceof CancellationException;
        if (!expected || System.getenv(DEBUG_ENV) != null) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": error: " + e.getMessage());
        cmd.getErr().flush();
        return e instanceof CancellationException ? 130 : 1;
    }

    /** Version from the jar manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ullsnn " + (v == null ? "dev" : v)};
        }
    }
}
