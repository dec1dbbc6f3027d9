package org.ullsnn.data;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;

/**
 * Names why an HTTP request failed, in words a user can act on: unknown host (DNS), host unreachable, connection
 * refused, connect timeout, read timeout, or the HTTP status. Java's {@code HttpClient} reports most connection
 * failures as a {@link ConnectException} without a message (a refused port, an unreachable network and a dropped
 * connection look alike), so for those one plain socket connection to the same host and port is tried, and the
 * operating system's answer names the cause.
 */
final class NetworkFailure {

    /** The longest a diagnostic connection may take. */
    static final Duration PROBE_LIMIT = Duration.ofSeconds(10);

    private NetworkFailure() {
    }

    /**
     * Why a request to {@code url} failed with {@code e}.
     *
     * @param connectTimeout the client's connect timeout, or {@code null} when it has none
     * @param requestTimeout the time allowed until the response headers arrive
     */
    static String describe(IOException e, URI url, Duration connectTimeout, Duration requestTimeout) {
        String host = url.getHost();
        String hostPort = host + ":" + port(url);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return unknownHost(host);
            }
            if (t instanceof HttpConnectTimeoutException) {
                return connectTimeout(hostPort, connectTimeout);
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return "read timeout: " + host + " sent no response within " + seconds(requestTimeout);
            }
            String fromMessage = fromMessage(t.getMessage(), hostPort);
            if (fromMessage != null) {
                return fromMessage;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return probe(url, connectTimeout);
            }
        }
        String message = e.getMessage();
        return message != null && !message.isBlank() ? message
                : e.getClass().getSimpleName() + " (no detail from Java's HTTP client)";
    }

    /** Connects once with a plain socket to {@code url}'s host and port and names what the system answers. */
    static String probe(URI url, Duration connectTimeout) {
        String host = url.getHost();
        int port = port(url);
        Duration limit = connectTimeout == null || connectTimeout.compareTo(PROBE_LIMIT) > 0 ? PROBE_LIMIT
                : connectTimeout;
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return unknownHost(host);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, limit.toMillis()));
            return "the connection to " + host + ":" + port + " closed before an HTTP response (it accepts "
                    + "connections now; a proxy or firewall may be cutting them)";
        } catch (SocketTimeoutException e) {
            return connectTimeout(host + ":" + port, limit);
        } catch (NoRouteToHostException e) {
            return unreachable(host, e.getMessage());
        } catch (IOException e) {
            String m = fromMessage(e.getMessage(), host + ":" + port);
            return m != null ? m : "cannot connect to " + host + ":" + port + " (" + e + ")";
        }
    }

    /** A cause named by an exception's message, e.g. the system's "Connection refused"; else {@code null}. */
    private static String fromMessage(String message, String hostPort) {
        if (message == null) {
            return null;
        }
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("connection refused")) {
            return "connection refused by " + hostPort + " (nothing listens there)";
        }
        if (m.contains("network is unreachable") || m.contains("no route to host")
                || m.contains("host is unreachable")) {
            return unreachable(hostPort.substring(0, hostPort.lastIndexOf(':')), message);
        }
        return null;
    }

    private static String unknownHost(String host) {
        return "unknown host " + host + " (the DNS lookup failed: no network or no DNS server, or a wrong host name)";
    }

    private static String unreachable(String host, String systemMessage) {
        return "host unreachable: " + host + " (" + (systemMessage == null ? "no route" : systemMessage)
                + "; no network?)";
    }

    private static String connectTimeout(String hostPort, Duration timeout) {
        return "connect timeout: no connection to " + hostPort
                + (timeout == null ? "" : " within " + seconds(timeout)) + " (a firewall, or no network?)";
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
