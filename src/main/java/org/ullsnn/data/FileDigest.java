package org.ullsnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests of files and byte streams as lower-case hex. */
final class FileDigest {

    static final String MD5 = "MD5";
    static final String SHA256 = "SHA-256";

    private FileDigest() {
    }

    static MessageDigest create(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide " + algorithm, e);
        }
    }

    /** Hex digest of the whole file. */
    static String of(Path file, String algorithm) throws IOException {
        MessageDigest digest = create(algorithm);
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest);
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
