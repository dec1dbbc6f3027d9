package org.ullsnn.kernel;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ullsnn.kernel.magic.Magics;
import org.ullsnn.kernel.output.CellOutput;
import org.ullsnn.kernel.output.Renderers;
import org.ullsnn.kernel.wire.ConnectionInfo;
import org.ullsnn.kernel.wire.KernelSockets;
import org.ullsnn.kernel.wire.Outbox;

/**
 * The kernel process, as Jupyter starts it from the kernelspec:
 * {@code java ... org.ullsnn.kernel.KernelMain [--startup FILE]... [--sources DIR]... CONNECTION_FILE}.
 * Reads the connection file, binds the sockets, routes the process's output to the notebook and its input from it,
 * and answers requests while JShell warms up in the background. Its own log (SLF4J) goes to the terminal that runs
 * Jupyter.
 */
public final class KernelMain {

    private static final Logger LOG = LoggerFactory.getLogger(KernelMain.class);

    private KernelMain() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        KernelOptions options = KernelOptions.parse(args);
        ConnectionInfo connection = ConnectionInfo.read(options.connectionFile());
        Env env = Env.system();
        PrintStream kernelOut = System.out;
        PrintStream kernelErr = System.err;

        // wire: sockets bound to the connection file's address only, every message signed
        KernelSockets sockets = KernelSockets.bind(connection);
        Outbox outbox = new Outbox(sockets.iopub());

        // output: System.out/err of every thread stream to the notebook; System.exit cannot end the kernel silently
        CellOutput output = new CellOutput(outbox, kernelOut, kernelErr);
        ExitGuard.install(notice -> {
            output.stderr().print(notice);
            output.flush();
            outbox.drain();
        });
        System.setOut(output.stdout());
        System.setErr(output.stderr());
        // input: a cell reading System.in asks the notebook for a line (input_request on the stdin channel)
        CellInput input = new CellInput(output.stderr(), Charset.defaultCharset());
        System.setIn(input);

        // magics, then renderers, then the facade cells call
        Magics magics = Magics.standard();
        Renderer renderer = Renderers.create();
        Notebook.bind(renderer, output);

        // JShell and the startup imports warm up in the background; requests that need them wait
        List<Path> scripts = new ArrayList<>(options.startupScripts());
        scripts.addAll(env.extraStartupScripts());
        CompletableFuture<JavaSession> session = JavaSession.start(magics, scripts, options.sourceRoots());
        if (env.preloadNd4j()) {
            session.thenRunAsync(KernelMain::preloadNd4j);
        }

        // connect: answer requests
        Kernel kernel = new Kernel(sockets, outbox, output, input, renderer, magics, session);
        interruptOnSigint(kernel);
        kernel.serve();
        LOG.info("kernel serving on {} after {} ms", connection, (System.nanoTime() - started) / 1_000_000);
        sockets.shell().waitUntilClose();
    }

    /**
     * Makes SIGINT interrupt the running cell instead of ending the JVM. The kernelspec asks Jupyter for
     * {@code interrupt_mode: message} (an {@code interrupt_request} on the control channel), but a kernelspec edited to
     * {@code signal}, or a front end that signals anyway, sends SIGINT, as IPython expects; Jupyter starts the kernel
     * in a session of its own, so a Ctrl-C in Jupyter's terminal does not reach it.
     */
    private static void interruptOnSigint(Kernel kernel) {
        // sun.misc.Signal (module jdk.unsupported) is the JDK's only way to handle a signal; javac warns about it
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> kernel.interrupt());
        } catch (IllegalArgumentException e) { // e.g. the JVM runs with -Xrs
            LOG.warn("SIGINT cannot be handled ({}): with interrupt_mode signal, an interrupt ends the kernel",
                    e.toString());
        }
    }

    /** Loads ND4J's native backend now, so that the first cell using it does not wait for it. */
    private static void preloadNd4j() {
        long t0 = System.nanoTime();
        try {
            org.nd4j.linalg.factory.Nd4j.zeros(1);
            LOG.info("ND4J backend loaded in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("ND4J backend could not be preloaded: {}", e.toString());
        }
    }
}
