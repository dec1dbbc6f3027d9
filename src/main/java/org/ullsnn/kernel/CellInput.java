package org.ullsnn.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The kernel's {@code System.in}: a cell that reads it asks the notebook for a line, as {@code input()} does in
 * IPython, so {@code new Scanner(System.in).nextLine()} shows an input box and returns what was typed.
 *
 * <ul>
 *   <li>When nothing is buffered, a read asks the running execute request's front end for a line (an
 *       {@code input_request} on the stdin channel, see {@link LineSource}) and blocks until the answer; the line
 *       typed is then read, followed by {@link System#lineSeparator()}. While input is allowed the stream never
 *       ends: each read past a line asks for another.</li>
 *   <li>A request sent with {@code allow_stdin: false} (nbconvert and other batch runs send that) cannot answer:
 *       a read throws an {@link IOException} that says so, the analogue of IPython's
 *       {@code StdinNotImplementedError}. The first such read of a cell also writes the reason to the cell's stderr,
 *       because {@code Scanner} swallows the exception and reports only "No line found".</li>
 *   <li>A thread that reads after its cell's request was answered gets an {@link IOException} too; one waiting
 *       for a line then stops waiting.</li>
 *   <li>An interrupt (the stop button) while waiting gives the request up and throws a
 *       {@link CancellationException} ("interrupted while waiting for input"), as the library's training loop does
 *       when interrupted; the thread's interrupt status is set again. It is unchecked on purpose: {@code Scanner}
 *       would turn an {@code InterruptedIOException} into "No line found", and the cell must say why it stopped.</li>
 *   <li>Text is encoded in the JVM's default charset, which {@code InputStreamReader} and {@code Scanner} use
 *       when given none.</li>
 *   <li>Each request starts with nothing buffered: what a cell left unread of a line is dropped.</li>
 * </ul>
 * Thread-safe; readers wait for a line one at a time.
 */
final class CellInput extends InputStream {

    static final String NOT_ALLOWED = "System.in cannot be read in this cell: its front end does not accept input "
            + "(the execute request has allow_stdin false, as nbconvert and other batch runs send); "
            + "put the value in the code instead";
    static final String NO_REQUEST = "System.in can be read only while a cell runs (this read came before or after "
            + "one, from a thread that outlived its cell, say)";
    static final String INTERRUPTED = "interrupted while waiting for input";
    private static final byte[] NOTHING = new byte[0];

    /** Where the lines of one execute request come from. */
    @FunctionalInterface
    interface LineSource {
        /** Asks the front end for one line; the future completes with the text typed, without a line end. */
        CompletableFuture<String> ask();
    }

    /** The request being served: {@code source} is {@code null} when it does not allow input. */
    private record Request(LineSource source) { }

    private final PrintStream notes;
    private final Charset charset;
    private final Object readers = new Object();
    private volatile Request current;
    private volatile boolean noted;
    private volatile CompletableFuture<String> waiting;
    private byte[] line = NOTHING; // guarded by this
    private int position; // guarded by this

    /**
     * @param notes   where the reason a read fails in a request without input goes (the cells' stderr)
     * @param charset how lines are encoded (the JVM's default charset in the kernel)
     */
    CellInput(PrintStream notes, Charset charset) {
        this.notes = notes;
        this.charset = charset;
    }

    /**
     * An execute request starts: lines come from {@code source}, or, if it is {@code null} (the request has
     * {@code allow_stdin: false}), reading fails. What an earlier request left unread is dropped.
     */
    void attach(LineSource source) {
        synchronized (this) {
            line = NOTHING;
            position = 0;
        }
        noted = false;
        current = new Request(source);
    }

    /** The request is answered: reading fails until the next one, and a reader still waiting stops waiting. */
    void detach() {
        current = null;
        CompletableFuture<String> w = waiting;
        if (w != null) {
            w.cancel(false);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        synchronized (readers) {
            int n = take(b, off, len);
            if (n > 0) {
                return n;
            }
            byte[] next = nextLine();
            synchronized (this) {
                line = next;
                position = 0;
            }
            return take(b, off, len);
        }
    }

    private synchronized int take(byte[] b, int off, int len) {
        int n = Math.min(len, line.length - position);
        System.arraycopy(line, position, b, off, n);
        position += n;
        return n;
    }

    /** What can be read without asking the notebook: the rest of the line last typed. */
    @Override
    public synchronized int available() {
        return line.length - position;
    }

    private byte[] nextLine() throws IOException {
        Request r = current;
        if (r == null) {
            throw new IOException(NO_REQUEST);
        }
        if (r.source() == null) {
            if (!noted) {
                noted = true;
                notes.println(NOT_ALLOWED);
            }
            throw new IOException(NOT_ALLOWED);
        }
        CompletableFuture<String> answer = r.source().ask();
        waiting = answer;
        if (current != r) { // detached meanwhile, perhaps before it could see this wait
            answer.cancel(false);
        }
        try {
            return (answer.get() + System.lineSeparator()).getBytes(charset);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException(INTERRUPTED);
        } catch (CancellationException e) {
            throw new IOException(NO_REQUEST);
        } catch (ExecutionException e) {
            throw new IOException("no input from the notebook: " + e.getCause().getMessage(), e.getCause());
        } finally {
            answer.cancel(false); // gives the request up if it is still unanswered (interrupt, Thread.stop)
            waiting = null;
        }
    }
}
