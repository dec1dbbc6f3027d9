package org.ullsnn.kernel.shell;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell's execution engine for the kernel: snippets run in this JVM (JShell's "local" kind, never the remote
 * agent, which would give user code its own JVM, native libraries and {@code System.out}), on one long-lived
 * daemon thread in the thread group {@value #THREAD_GROUP}.
 *
 * <ul>
 *   <li><b>Results stay objects.</b> JShell's engines return only a string of a result; this one keeps the object
 *       under a key and returns the key, and {@link #takeResult} hands the object to the kernel for rich display.</li>
 *   <li><b>Interrupts.</b> The first {@link #interrupt()} during a cell interrupts the cell thread: library code that
 *       checks {@link Thread#isInterrupted()} (the trainer does, between batches) stops cleanly. A second one, for
 *       code that ignores interrupts, stops the thread with {@link Thread#stop()} (JDK 17 still allows it; JShell's
 *       own local engine does the same) and a fresh cell thread takes over. An interrupt that comes while no
 *       snippet code runs (JShell compiling the cell, say) is kept until {@link #beginCell()}: every snippet of the
 *       cell that has not started yet is then not run at all, but fails with {@link NotStarted}.</li>
 *   <li><b>The real exception.</b> JShell converts a user exception to a string form; {@link #lastThrown()} keeps
 *       the original, with its class, causes and suppressed exceptions, for a readable report.</li>
 * </ul>
 */
public final class CellExecutionControl extends DirectExecutionControl {

    /** The thread group of cell threads (threads a cell starts join it too). */
    public static final String THREAD_GROUP = "ullsnn-cells";

    /** What {@link #interrupt()} did. */
    public enum InterruptOutcome {
        /** No cell code was running. */
        NOTHING_RUNNING,
        /** The cell thread was interrupted. */
        INTERRUPTED,
        /** The cell thread was stopped (second interrupt of the same cell). */
        FORCE_STOPPED
    }

    /**
     * What a snippet "throws" when it was not run because the cell had already been interrupted ({@link #lastThrown()}
     * returns it; {@link CellEvaluator} reports the cell as interrupted).
     */
    public static final class NotStarted extends RuntimeException {
        NotStarted() {
            super("the cell was interrupted before this snippet started", null, false, false);
        }
    }

    private static final Object NULL = new Object();

    private final ClassLoader cellLoader = Thread.currentThread().getContextClassLoader();
    private final ThreadGroup group = new ThreadGroup(THREAD_GROUP);
    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), this::newCellThread);
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private volatile Thread cellThread;
    private volatile Throwable lastThrown;
    private volatile boolean interruptRequested;
    private volatile int interruptsThisCell;
    private final AtomicLong cpuNanos = new AtomicLong();

    private Thread newCellThread(Runnable r) {
        Thread t = new Thread(group, r, "cell");
        t.setDaemon(true);
        t.setContextClassLoader(cellLoader); // JShell's class loader: sees classes of cells and of %classpath
        return t;
    }

    /**
     * Forgets results and interrupt requests of the previous cell; called before each cell, before the kernel hands
     * it the interrupts that came while the cell was waiting to start.
     */
    public void beginCell() {
        results.clear();
        interruptRequested = false;
        interruptsThisCell = 0;
    }

    /** Whether {@link #interrupt()} was called since {@link #beginCell()}. */
    public boolean interruptRequested() {
        return interruptRequested;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastThrown = null;
        Future<Object> task = executor.submit(() -> {
            cellThread = Thread.currentThread();
            Thread.interrupted(); // an interrupt aimed at an earlier snippet must not hit this one
            if (interruptRequested) { // read after cellThread is set: a later interrupt() reaches the thread
                cellThread = null;
                throw new NotStarted();
            }
            long cpuBefore = threadCpuNanos();
            try {
                return doitMethod.invoke(null);
            } finally {
                cpuNanos.addAndGet(threadCpuNanos() - cpuBefore);
                cellThread = null;
            }
        });
        Object value;
        try {
            value = awaitUninterruptibly(task);
        } catch (ExecutionException e) {
            Throwable thrown = e.getCause();
            if (thrown instanceof InvocationTargetException ite && ite.getCause() != null) {
                thrown = ite.getCause();
            }
            lastThrown = thrown;
            throw new InvocationTargetException(thrown);
        }
        String key = "cell-result-" + keys.incrementAndGet();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    private static Object awaitUninterruptibly(Future<Object> task) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
    }

    /** CPU time the cell threads have used so far, in nanoseconds (0 where the JVM cannot measure it). */
    public long cpuNanos() {
        return cpuNanos.get();
    }

    /** Whether cell code is running right now. */
    public boolean isRunning() {
        return cellThread != null;
    }

    /**
     * The object behind a key that {@link #invoke} returned (JShell reports it as the snippet's value), or
     * {@code null}; the key is forgotten.
     */
    public Object takeResult(String key) {
        Object value = key == null ? null : results.remove(key);
        return value == NULL ? null : value;
    }

    /** Whether a key came from {@link #invoke}; declarations that JShell does not execute have other values. */
    public static boolean isResultKey(String value) {
        return value != null && value.startsWith("cell-result-");
    }

    /** What the last invocation threw (unwrapped), or {@code null} if it returned normally. */
    public Throwable lastThrown() {
        return lastThrown;
    }

    /** Interrupts the running cell, or stops it when it ignored an earlier interrupt. Safe from any thread. */
    public InterruptOutcome interrupt() {
        interruptRequested = true;
        Thread t = cellThread;
        if (t == null) {
            return InterruptOutcome.NOTHING_RUNNING;
        }
        if (interruptsThisCell++ == 0) {
            t.interrupt();
            return InterruptOutcome.INTERRUPTED;
        }
        forceStop(t);
        return InterruptOutcome.FORCE_STOPPED;
    }

    @SuppressWarnings({"deprecation", "removal"}) // the only way to end code that ignores interrupts, see class doc
    private static void forceStop(Thread t) {
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            t.interrupt(); // JDK 20+: stop() is gone, interrupting again is all that is left
        }
    }

    /** JShell's stop request (not used by the kernel, which calls {@link #interrupt()}). */
    @Override
    public void stop() {
        interrupt();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        super.close();
    }
}
