package org.ullsnn.kernel.wire;

/** A received message that is not handled: badly signed, replayed, or not a Jupyter message at all. */
public final class RejectedMessageException extends Exception {

    public RejectedMessageException(String reason) {
        super(reason);
    }

    public RejectedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
