package org.ullsnn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ullsnn.kernel.Env;
import org.ullsnn.kernel.KernelSpec;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ullsnn kernel install [--user | --prefix P] [--name N]}: registers the Java kernel with Jupyter by writing
 * its kernelspec, which points at this checkout's built artifact.
 */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "The Jupyter kernel for Java with the library preloaded.",
        subcommands = {KernelCommand.Install.class})
public final class KernelCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Without a subcommand: a usage error naming the subcommand. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "kernel needs a subcommand: install");
    }

    /** {@code kernel install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Write the kernelspec (kernel.json and logos) so that Jupyter and JupyterLab offer the "
                    + "kernel. It runs target/ullsnn.jar of this checkout: build first (mvn -B -DskipTests package).",
                "JVM options: $ULLSNN_JAVA_OPTS if set (as for bin/ullsnn), else -Xmx4g and ND4J's off-heap limits."})
    static final class Install implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @ArgGroup(exclusive = true)
        private Target target = new Target();

        @Option(names = "--name", paramLabel = "N", defaultValue = KernelSpec.DEFAULT_NAME,
                description = "Kernel name (folder name; letters, digits, . _ -), default: ${DEFAULT-VALUE}.")
        private String name;

        @Option(names = "--checkout", paramLabel = "DIR", hidden = true,
                description = "The checkout whose build the kernel runs (default: the one this command runs from).")
        private Path checkout;

        static final class Target {
            @Option(names = "--user", description = "Install for the current user (the default).")
            private boolean user;

            @Option(names = "--prefix", paramLabel = "P",
                    description = "Install under P/share/jupyter/kernels, e.g. a virtualenv's folder.")
            private Path prefix;
        }

        @Override
        public Integer call() {
            Path kernels = target.prefix != null ? KernelSpec.prefixKernelsDir(target.prefix)
                    : KernelSpec.userKernelsDir(System::getenv);
            KernelSpec.Artifact artifact = checkout == null ? KernelSpec.Artifact.ofRunningCode()
                    : new KernelSpec.Artifact(checkout);
            Path dir = KernelSpec.install(artifact, kernels, name,
                    Env.system().javaOptions().orElse(KernelSpec.DEFAULT_JVM_OPTIONS));
            spec.commandLine().getOut().println("Installed the Java kernel '" + name + "' in " + dir);
            spec.commandLine().getOut().println("Start JupyterLab on the notebooks with environment/lab.sh, or check "
                    + "with: jupyter kernelspec list");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
