package org.ullsnn.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 (port chosen by the OS) serving one file at {@code /files/<name>}, with
 * {@code Range: bytes=N-} support (206, and 416 past the end). It can cut its first response after a number
 * of bytes, ignore ranges (200 with the whole file), or answer with a fixed status. Records every request's
 * Range header ({@code "-"} when absent).
 */
final class LoopbackArchiveServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final byte[] content;
    private final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger cutsLeft = new AtomicInteger();
    private volatile int cutAfter = -1;
    private volatile int bytesSentBeforeCut = -1;
    private volatile boolean ignoreRange;
    private volatile int fixedStatus;
    private volatile Path part;
    private final List<Long> partSizes = Collections.synchronizedList(new ArrayList<>());

    LoopbackArchiveServer(byte[] content) throws IOException {
        this.content = content.clone();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/", this::handle);
        server.start();
    }

    URI uri(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name);
    }

    /**
     * The first response is cut after {@code bytes} bytes of body: the server sends them, waits until the
     * client's {@code part} file holds some of them, then closes the connection. The client may lose bytes
     * it had received but not yet read (Java's HttpClient drops them on a broken connection), so the part
     * can end up shorter than {@code bytes}.
     */
    void cutFirstResponseAfter(int bytes, Path part) {
        this.part = part;
        cutAfter = bytes;
        cutsLeft.set(1);
    }

    /** Size of the client's part file when each request arrived ({@code -1}: absent). */
    List<Long> partSizesAtRequests() {
        synchronized (partSizes) {
            return List.copyOf(partSizes);
        }
    }

    void ignoreRange() {
        ignoreRange = true;
    }

    void answerWith(int status) {
        fixedStatus = status;
    }

    /** Body bytes sent by the (first) cut response. */
    int bytesSentBeforeCut() {
        return bytesSentBeforeCut;
    }

    /** Range header of each request in order, {@code "-"} when absent. */
    List<String> ranges() {
        synchronized (ranges) {
            return List.copyOf(ranges);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "-" : range);
        partSizes.add(part != null && Files.exists(part) ? Files.size(part) : -1L);
        try (exchange) {
            if (fixedStatus != 0) {
                exchange.sendResponseHeaders(fixedStatus, -1);
                return;
            }
            int start = 0;
            int status = 200;
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches() && !ignoreRange) {
                start = Integer.parseInt(m.group(1));
                if (start >= content.length) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().add("Content-Range",
                        "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            }
            int length = content.length - start;
            exchange.sendResponseHeaders(status, length);
            OutputStream body = exchange.getResponseBody();
            if (cutAfter >= 0 && cutAfter < length && cutsLeft.getAndDecrement() > 0) {
                body.write(content, start, cutAfter);
                body.flush();
                if (bytesSentBeforeCut < 0) {
                    bytesSentBeforeCut = cutAfter;
                }
                awaitClientProgress();
                // closing with bytes missing makes the server drop the connection
                try {
                    exchange.close();
                } catch (RuntimeException ignored) {
                    // the server reports the short body; the client sees a closed connection
                }
                return;
            }
            body.write(content, start, length);
        } catch (IOException expectedWhenCut) {
            // "insufficient bytes written to stream" after a deliberate cut
        }
    }

    private void awaitClientProgress() throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (part != null && (!Files.exists(part) || Files.size(part) == 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
