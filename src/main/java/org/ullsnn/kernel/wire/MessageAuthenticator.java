package org.ullsnn.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies Jupyter messages: the signature is the hex HMAC of the header, parent header, metadata and
 * content frames, keyed with the connection file's key.
 *
 * <ul>
 *   <li>Signatures are compared in constant time ({@link MessageDigest#isEqual}), so response timing does not
 *       reveal how much of a forged signature was right.</li>
 *   <li>A correctly signed message that was already accepted is refused as a replay (the last
 *       {@value #REMEMBERED} signatures are remembered, as ipykernel does), so a captured request cannot be
 *       re-sent to run its code again.</li>
 * </ul>
 * Thread-safe.
 */
public final class MessageAuthenticator {

    /** How many accepted signatures are remembered to refuse replays. */
    static final int REMEMBERED = 65_536;

    /** What {@link #verify} found. */
    public enum Verdict {
        /** Signed with the key, and not seen before. */
        ACCEPTED,
        /** Missing or wrong signature. */
        BAD_SIGNATURE,
        /** Correctly signed, but already accepted once. */
        REPLAYED
    }

    private final Mac mac;
    private final Set<String> accepted = new LinkedHashSet<>();

    /**
     * @param algorithm a JCA MAC name such as {@code HmacSHA256}
     * @param key       the connection file's key
     */
    public MessageAuthenticator(String algorithm, String key) {
        try {
            this.mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use " + algorithm + " for message signatures", e);
        }
    }

    /** For the key and scheme of a connection file. */
    public static MessageAuthenticator of(ConnectionInfo info) {
        return new MessageAuthenticator(info.macAlgorithm(), info.key());
    }

    /** The hex signature of the four signed frames. */
    public synchronized String sign(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        mac.update(header);
        mac.update(parentHeader);
        mac.update(metadata);
        mac.update(content);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Checks a received signature frame against the four signed frames, and remembers it when accepted. */
    public synchronized Verdict verify(byte[] signature, byte[] header, byte[] parentHeader, byte[] metadata,
            byte[] content) {
        String expected = sign(header, parentHeader, metadata, content);
        if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature)) {
            return Verdict.BAD_SIGNATURE;
        }
        if (!accepted.add(expected)) {
            return Verdict.REPLAYED;
        }
        if (accepted.size() > REMEMBERED) {
            accepted.remove(accepted.iterator().next());
        }
        return Verdict.ACCEPTED;
    }
}
