package org.ullsnn.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the kernel says: replies on the channel a request came from, and IOPub broadcasts (status, output,
 * displays) tied to the request that caused them. Every message carries this kernel's own session id and protocol
 * version {@value #PROTOCOL_VERSION}. Replies are plain JSON maps, so their content is exactly what the protocol
 * asks for (jjava's reply classes lack the {@code status} of {@code kernel_info_reply}, cannot carry execute
 * payloads, and serialise history entries as objects instead of tuples).
 *
 * <p>IOPub messages are queued and sent by one thread of their own, as ipykernel does, never by the thread that
 * publishes them: the cell thread publishes output and progress, and an interrupt arriving while it were inside
 * ZeroMQ would close ZeroMQ's internal channels (NIO closes a channel whose thread is interrupted) and break the
 * socket for good. One queue also keeps every IOPub message in the order it was published. Thread-safe.
 */
public final class Outbox implements AutoCloseable {

    /** The messaging protocol version spoken. */
    public static final String PROTOCOL_VERSION = "5.3";
    private static final String USERNAME = "kernel";

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final long DRAIN_SECONDS = 10;

    private final JupyterSocket iopub;
    private final String session = UUID.randomUUID().toString();
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread sender = new Thread(this::send, "kernel-iopub");

    public Outbox(JupyterSocket iopub) {
        this.iopub = iopub;
        sender.setDaemon(true);
        sender.start();
    }

    private void send() {
        while (true) {
            Runnable next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return; // close()
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("sending an IOPub message failed", e);
            }
        }
    }

    /** Waits until every IOPub message published so far has been handed to ZeroMQ (replies wait for their output). */
    public void drain() {
        CountDownLatch sent = new CountDownLatch(1);
        queue.add(sent::countDown);
        try {
            if (!sent.await(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("IOPub messages still queued after {} s", DRAIN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This kernel's session id (the {@code session} of every header it sends). */
    public String session() {
        return session;
    }

    /**
     * Replies to {@code request} on {@code channel} with a JSON object, after the IOPub messages published before
     * (so a front end has the output of a request by the time it sees the reply).
     */
    public void reply(JupyterSocket channel, Message<?> request, MessageType<?> type, Map<String, Object> content) {
        drain();
        channel.sendMessage(addressedTo(request, type, content));
    }

    /**
     * A message to the peer that sent {@code request} (to its identities), with {@code request} as parent: a reply,
     * or the {@code input_request} of a cell, which goes to the stdin socket of the front end that asked to execute.
     */
    public Message<?> addressedTo(Message<?> request, MessageType<?> type, Object content) {
        return message(request.getIdentities(), request, type, content);
    }

    /** Broadcasts a jjava content object (display data, stream text, ...) as caused by {@code parent}. */
    public <T extends ContentType<T>> void publish(MessageContext parent, T content) {
        publish(parent, content.getType(), content);
    }

    /**
     * Broadcasts any JSON-serialisable content as caused by {@code parent} (may be {@code null} at startup); returns
     * at once, the message goes out from the IOPub thread.
     */
    public void publish(MessageContext parent, MessageType<?> type, Object content) {
        byte[] topic = ("kernel." + session + "." + type.getName()).getBytes(StandardCharsets.UTF_8);
        Message<?> message = message(List.of(topic), parent, type, content);
        queue.add(() -> iopub.sendMessage(message));
    }

    /** Broadcasts {@code {"execution_state": state}}: {@code starting}, {@code busy} or {@code idle}. */
    public void status(MessageContext parent, String state) {
        publish(parent, MessageType.PUBLISH_STATUS, Map.of("execution_state", state));
    }

    /** Sends what is queued, then stops the IOPub thread. */
    @Override
    public void close() {
        drain();
        sender.interrupt();
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
