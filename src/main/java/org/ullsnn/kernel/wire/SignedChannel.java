package org.ullsnn.kernel.wire;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A shell or control socket (ZeroMQ ROUTER) with its own loop thread that verifies every message before handling it.
 *
 * <p>Why not jjava's {@code ShellChannel}: in jjava-jupyter 1.0-a6 a message with a bad signature makes
 * {@code JupyterSocket.readMessage} throw a {@link SecurityException} inside the shell loop's thread; the loop dies
 * and the kernel never answers again, so anyone who can reach the port can silence it with one forged message.
 * Here a badly signed, replayed or malformed message is dropped and logged, and the loop keeps serving; an
 * exception thrown by a handler is logged too and never ends the loop. Replies are signed by jjava's
 * {@link JupyterSocket#sendMessage}.
 */
public final class SignedChannel extends JupyterSocket {

    private static final long POLL_MILLIS = PollingLoops.POLL_MILLIS;
    private static final int LINGER_MILLIS = 1000;

    private final String name;
    private final int port;
    private final WireDecoder decoder;
    private final DroppedMessages dropped;
    private volatile boolean running;
    private volatile Thread loop;
    private ZMQ.Poller poller;

    /**
     * @param context       the ZeroMQ context of all kernel sockets
     * @param name          {@code shell} or {@code control}, for thread names and logs
     * @param port          the port to bind
     * @param authenticator verifies received messages
     * @param signer        signs replies (same key)
     */
    public SignedChannel(ZMQ.Context context, String name, int port, MessageAuthenticator authenticator,
            HMACGenerator signer) {
        super(context, SocketType.ROUTER, signer, LoggerFactory.getLogger("org.ullsnn.kernel.wire." + name));
        this.name = name;
        this.port = port;
        this.decoder = new WireDecoder(authenticator);
        this.dropped = new DroppedMessages(logger, name);
        setLinger(LINGER_MILLIS);
    }

    /** Binds to the connection's ip (only) and this channel's port. */
    @Override
    public void bind(KernelConnectionProperties connection) {
        String address = formatAddress(connection.getTransport(), connection.getIp(), port);
        logger.debug("binding {} to {}", name, address);
        super.bind(address);
    }

    /** Starts the loop thread that hands every verified request to {@code handler}. */
    public synchronized void serve(RequestHandler handler) {
        if (loop != null) {
            throw new IllegalStateException(name + " channel is already served");
        }
        running = true;
        poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        Thread t = new Thread(() -> run(handler), "kernel-" + name);
        loop = t;
        t.start();
    }

    private void run(RequestHandler handler) {
        while (running) {
            int events;
            try {
                events = poller.poll(POLL_MILLIS);
            } catch (RuntimeException e) {
                if (running) {
                    logger.error("{} channel: polling failed, stopping: {}", name, e.toString());
                }
                break;
            }
            if (events > 0 && running) {
                handleOne(handler);
            }
        }
    }

    /**
     * The verified requests already waiting on this channel, read without waiting for more; called from a handler on
     * this channel's own thread (to abort the cells queued behind a failed one).
     */
    public List<Message<?>> takeQueued() {
        if (Thread.currentThread() != loop) {
            throw new IllegalStateException("takeQueued must run on the " + name + " channel's thread");
        }
        List<Message<?>> queued = new ArrayList<>();
        while (running && poller.poll(0) > 0) {
            Message<?> request = readMessage();
            if (request != null) {
                queued.add(request);
            }
        }
        return queued;
    }

    private void handleOne(RequestHandler handler) {
        Message<?> request = readMessage();
        if (request == null) {
            return;
        }
        try {
            handler.handle(this, request);
        } catch (Throwable t) { // the loop must outlive any handler failure, or the kernel goes silent
            logger.error("{} channel: handling {} failed; still serving", name, request.getHeader().getType(), t);
        }
    }

    /** Receives one multipart message and returns it verified, or {@code null} after dropping and logging it. */
    @Override
    public synchronized Message<?> readMessage() {
        return decoder.receive(this, dropped);
    }

    /** How many received messages were dropped (bad signature, replay, malformed). */
    public long droppedCount() {
        return dropped.count();
    }

    /** Stops the loop (waiting for it unless called from it) and closes the socket. */
    @Override
    public void close() {
        running = false;
        PollingLoops.awaitEndAndClose(loop, poller);
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Thread t = loop;
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
