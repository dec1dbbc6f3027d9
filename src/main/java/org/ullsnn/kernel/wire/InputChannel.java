package org.ullsnn.kernel.wire;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.reply.InputReply;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The stdin socket (ZeroMQ ROUTER): sends an {@code input_request} to the front end that sent the running execute
 * request, and hands back the {@code value} of the front end's {@code input_reply}.
 *
 * <ul>
 *   <li>Replies are verified like shell and control messages: a badly signed, replayed or malformed one is dropped
 *       and logged, and the wait goes on.</li>
 *   <li>One thread of its own does all the socket work; a cell's thread only waits on a future. The cell thread is
 *       the one the stop button interrupts, and an interrupt while it were inside ZeroMQ would break the socket for
 *       good (see {@link Outbox}).</li>
 *   <li>One request at a time, in the order asked. Replies already waiting when a request is sent answer an earlier
 *       request that was given up, and are dropped, as ipykernel does; so is a reply whose parent is another message.
 *       A reply without a parent (jupyter_client's {@code KernelClient.input} sends those) answers the request
 *       waiting.</li>
 *   <li>Cancelling the future gives its request up; a reply that comes later is dropped.</li>
 *   <li>A request to a front end that has no stdin socket connected fails at once (ROUTER_MANDATORY) instead of
 *       leaving the cell waiting for an answer that cannot come.</li>
 * </ul>
 */
public final class InputChannel extends JupyterSocket {

    private static final long POLL_MILLIS = PollingLoops.POLL_MILLIS;
    private static final int LINGER_MILLIS = 1000;
    static final String NOT_CONNECTED = "the front end that sent this cell has no stdin channel connected, so it "
            + "cannot answer an input request";

    /** A request to send, and where its answer goes. */
    private record Pending(Message<?> request, CompletableFuture<String> value) { }

    private final int port;
    private final WireDecoder decoder;
    private final DroppedMessages dropped;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean running;
    private volatile Thread loop;
    private ZMQ.Poller poller;

    /**
     * @param context       the ZeroMQ context of all kernel sockets
     * @param port          the port to bind
     * @param authenticator verifies received messages
     * @param signer        signs requests (same key)
     */
    public InputChannel(ZMQ.Context context, int port, MessageAuthenticator authenticator, HMACGenerator signer) {
        super(context, SocketType.ROUTER, signer, LoggerFactory.getLogger("org.ullsnn.kernel.wire.stdin"));
        this.port = port;
        this.decoder = new WireDecoder(authenticator);
        this.dropped = new DroppedMessages(logger, "stdin");
        setLinger(LINGER_MILLIS);
        setRouterMandatory(true); // a request to a front end without a stdin socket fails instead of vanishing
    }

    /** Binds to the connection's ip (only) and this channel's port. */
    @Override
    public void bind(KernelConnectionProperties connection) {
        super.bind(formatAddress(connection.getTransport(), connection.getIp(), port));
    }

    /** Starts the thread that sends requests and receives replies (after binding). */
    public synchronized void start() {
        if (loop != null) {
            throw new IllegalStateException("the stdin channel is already started");
        }
        running = true;
        poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        Thread t = new Thread(this::run, "kernel-stdin");
        t.setDaemon(true);
        loop = t;
        t.start();
    }

    /**
     * Sends {@code request} (an {@code input_request} addressed to a front end, see {@link Outbox#addressedTo}) and
     * returns the value of its reply, to come. Any thread; the future fails if the kernel closes first.
     */
    public CompletableFuture<String> ask(Message<?> request) {
        CompletableFuture<String> value = new CompletableFuture<>();
        if (!running) {
            value.completeExceptionally(new IllegalStateException("the stdin channel is not running"));
            return value;
        }
        Pending p = new Pending(request, value);
        pending.add(p);
        if (!running && pending.remove(p)) { // closed meanwhile: nobody will send it
            value.completeExceptionally(new IllegalStateException("the stdin channel is not running"));
        }
        return value;
    }

    private void run() {
        while (running) {
            Pending next;
            try {
                next = pending.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (next == null || next.value().isDone()) {
                continue; // nothing asked, or given up before it was sent
            }
            try {
                dropWaitingReplies();
                send(next.request());
                awaitReply(next);
            } catch (RuntimeException e) {
                if (running) {
                    logger.warn("stdin channel: an input request failed: {}", e.toString());
                }
                next.value().completeExceptionally(e);
            }
        }
        for (Pending p = pending.poll(); p != null; p = pending.poll()) {
            p.value().completeExceptionally(new IllegalStateException("the kernel is shutting down"));
        }
    }

    private void send(Message<?> request) {
        try {
            sendMessage(request);
        } catch (ZMQException e) {
            if (e.getErrorCode() == ZMQ.Error.EHOSTUNREACH.getCode()) {
                throw new IllegalStateException(NOT_CONNECTED, e);
            }
            throw e;
        }
    }

    private void dropWaitingReplies() {
        while (running && poller.poll(0) > 0) {
            Message<?> stale = decoder.receive(this, dropped);
            if (stale != null) {
                logger.info("stdin channel: dropped a {} that came while no input was asked for",
                        stale.getHeader().getType().getName());
            }
        }
    }

    private void awaitReply(Pending p) {
        String requestId = p.request().getHeader().getId();
        while (running && !p.value().isDone()) {
            if (poller.poll(POLL_MILLIS) <= 0) {
                continue;
            }
            Message<?> reply = decoder.receive(this, dropped);
            if (reply == null) {
                continue;
            }
            if (!(reply.getContent() instanceof InputReply answer)) {
                logger.warn("stdin channel: dropped a {} (only input_reply is expected here)",
                        reply.getHeader().getType().getName());
            } else if (reply.getParentHeader() != null && !requestId.equals(reply.getParentHeader().getId())) {
                logger.info("stdin channel: dropped an input_reply to another request ({})",
                        reply.getParentHeader().getId());
            } else {
                p.value().complete(answer.getValue() == null ? "" : answer.getValue());
            }
        }
        if (!p.value().isDone()) {
            p.value().completeExceptionally(new IllegalStateException("the kernel is shutting down"));
        }
    }

    /** How many received messages were dropped for their signature or form (bad signature, replay, malformed). */
    public long droppedCount() {
        return dropped.count();
    }

    /** Stops the thread (failing a request still waiting) and closes the socket; closing again does nothing. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        running = false;
        PollingLoops.awaitEndAndClose(loop, poller);
        super.close();
    }
}
