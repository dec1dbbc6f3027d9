package org.ullsnn.kernel;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers an interrupt to the execute request being served, whenever during the request it comes.
 *
 * <p>A cell can only be stopped once JShell exists and the cell's interrupt state has been reset, and the first cell
 * of a fresh kernel waits seconds for JShell to warm up. So an interrupt that comes before the cell has a target is
 * kept as pending: it ends a wait in {@link #await}, and {@link #attach} hands it to the target. Once attached, an
 * interrupt goes to the target at once. Interrupts between requests stop nothing and are dropped, as in IPython.
 * Thread-safe: interrupts come from the control channel's thread or a signal handler, the rest from the shell
 * channel's thread.
 */
final class ExecutionInterrupts {

    /** What {@link #interrupt()} did. */
    enum Outcome {
        /** No execute request was being served. */
        IDLE,
        /** Kept until the cell can be stopped. */
        PENDING,
        /** Handed to the running cell. */
        DELIVERED
    }

    private boolean executing;
    private boolean requested;
    private Runnable target;

    /** An execute request starts: interrupts from now on are its own. */
    synchronized void begin() {
        executing = true;
        requested = false;
        target = null;
    }

    /**
     * Waits until {@code ready} completes, or until an interrupt comes, whichever is first.
     *
     * @return the value of {@code ready} (its failure is thrown, as by {@link CompletableFuture#join()}), or empty if
     *         an interrupt came while it was not complete
     */
    <T> Optional<T> await(CompletableFuture<T> ready) {
        ready.whenComplete((value, failure) -> wake());
        synchronized (this) {
            while (!ready.isDone() && !requested) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            if (!ready.isDone()) {
                return Optional.empty();
            }
        }
        return Optional.of(ready.join());
    }

    private synchronized void wake() {
        notifyAll();
    }

    /**
     * Sends this request's interrupts to {@code interrupter} from now on, starting with a pending one (called once
     * the cell's interrupt state is reset, so that nothing resets the pending interrupt after it is delivered).
     *
     * @return whether an interrupt was pending
     */
    synchronized boolean attach(Runnable interrupter) {
        if (!executing) {
            throw new IllegalStateException("attach must follow begin, within one execute request");
        }
        target = interrupter;
        if (requested) {
            interrupter.run();
        }
        return requested;
    }

    /** Interrupts the request being served: at once if it has a target, else when it gets one. Any thread. */
    synchronized Outcome interrupt() {
        if (!executing) {
            return Outcome.IDLE;
        }
        requested = true;
        notifyAll();
        if (target == null) {
            return Outcome.PENDING;
        }
        target.run();
        return Outcome.DELIVERED;
    }

    /** The execute request is answered: later interrupts are dropped. */
    synchronized void end() {
        executing = false;
        requested = false;
        target = null;
    }
}
