package org.ullsnn.kernel.wire;

import java.security.GeneralSecurityException;
import org.dflib.jjava.jupyter.channels.HeartbeatChannel;
import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.zeromq.ZMQ;

/**
 * The kernel's five sockets, all bound to the connection file's ip and nowhere else: shell and control
 * ({@link SignedChannel}s), stdin ({@link InputChannel}), IOPub and heartbeat (jjava's). The three that receive
 * verify every message with the same key and the same memory of accepted signatures.
 */
public final class KernelSockets implements AutoCloseable {

    private static final int IOPUB_LINGER_MILLIS = 1000;

    private final ConnectionInfo info;
    private final ZMQ.Context context;
    private final SignedChannel shell;
    private final SignedChannel control;
    private final IOPubChannel iopub;
    private final HeartbeatChannel heartbeat;
    private final InputChannel stdin;

    private KernelSockets(ConnectionInfo info) {
        this.info = info;
        HMACGenerator signer;
        try {
            signer = info.toJjava().createHMACGenerator();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with " + info.signatureScheme(), e);
        }
        MessageAuthenticator authenticator = MessageAuthenticator.of(info);
        this.context = ZMQ.context(1);
        this.shell = new SignedChannel(context, "shell", info.shellPort(), authenticator, signer);
        this.control = new SignedChannel(context, "control", info.controlPort(), authenticator, signer);
        this.iopub = new IOPubChannel(context, signer);
        this.iopub.setLinger(IOPUB_LINGER_MILLIS);
        this.heartbeat = new HeartbeatChannel(context, signer);
        this.stdin = new InputChannel(context, info.stdinPort(), authenticator, signer);
    }

    /** Creates and binds all five sockets. */
    public static KernelSockets bind(ConnectionInfo info) {
        KernelSockets sockets = new KernelSockets(info);
        KernelConnectionProperties properties = info.toJjava();
        for (JupyterSocket s : sockets.all()) {
            s.bind(properties);
        }
        sockets.stdin.start();
        return sockets;
    }

    private JupyterSocket[] all() {
        return new JupyterSocket[] {heartbeat, shell, control, stdin, iopub};
    }

    public SignedChannel shell() {
        return shell;
    }

    public SignedChannel control() {
        return control;
    }

    public InputChannel stdin() {
        return stdin;
    }

    public JupyterSocket iopub() {
        return iopub;
    }

    public ConnectionInfo info() {
        return info;
    }

    /** Closes every socket (letting queued output go out for up to a second) and the ZeroMQ context. */
    @Override
    public void close() {
        for (JupyterSocket s : all()) {
            s.close();
        }
        context.close();
    }
}
