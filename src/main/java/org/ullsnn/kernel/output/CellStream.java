package org.ullsnn.kernel.output;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One output stream of the cells ({@code stdout} or {@code stderr}): bytes are collected and handed on as text when
 * {@link #flush()} is called (by the kernel every {@code 100 ms} while a cell runs, before every display and at
 * the end of a cell) or when {@value #MAX_BUFFERED} bytes are waiting. A UTF-8 character split across writes is
 * kept until it is whole. Thread-safe.
 */
final class CellStream extends OutputStream {

    static final int MAX_BUFFERED = 64 * 1024;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Consumer<String> sink;

    /** @param sink receives each flushed piece of text (non-empty), on the flushing thread */
    CellStream(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        if (buffer.size() >= MAX_BUFFERED) {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
        if (buffer.size() >= MAX_BUFFERED) {
            flush();
        }
    }

    /** Hands the complete characters written so far to the sink, in order. */
    @Override
    public synchronized void flush() {
        if (buffer.size() == 0) {
            return;
        }
        byte[] bytes = buffer.toByteArray();
        int whole = wholeCharacters(bytes);
        buffer.reset();
        buffer.write(bytes, whole, bytes.length - whole);
        if (whole > 0) {
            sink.accept(new String(bytes, 0, whole, StandardCharsets.UTF_8));
        }
    }

    /** The length of the longest prefix that does not end inside a multi-byte UTF-8 sequence. */
    static int wholeCharacters(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for the lead byte
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }
}
