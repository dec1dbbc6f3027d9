package org.ullsnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

/**
 * Brings a {@code .part} file to the complete content of a URL over HTTP, resuming what an earlier
 * attempt or run left: {@code Range: bytes=N-} when N bytes are there. Server answers: 206 appends (the
 * range must start at N), 200 restarts from byte 0 (the server ignored the range), 416 means the part is
 * already complete when the server's total equals N and restarts otherwise. Broken connections, 5xx and
 * 429 are retried (resuming) up to the attempt limit; other statuses fail at once. Each failed attempt is logged
 * with its cause named ({@link NetworkFailure}: unknown host, host unreachable, connection refused, connect or read
 * timeout, HTTP status), and so is the last one in the {@link DownloadFailedException}.
 */
final class ResumableDownload {

    private static final Logger LOG = LoggerFactory.getLogger(ResumableDownload.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
    private static final int CHUNK = 64 * 1024;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final ProgressListener listener;

    ResumableDownload(HttpClient client, Duration requestTimeout, int maxAttempts, Duration retryDelay,
                      ProgressListener listener) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.maxAttempts = Checks.positive("maxAttempts", maxAttempts);
        this.retryDelay = retryDelay;
        this.listener = listener;
    }

    /**
     * A download that failed for good: after its last attempt, or at once on a failure that retrying cannot fix
     * (e.g. HTTP 404). {@link #reason()} names why in words ({@link NetworkFailure}).
     */
    static final class DownloadFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        private final String reason;

        DownloadFailedException(String message, String reason, IOException last) {
            super(message, last);
            this.reason = reason;
        }

        /** Why the last attempt failed, e.g. {@code "unknown host www.cs.toronto.edu (...)"} or {@code "HTTP 404"}. */
        String reason() {
            return reason;
        }
    }

    /** A failure that retrying cannot fix (e.g. HTTP 404). */
    private static final class Fatal extends IOException {
        private static final long serialVersionUID = 1L;

        private final String reason;

        Fatal(String message, String reason) {
            super(message);
            this.reason = reason;
        }
    }

    /**
     * Completes {@code part} with the content of {@code url}.
     *
     * @param expectedBytes the full size when known (then a part of that size needs no request), else -1
     * @return the bytes received by this call (0 when the part was already complete)
     */
    long fetch(URI url, Path part, long expectedBytes, String task) throws IOException {
        AtomicLong received = new AtomicLong();
        IOException last = null;
        String lastReason = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            long offset = Files.exists(part) ? Files.size(part) : 0;
            if (expectedBytes >= 0 && offset > expectedBytes) {
                LOG.warn("{} holds {} bytes, more than the {} expected; starting over", part, offset, expectedBytes);
                Files.delete(part);
                offset = 0;
            }
            if (expectedBytes >= 0 && offset == expectedBytes) {
                listener.onProgress(ProgressEvent.done(task, offset, expectedBytes, "B", "complete"));
                return received.get();
            }
            try {
                attempt(url, part, offset, expectedBytes, task, attempt, received);
                long size = Files.size(part);
                listener.onProgress(ProgressEvent.done(task, size, expectedBytes >= 0 ? expectedBytes : size, "B",
                        ""));
                return received.get();
            } catch (InterruptedIOException e) {
                throw e;
            } catch (Fatal e) {
                throw new DownloadFailedException(e.getMessage(), e.reason, e);
            } catch (IOException e) {
                last = e;
                lastReason = reason(e, url);
                if (attempt < maxAttempts) {
                    LOG.warn(attemptLine(url, attempt, maxAttempts, lastReason, retryDelay,
                            Files.exists(part) ? Files.size(part) : 0));
                    pause();
                }
            }
        }
        long kept = Files.exists(part) ? Files.size(part) : 0;
        String message = "download of " + url + " failed after " + maxAttempts + " attempts (last: " + lastReason + ")"
                + (kept > 0 ? "; the partial file " + part + " (" + kept
                        + " bytes) is kept and the next fetch resumes from it" : "");
        throw new DownloadFailedException(message, lastReason, last);
    }

    /** Why {@code e} ended a request to {@code url}, named for a user ({@link NetworkFailure}). */
    String reason(IOException e, URI url) {
        return NetworkFailure.describe(e, url, client.connectTimeout().orElse(null), requestTimeout);
    }

    /** The log line of a failed attempt that will be retried. */
    static String attemptLine(URI url, int attempt, int maxAttempts, String reason, Duration retryDelay,
                              long partBytes) {
        return "download of " + url + " failed (attempt " + attempt + "/" + maxAttempts + "): " + reason
                + "; retrying in " + retryDelay.toSeconds() + " s"
                + (partBytes > 0 ? ", resuming from byte " + partBytes : "");
    }

    /** One request; returns normally when the part is complete, adds the bytes it receives to {@code received}. */
    private void attempt(URI url, Path part, long offset, long expectedBytes, String task, int attempt,
                         AtomicLong received) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET();
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + url + " was interrupted");
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            long start;
            long total;
            switch (status) {
                case 200 -> {
                    if (offset > 0) {
                        LOG.info("{} ignored the range request; downloading from byte 0", url);
                    }
                    start = 0;
                    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                    total = length.isPresent() ? length.getAsLong() : expectedBytes;
                }
                case 206 -> {
                    String header = response.headers().firstValue("Content-Range").orElse("");
                    Matcher m = CONTENT_RANGE.matcher(header);
                    if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
                        Files.deleteIfExists(part);
                        throw new IOException("asked for bytes from " + offset + " and got Content-Range '" + header
                                + "'; starting over");
                    }
                    start = offset;
                    total = "*".equals(m.group(3)) ? expectedBytes : Long.parseLong(m.group(3));
                }
                case 416 -> {
                    String header = response.headers().firstValue("Content-Range").orElse("");
                    Matcher m = UNSATISFIED_RANGE.matcher(header);
                    if (m.matches() && Long.parseLong(m.group(1)) == offset) {
                        return;
                    }
                    Files.deleteIfExists(part);
                    throw new IOException("server refused the range from byte " + offset + " (Content-Range '"
                            + header + "'); starting over");
                }
                default -> {
                    if (status >= 500 || status == 429) {
                        throw new IOException("HTTP " + status + " from " + url);
                    }
                    throw new Fatal("download of " + url + " failed: HTTP " + status + " (not retried)",
                            "HTTP " + status);
                }
            }
            String detail = start > 0 ? "resumed at " + start + " B" : attempt > 1 ? "attempt " + attempt : "";
            long done = start;
            listener.onProgress(ProgressEvent.of(task, done, total, "B", detail));
            StandardOpenOption mode = start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            byte[] buffer = new byte[CHUNK];
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    mode)) {
                while (true) {
                    int n;
                    try {
                        n = body.read(buffer);
                    } catch (InterruptedIOException e) {
                        throw e;
                    } catch (IOException e) {
                        throw new IOException("connection broken after " + done + (total >= 0 ? " of " + total : "")
                                + " bytes (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                                + ")", e);
                    }
                    if (n <= 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    done += n;
                    received.addAndGet(n);
                    listener.onProgress(ProgressEvent.of(task, done, total, "B", detail));
                }
            }
            if (total >= 0 && done < total) {
                throw new IOException("connection closed after " + done + " of " + total + " bytes");
            }
        }
    }

    private void pause() throws InterruptedIOException {
        try {
            Thread.sleep(retryDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
