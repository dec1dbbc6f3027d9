package org.ullsnn.kernel;

import java.security.Permission;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code System.exit} (and {@code Runtime.halt}) in a cell from ending the kernel silently: the call throws a
 * {@link SecurityException} that the cell shows, and the kernel and every variable live on. Library code that
 * ends with {@code System.exit} (a command-line {@code main}, say) can therefore be run from a cell.
 *
 * <p>It works through a {@link SecurityManager} that permits everything except exiting. JDK 17 still allows one
 * (the kernelspec passes {@code -Djava.security.manager=allow}, which JDK 18+ require); where the JVM refuses
 * (JDK 24+), a shutdown hook tells the notebook that the kernel is ending without having been asked to (an exit
 * call, or a signal: the hook cannot tell them apart), so it is at least never silent. The kernel ends itself
 * through {@link #exitKernel(int)}.
 */
@SuppressWarnings("removal") // SecurityManager is deprecated for removal; see the class comment for the fallback
public final class ExitGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);
    private static volatile boolean kernelExiting;

    private ExitGuard() {
    }

    /**
     * Installs the guard.
     *
     * @param notice where the fallback shutdown hook writes its message (the last cell's stderr)
     * @return {@code true} if exit calls are blocked, {@code false} if they are only reported
     */
    public static boolean install(Consumer<String> notice) {
        try {
            System.setSecurityManager(new Policy());
            LOG.info("System.exit in cells is blocked (the deprecation warning above is expected)");
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (!kernelExiting) {
                    notice.accept("The kernel is ending without a shutdown request: code called System.exit or "
                            + "Runtime.halt, or the process was signalled. Every variable is lost; restart the kernel "
                            + "to continue.\n");
                }
            }, "kernel-exit-notice"));
            LOG.warn("this JVM does not allow blocking System.exit ({}); exit calls in cells will be reported",
                    e.toString());
            return false;
        }
    }

    /** Ends the kernel process (the only exit the guard lets through). */
    public static void exitKernel(int status) {
        kernelExiting = true;
        System.exit(status);
    }

    /** Allows everything but exiting, unless the kernel itself is exiting. */
    static final class Policy extends SecurityManager {

        @Override
        public void checkPermission(Permission perm) {
            // everything is allowed: the guard only cares about exit
        }

        @Override
        public void checkPermission(Permission perm, Object context) {
            // everything is allowed: the guard only cares about exit
        }

        @Override
        public void checkExit(int status) {
            if (!kernelExiting) {
                throw new SecurityException("System.exit(" + status + ") was blocked: it would end the kernel and "
                        + "lose every variable. To start afresh, use Kernel > Restart in the notebook.");
            }
        }
    }
}
