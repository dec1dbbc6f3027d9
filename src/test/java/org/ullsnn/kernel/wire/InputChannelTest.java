package org.ullsnn.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** A stdin channel on loopback, with a raw ZeroMQ front end that answers its input requests (or forges answers). */
class InputChannelTest {

    private static final String KEY = "test-key";
    private static final byte[] FRONT_END = "front-end".getBytes(StandardCharsets.UTF_8);

    private ZMQ.Context context;
    private InputChannel channel;
    private ZMQ.Socket frontEnd;

    @BeforeEach
    void start() throws Exception {
        context = ZMQ.context(1);
        channel = new InputChannel(context, 0, new MessageAuthenticator("HmacSHA256", KEY),
                new HMACGenerator("HmacSHA256", KEY));
        int port = channel.bindToRandomPort("tcp://127.0.0.1");
        channel.start();
        frontEnd = context.socket(SocketType.DEALER);
        frontEnd.setIdentity(FRONT_END); // jupyter_client gives its shell and stdin sockets one identity
        frontEnd.setReceiveTimeOut(5000);
        frontEnd.connect("tcp://127.0.0.1:" + port);
        awaitConnected();
    }

    /** Until the channel knows the front end's identity, a request to it fails: ask until one goes through. */
    private void awaitConnected() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            CompletableFuture<String> probe = channel.ask(inputRequest());
            try {
                probe.get(100, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                assertEquals(InputChannel.NOT_CONNECTED, e.getCause().getMessage());
                assertTrue(System.nanoTime() < deadline, "the front end never connected");
                Thread.sleep(20);
                continue;
            } catch (TimeoutException sent) {
                reply(KEY, receiveHeader().get("msg_id").asText(), "probe");
                assertEquals("probe", valueOf(probe));
            }
            return;
        }
    }

    @AfterEach
    void stop() {
        frontEnd.close();
        channel.close();
        context.close();
    }

    /** An input_request as the kernel addresses it: to the identity that sent the execute request. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message<?> inputRequest() {
        Header<?> header = new Header(UUID.randomUUID().toString(), "kernel", "session", KernelTimestamp.now(),
                MessageType.INPUT_REQUEST, "5.3");
        return new Message(List.of(FRONT_END), header, null, Map.of(), Map.of("prompt", "", "password", false), null);
    }

    /** The header of the next message the front end receives. */
    private JsonNode receiveHeader() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        byte[] first = frontEnd.recv(0);
        assertNotNull(first, "the front end received nothing");
        frames.add(first);
        while (frontEnd.hasReceiveMore()) {
            frames.add(frontEnd.recv(0));
        }
        assertEquals("<IDS|MSG>", new String(frames.get(0), StandardCharsets.UTF_8));
        byte[][] signed = {frames.get(2), frames.get(3), frames.get(4), frames.get(5)};
        assertEquals(new MessageAuthenticator("HmacSHA256", KEY).sign(signed[0], signed[1], signed[2], signed[3]),
                new String(frames.get(1), StandardCharsets.US_ASCII), "the request is signed");
        return new ObjectMapper().readTree(frames.get(2));
    }

    private void reply(String key, String parentId, String value) {
        String header = "{\"msg_id\": \"" + UUID.randomUUID() + "\", \"username\": \"u\", \"session\": \"s\", "
                + "\"date\": \"2024-01-01T00:00:00.000000Z\", \"msg_type\": \"input_reply\", \"version\": \"5.3\"}";
        String parent = parentId == null ? "{}" : "{\"msg_id\": \"" + parentId + "\", \"username\": \"kernel\", "
                + "\"session\": \"session\", \"date\": \"2024-01-01T00:00:00.000000Z\", "
                + "\"msg_type\": \"input_request\", \"version\": \"5.3\"}";
        List<byte[]> frames = List.of(utf8(header), utf8(parent), utf8("{}"), utf8("{\"value\": \"" + value + "\"}"));
        String signature = new MessageAuthenticator("HmacSHA256", key).sign(frames.get(0), frames.get(1),
                frames.get(2), frames.get(3));
        frontEnd.sendMore(WireDecoder.DELIMITER);
        frontEnd.sendMore(signature);
        frontEnd.sendMore(frames.get(0));
        frontEnd.sendMore(frames.get(1));
        frontEnd.sendMore(frames.get(2));
        frontEnd.send(frames.get(3));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String valueOf(CompletableFuture<String> answer) throws Exception {
        return answer.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theRequestGoesToTheFrontEndAndItsSignedReplyAnswersIt() throws Exception {
        Message<?> request = inputRequest();
        CompletableFuture<String> answer = channel.ask(request);
        JsonNode header = receiveHeader();
        assertEquals("input_request", header.get("msg_type").asText());
        assertEquals(request.getHeader().getId(), header.get("msg_id").asText());
        reply(KEY, header.get("msg_id").asText(), "hello");
        assertEquals("hello", valueOf(answer));
    }

    @Test
    void aReplyWithoutAParentAnswersTheRequestWaiting() throws Exception {
        CompletableFuture<String> answer = channel.ask(inputRequest());
        receiveHeader();
        reply(KEY, null, "from KernelClient.input");
        assertEquals("from KernelClient.input", valueOf(answer));
    }

    @Test
    void aForgedReplyIsDroppedAndTheWaitGoesOn() throws Exception {
        CompletableFuture<String> answer = channel.ask(inputRequest());
        String id = receiveHeader().get("msg_id").asText();
        reply("wrong-key", id, "forged");
        Thread.sleep(300);
        assertFalse(answer.isDone());
        reply(KEY, id, "genuine");
        assertEquals("genuine", valueOf(answer));
        assertEquals(1, channel.droppedCount());
    }

    @Test
    void aReplyToAnotherRequestIsDropped() throws Exception {
        CompletableFuture<String> answer = channel.ask(inputRequest());
        String id = receiveHeader().get("msg_id").asText();
        reply(KEY, "some-other-request", "not for us");
        Thread.sleep(300);
        assertFalse(answer.isDone());
        reply(KEY, id, "ours");
        assertEquals("ours", valueOf(answer));
    }

    @Test
    void aRequestGivenUpIsNotAnsweredByItsLateReplyNorIsTheNext() throws Exception {
        CompletableFuture<String> first = channel.ask(inputRequest());
        String firstId = receiveHeader().get("msg_id").asText();
        first.cancel(false); // the cell was interrupted
        reply(KEY, firstId, "late");
        Thread.sleep(300);
        CompletableFuture<String> second = channel.ask(inputRequest());
        String secondId = receiveHeader().get("msg_id").asText();
        reply(KEY, secondId, "second");
        assertEquals("second", valueOf(second));
    }

    @Test
    void requestsAreAnsweredOneAtATimeInOrder() throws Exception {
        CompletableFuture<String> first = channel.ask(inputRequest());
        CompletableFuture<String> second = channel.ask(inputRequest());
        String firstId = receiveHeader().get("msg_id").asText();
        reply(KEY, firstId, "1");
        assertEquals("1", valueOf(first));
        String secondId = receiveHeader().get("msg_id").asText();
        reply(KEY, secondId, "2");
        assertEquals("2", valueOf(second));
    }

    @Test
    void aRequestToAFrontEndWithoutAStdinSocketFailsAtOnce() throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Message<?> toNobody = new Message(List.of(utf8("nobody")), inputRequest().getHeader(), null, Map.of(),
                Map.of("prompt", "", "password", false), null);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> channel.ask(toNobody).get(5, TimeUnit.SECONDS));
        assertEquals(InputChannel.NOT_CONNECTED, e.getCause().getMessage());
        CompletableFuture<String> next = channel.ask(inputRequest());
        reply(KEY, receiveHeader().get("msg_id").asText(), "still works");
        assertEquals("still works", valueOf(next));
    }

    @Test
    void closingFailsARequestStillWaitingAndRefusesNewOnes() throws Exception {
        CompletableFuture<String> waiting = channel.ask(inputRequest());
        receiveHeader();
        channel.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertEquals("the kernel is shutting down", e.getCause().getMessage());
        assertThrows(ExecutionException.class, () -> channel.ask(inputRequest()).get(1, TimeUnit.SECONDS));
    }
}
