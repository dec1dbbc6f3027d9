package org.ullsnn.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** A shell channel on loopback, talked to by a raw ZeroMQ client that signs (or forges) its messages. */
class SignedChannelTest {

    private static final String KEY = "test-key";

    private ZMQ.Context context;
    private SignedChannel channel;
    private ZMQ.Socket client;
    private final BlockingQueue<Message<?>> handled = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws GeneralSecurityException {
        context = ZMQ.context(1);
        MessageAuthenticator auth = new MessageAuthenticator("HmacSHA256", KEY);
        channel = new SignedChannel(context, "shell", 0, auth, new HMACGenerator("HmacSHA256", KEY));
        int port = channel.bindToRandomPort("tcp://127.0.0.1");
        channel.serve((ch, request) -> {
            if (request.getContent() instanceof ExecuteRequest r && r.getCode().equals("fail")) {
                throw new IllegalStateException("a handler failure must not end the loop");
            }
            handled.add(request);
        });
        client = context.socket(SocketType.DEALER);
        client.connect("tcp://127.0.0.1:" + port);
    }

    @AfterEach
    void stop() {
        client.close();
        channel.close();
        context.close();
    }

    private void send(String key, String msgId, String code) {
        String header = "{\"msg_id\": \"" + msgId + "\", \"username\": \"u\", \"session\": \"s\", "
                + "\"date\": \"2024-01-01T00:00:00.000000Z\", \"msg_type\": \"execute_request\", \"version\": \"5.3\"}";
        String content = "{\"code\": \"" + code + "\", \"silent\": false, \"store_history\": true, "
                + "\"user_expressions\": {}, \"allow_stdin\": false, \"stop_on_error\": true}";
        List<byte[]> frames = List.of(utf8(header), utf8("{}"), utf8("{}"), utf8(content));
        String signature = new MessageAuthenticator("HmacSHA256", key).sign(frames.get(0), frames.get(1),
                frames.get(2), frames.get(3));
        client.sendMore(WireDecoder.DELIMITER);
        client.sendMore(signature);
        client.sendMore(frames.get(0));
        client.sendMore(frames.get(1));
        client.sendMore(frames.get(2));
        client.send(frames.get(3));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String nextHandledCode() throws InterruptedException {
        Message<?> m = handled.poll(5, TimeUnit.SECONDS);
        assertNotNull(m, "no message was handled");
        return ((ExecuteRequest) m.getContent()).getCode();
    }

    @Test
    void dropsAForgedMessageAndKeepsServing() throws Exception {
        send("wrong-key", "1", "forged");
        send(KEY, "2", "genuine");
        assertEquals("genuine", nextHandledCode());
        assertNull(handled.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(1, channel.droppedCount());
    }

    @Test
    void dropsAReplayedMessage() throws Exception {
        send(KEY, "1", "once");
        send(KEY, "1", "once"); // same frames, same signature
        send(KEY, "2", "next");
        assertEquals("once", nextHandledCode());
        assertEquals("next", nextHandledCode());
        assertEquals(1, channel.droppedCount());
    }

    @Test
    void dropsFramesThatAreNotAJupyterMessage() throws Exception {
        client.send("no delimiter here");
        client.sendMore(WireDecoder.DELIMITER);
        client.send("too few frames");
        send(KEY, "3", "after garbage");
        assertEquals("after garbage", nextHandledCode());
        assertEquals(2, channel.droppedCount());
    }

    @Test
    void survivesAHandlerThatThrows() throws Exception {
        send(KEY, "1", "fail");
        send(KEY, "2", "still here");
        assertEquals("still here", nextHandledCode());
    }

    @Test
    void bindsToTheConnectionFilesAddressOnly() {
        SignedChannel other = new SignedChannel(context, "control", 45_999, new MessageAuthenticator("HmacSHA256",
                KEY), HMACGenerator.NO_AUTH_INSTANCE);
        try {
            other.bind(new KernelConnectionProperties("127.0.0.1", 45_999, 0, 0, 0, 0, "tcp", "hmac-sha256", KEY));
            String endpoint = other.getLastEndpoint();
            assertTrue(endpoint.startsWith("tcp://127.0.0.1:"), endpoint);
        } finally {
            other.close();
        }
    }
}
