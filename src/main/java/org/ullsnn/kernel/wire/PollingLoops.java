package org.ullsnn.kernel.wire;

import org.zeromq.ZMQ;

/** Stopping a channel's polling thread: the one way {@link SignedChannel} and {@link InputChannel} shut theirs down. */
final class PollingLoops {

    /** How long one poll waits, in ms: the longest a stop request goes unseen. */
    static final long POLL_MILLIS = 100;

    private PollingLoops() {
    }

    /**
     * Waits for {@code loop} to see its stop flag and end (two polls and a second at most; not when called from the
     * loop itself), then closes its poller. Either may be null (a channel closed before it started).
     */
    static void awaitEndAndClose(Thread loop, ZMQ.Poller poller) {
        if (loop != null && loop != Thread.currentThread()) {
            try {
                loop.join(2 * POLL_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (poller != null) {
            poller.close();
        }
    }
}
