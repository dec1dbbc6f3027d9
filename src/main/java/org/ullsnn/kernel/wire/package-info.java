/**
 * The Jupyter wire protocol of the kernel: the connection file ({@link org.ullsnn.kernel.wire.ConnectionInfo}),
 * signing and verifying every message ({@link org.ullsnn.kernel.wire.MessageAuthenticator}), the shell and control
 * sockets that drop a forged message instead of dying on it ({@link org.ullsnn.kernel.wire.SignedChannel}), the
 * stdin socket that asks the front end for input ({@link org.ullsnn.kernel.wire.InputChannel}), the five sockets
 * bound to the connection file's address ({@link org.ullsnn.kernel.wire.KernelSockets}) and the
 * {@link org.ullsnn.kernel.wire.Outbox} that sends replies and IOPub messages. Message classes, heartbeat and IOPub
 * sockets come from jjava-jupyter.
 */
package org.ullsnn.kernel.wire;
