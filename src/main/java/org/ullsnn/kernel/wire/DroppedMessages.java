package org.ullsnn.kernel.wire;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Counts the messages a channel drops and logs why: the first {@value #LOGGED_IN_FULL} each, then one in every
 * {@value #LOG_EVERY}, so that a flood of forged messages cannot fill the log. Thread-safe.
 */
final class DroppedMessages {

    private static final int LOGGED_IN_FULL = 20;
    private static final int LOG_EVERY = 1000;

    private final Logger logger;
    private final String channel;
    private final AtomicLong dropped = new AtomicLong();

    DroppedMessages(Logger logger, String channel) {
        this.logger = logger;
        this.channel = channel;
    }

    /** Counts and (maybe) logs one dropped message; {@code frames} as received, the peer's identity first. */
    void add(String reason, List<byte[]> frames) {
        long n = dropped.incrementAndGet();
        if (n <= LOGGED_IN_FULL || n % LOG_EVERY == 0) {
            String peer = frames.isEmpty() ? "?" : HexFormat.of().formatHex(frames.get(0));
            logger.warn("{} channel: dropped a message from peer {} ({} frames): {} [{} dropped so far]", channel, peer,
                    frames.size(), reason, n);
        }
    }

    long count() {
        return dropped.get();
    }
}
