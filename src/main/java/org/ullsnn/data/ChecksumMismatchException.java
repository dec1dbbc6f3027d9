package org.ullsnn.data;

import java.io.IOException;

/**
 * A file's checksum differs from the published one. A download has already been deleted; fetching again is the
 * usual fix, and a repeat points at a server or proxy that alters the file. An archive the user put in place is
 * kept, and the message says to replace it.
 */
public class ChecksumMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String algorithm;
    private final String expected;
    private final String actual;

    /** {@code file} is named in the message together with both digests (lower-case hex). */
    public ChecksumMismatchException(String file, String algorithm, String expected, String actual) {
        this(file, algorithm, expected, actual, "the download was deleted, fetch again (if this repeats, a server or "
                + "proxy alters the file)");
    }

    /** As above, for a file that is not a download: {@code advice} says what to do instead of fetching again. */
    public ChecksumMismatchException(String file, String algorithm, String expected, String actual, String advice) {
        super(file + ": " + algorithm + " mismatch, expected " + expected + " but the file has " + actual + "; "
                + advice);
        this.file = file;
        this.algorithm = algorithm;
        this.expected = expected;
        this.actual = actual;
    }

    /** The file (or URL) that failed the check. */
    public String file() {
        return file;
    }

    /** {@code "MD5"} or {@code "SHA-256"}. */
    public String algorithm() {
        return algorithm;
    }

    /** The published digest, lower-case hex. */
    public String expected() {
        return expected;
    }

    /** The digest of what was downloaded, lower-case hex. */
    public String actual() {
        return actual;
    }
}
