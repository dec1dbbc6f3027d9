package org.ullsnn.kernel.output;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.ullsnn.kernel.wire.Outbox;

/**
 * Everything a cell prints or displays, sent on IOPub as caused by the request that is running.
 *
 * <ul>
 *   <li>{@link #stdout()} and {@link #stderr()} replace {@code System.out}/{@code System.err} for the kernel's
 *       lifetime; text streams to the notebook every {@value #FLUSH_MILLIS} ms while a cell runs.</li>
 *   <li>Output from threads that outlive their cell goes to the most recent request, as in IPython; before the first
 *       request it goes to the kernel's own log streams.</li>
 *   <li>Streams are flushed before every display, clear and result, so that output keeps its order.</li>
 *   <li>Pages ({@code page(...)}) are collected for the request's reply payload.</li>
 * </ul>
 * Thread-safe.
 */
public final class CellOutput implements AutoCloseable {

    static final long FLUSH_MILLIS = 100;

    private final Outbox outbox;
    private final PrintStream fallbackOut;
    private final PrintStream fallbackErr;
    private final CellStream out = new CellStream(text -> stream(PublishStream.StreamType.OUT, text));
    private final CellStream err = new CellStream(text -> stream(PublishStream.StreamType.ERR, text));
    private final PrintStream outPrinter = new PrintStream(out, false, StandardCharsets.UTF_8);
    private final PrintStream errPrinter = new PrintStream(err, false, StandardCharsets.UTF_8);
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kernel-output-flush");
        t.setDaemon(true);
        return t;
    });
    private final List<Map<String, Object>> pages = new ArrayList<>();
    private volatile MessageContext parent;

    /**
     * @param outbox      sends IOPub messages
     * @param fallbackOut where stdout goes before the first request (the kernel's real stdout)
     * @param fallbackErr where stderr goes before the first request
     */
    public CellOutput(Outbox outbox, PrintStream fallbackOut, PrintStream fallbackErr) {
        this.outbox = outbox;
        this.fallbackOut = fallbackOut;
        this.fallbackErr = fallbackErr;
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The stream that replaces {@code System.out}. */
    public PrintStream stdout() {
        return outPrinter;
    }

    /** The stream that replaces {@code System.err}. */
    public PrintStream stderr() {
        return errPrinter;
    }

    /** Sends what is buffered to the current request, then routes everything to {@code request}. */
    public void attach(MessageContext request) {
        flush();
        synchronized (pages) {
            pages.clear();
        }
        parent = request;
    }

    /** The request output currently goes to ({@code null} before the first). */
    public MessageContext parent() {
        return parent;
    }

    /** Sends buffered stream text now. */
    public void flush() {
        outPrinter.flush();
        errPrinter.flush();
    }

    private void stream(PublishStream.StreamType type, String text) {
        MessageContext p = parent;
        if (p == null) {
            PrintStream fallback = type == PublishStream.StreamType.OUT ? fallbackOut : fallbackErr;
            fallback.print(text);
            fallback.flush();
            return;
        }
        outbox.publish(p, new PublishStream(type, text));
    }

    /** Shows {@code data} as a new output of the current request. */
    public void display(DisplayData data) {
        flush();
        outbox.publish(parent, new PublishDisplayData(data));
    }

    /** Replaces the output shown under {@code data}'s display id, wherever it is. */
    public void updateDisplay(DisplayData data) {
        flush();
        outbox.publish(parent, new PublishUpdateDisplayData(data));
    }

    /** Clears the current cell's output, now or (with {@code wait}) when the next output arrives. */
    public void clear(boolean wait) {
        flush();
        outbox.publish(parent, MessageType.PUBLISH_CLEAR_OUTPUT, Map.of("wait", wait));
    }

    /**
     * Sends a MIME bundle to the pager: a payload of the current request's reply, which Jupyter shows in its pager
     * (a panel below the notebook) instead of the cell output.
     */
    public void page(Map<String, Object> mimeBundle) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("source", "page");
        payload.put("data", Map.copyOf(mimeBundle));
        payload.put("start", 0);
        synchronized (pages) {
            pages.add(payload);
        }
    }

    /** The pages collected for the current request, and forgets them. */
    public List<Map<String, Object>> takePages() {
        synchronized (pages) {
            List<Map<String, Object>> taken = List.copyOf(pages);
            pages.clear();
            return taken;
        }
    }

    /** Stops the periodic flush after a last flush. */
    @Override
    public void close() {
        flush();
        flusher.shutdownNow();
    }
}
