package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The causes a download failure is given, from the exceptions Java's HttpClient throws (as seen on JDK 17: most
 * connection failures are a ConnectException without a message, around a ClosedChannelException).
 */
class NetworkFailureTest {

    private static final URI OFFICIAL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    private static final Duration CONNECT = Duration.ofSeconds(30);
    private static final Duration REQUEST = Duration.ofSeconds(60);

    private static IOException httpClientStyle(Throwable cause) {
        ConnectException inner = new ConnectException();
        inner.initCause(cause);
        ConnectException outer = new ConnectException();
        outer.initCause(inner);
        return outer;
    }

    private static String describe(IOException e) {
        return NetworkFailure.describe(e, OFFICIAL, CONNECT, REQUEST);
    }

    @Test
    void anUnresolvedAddressIsAnUnknownHost() {
        assertEquals("unknown host www.cs.toronto.edu (the DNS lookup failed: no network or no DNS server, or a wrong "
                + "host name)", describe(httpClientStyle(new UnresolvedAddressException())));
    }

    @Test
    void aConnectTimeoutNamesHostPortAndTheTimeout() {
        assertEquals("connect timeout: no connection to www.cs.toronto.edu:443 within 30 s (a firewall, or no "
                + "network?)", describe(new HttpConnectTimeoutException("HTTP connect timed out")));
    }

    @Test
    void aRequestTimeoutIsAReadTimeout() {
        assertEquals("read timeout: www.cs.toronto.edu sent no response within 60 s",
                describe(new HttpTimeoutException("request timed out")));
    }

    @Test
    void anUnreachableNetworkOrHostIsHostUnreachable() {
        assertEquals("host unreachable: www.cs.toronto.edu (Network is unreachable; no network?)",
                describe(httpClientStyle(new SocketException("Network is unreachable"))));
        assertEquals("host unreachable: www.cs.toronto.edu (No route to host; no network?)",
                describe(httpClientStyle(new NoRouteToHostException("No route to host"))));
    }

    @Test
    void aConnectExceptionWithoutDetailIsDiagnosedByConnectingAgain() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/x.tar.gz");

        assertEquals("connection refused by 127.0.0.1:" + port + " (nothing listens there)", NetworkFailure.describe(
                httpClientStyle(new ClosedChannelException()), closed, CONNECT, REQUEST));
    }

    @Test
    void aStatusOrOtherMessageIsKeptAndNoCauseIsEverNull() {
        assertEquals("HTTP 503 from " + OFFICIAL, describe(new IOException("HTTP 503 from " + OFFICIAL)));
        assertEquals("IOException (no detail from Java's HTTP client)", describe(new IOException()));
    }

    @Test
    void eachRetriedAttemptIsOneLineWithItsCause() {
        assertEquals("download of " + OFFICIAL + " failed (attempt 1/4): unknown host x; retrying in 2 s",
                ResumableDownload.attemptLine(OFFICIAL, 1, 4, "unknown host x", Duration.ofSeconds(2), 0));
        assertEquals("download of " + OFFICIAL + " failed (attempt 2/4): read timeout; retrying in 2 s, resuming "
                + "from byte 500", ResumableDownload.attemptLine(OFFICIAL, 2, 4, "read timeout", Duration.ofSeconds(2),
                500));
    }
}
