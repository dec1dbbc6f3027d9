package org.ullsnn.kernel.wire;

import org.dflib.jjava.jupyter.messages.Message;

/** Handles one verified request that arrived on a shell or control channel; replies go back on that channel. */
@FunctionalInterface
public interface RequestHandler {

    void handle(SignedChannel channel, Message<?> request);
}
