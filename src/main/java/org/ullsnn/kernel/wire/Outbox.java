package org.ullsnn.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;

/**
 * Sends what the kernel says: replies on the channel a request came from, and IOPub broadcasts (status, output,
 * displays) tied to the request that caused them. Every message carries this kernel's own session id and protocol
 * version {@value #PROTOCOL_VERSION}. Replies are plain JSON maps, so their content is exactly what the protocol
 * asks for (jjava's reply classes lack the {@code status} of {@code kernel_info_reply}, cannot carry execute
 * payloads, and serialise history entries as objects instead of tuples). Thread-safe: sockets serialise sends.
 */
public final class Outbox {

    /** The messaging protocol version spoken. */
    public static final String PROTOCOL_VERSION = "5.3";
    private static final String USERNAME = "kernel";

    private final JupyterSocket iopub;
    private final String session = UUID.randomUUID().toString();

    public Outbox(JupyterSocket iopub) {
        this.iopub = iopub;
    }

    /** This kernel's session id (the {@code session} of every header it sends). */
    public String session() {
        return session;
    }

    /** Replies to {@code request} on {@code channel} with a JSON object. */
    public void reply(JupyterSocket channel, Message<?> request, MessageType<?> type, Map<String, Object> content) {
        channel.sendMessage(message(request.getIdentities(), request, type, content));
    }

    /** Broadcasts a jjava content object (display data, stream text, ...) as caused by {@code parent}. */
    public <T extends ContentType<T>> void publish(MessageContext parent, T content) {
        publish(parent, content.getType(), content);
    }

    /** Broadcasts any JSON-serialisable content as caused by {@code parent} (may be {@code null} at startup). */
    public void publish(MessageContext parent, MessageType<?> type, Object content) {
        byte[] topic = ("kernel." + session + "." + type.getName()).getBytes(StandardCharsets.UTF_8);
        iopub.sendMessage(message(List.of(topic), parent, type, content));
    }

    /** Broadcasts {@code {"execution_state": state}}: {@code starting}, {@code busy} or {@code idle}. */
    public void status(MessageContext parent, String state) {
        publish(parent, MessageType.PUBLISH_STATUS, Map.of("execution_state", state));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Message<?> message(List<byte[]> identities, MessageContext parent, MessageType<?> type,
            Object content) {
        Header<?> header = new Header(UUID.randomUUID().toString(), USERNAME, session, KernelTimestamp.now(), type,
                PROTOCOL_VERSION);
        Header<?> parentHeader = parent == null ? null : parent.getHeader();
        return new Message(identities, header, parentHeader, Map.of(), content, null);
    }
}
