package org.ullsnn.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.crypto.Mac;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The connection file Jupyter writes for a kernel: the address and five ports to bind, and the key that signs
 * every message.
 *
 * <p>Stricter than the protocol on purpose:
 * <ul>
 *   <li>an empty key is refused, because without one anybody who can reach a port can run code as the user;</li>
 *   <li>only the {@code tcp} transport is accepted: the ZeroMQ library used here emulates {@code ipc} over TCP,
 *       which a Python client would not find;</li>
 *   <li>the signature scheme must be an HMAC the JVM provides ({@code hmac-sha256} in practice).</li>
 * </ul>
 *
 * @param transport       {@code tcp}
 * @param ip              the address every socket binds to (e.g. {@code 127.0.0.1}); never widened
 * @param shellPort       requests from the front end
 * @param iopubPort       broadcasts: status, output, displays
 * @param stdinPort       input requests of cells that read {@code System.in}
 * @param controlPort     interrupt, shutdown, and other requests that must not wait for a running cell
 * @param hbPort          heartbeat echo
 * @param signatureScheme e.g. {@code hmac-sha256}
 * @param key             the shared secret
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
        int controlPort, int hbPort, String signatureScheme, String key) {

    public ConnectionInfo {
        if (!"tcp".equals(transport)) {
            throw new IllegalArgumentException("transport must be tcp, got '" + transport + "'");
        }
        if (ip == null || ip.isBlank()) {
            throw new IllegalArgumentException("the connection file names no ip to bind to");
        }
        for (int port : new int[] {shellPort, iopubPort, stdinPort, controlPort, hbPort}) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("ports must be in [1, 65535], got " + port);
            }
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("the connection file has no key: refusing to run unauthenticated, "
                    + "since anyone who can reach the ports could run code; let Jupyter write the file (it adds a key)");
        }
        try {
            Mac.getInstance(macAlgorithm(signatureScheme));
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported signature scheme '" + signatureScheme
                    + "'; expected an HMAC such as hmac-sha256", e);
        }
    }

    /** Reads and checks a connection file. */
    public static ConnectionInfo read(Path file) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the connection file " + file, e);
        }
        return new ConnectionInfo(json.path("transport").asText("tcp"), json.path("ip").asText(null),
                json.path("shell_port").asInt(), json.path("iopub_port").asInt(), json.path("stdin_port").asInt(),
                json.path("control_port").asInt(), json.path("hb_port").asInt(),
                json.path("signature_scheme").asText("hmac-sha256"), json.path("key").asText(""));
    }

    /** The JCA name of the MAC, e.g. {@code HmacSHA256} for {@code hmac-sha256}. */
    public String macAlgorithm() {
        return macAlgorithm(signatureScheme);
    }

    static String macAlgorithm(String scheme) {
        if (scheme == null || !scheme.toLowerCase(Locale.ROOT).startsWith("hmac-")) {
            throw new IllegalArgumentException("not an HMAC scheme: " + scheme);
        }
        return "Hmac" + scheme.substring("hmac-".length()).toUpperCase(Locale.ROOT);
    }

    /** {@code tcp://ip:port}. */
    public String address(int port) {
        String host = ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
        return transport + "://" + host + ":" + port;
    }

    /** The same settings in jjava's form, for its heartbeat and IOPub sockets. */
    KernelConnectionProperties toJjava() {
        return new KernelConnectionProperties(ip, controlPort, shellPort, stdinPort, hbPort, iopubPort, transport,
                signatureScheme, key);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ConnectionInfo[" + transport + "://" + ip + " shell=" + shellPort + " iopub=" + iopubPort + " stdin="
                + stdinPort + " control=" + controlPort + " hb=" + hbPort + " " + signatureScheme + "]";
    }
}
