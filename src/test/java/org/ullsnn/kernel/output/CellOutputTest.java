package org.ullsnn.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ullsnn.kernel.wire.Outbox;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** Output routed through a real IOPub socket (in-process), read back by a subscriber. */
class CellOutputTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ByteArrayOutputStream kernelLog = new ByteArrayOutputStream();
    private ZMQ.Context context;
    private IOPubChannel iopub;
    private ZMQ.Socket subscriber;
    private CellOutput output;

    @BeforeEach
    void start() throws Exception {
        context = ZMQ.context(1);
        iopub = new IOPubChannel(context, HMACGenerator.NO_AUTH_INSTANCE);
        iopub.bind("inproc://iopub");
        subscriber = context.socket(SocketType.SUB);
        subscriber.connect("inproc://iopub");
        subscriber.subscribe(new byte[0]);
        Thread.sleep(100); // let the subscription arrive
        PrintStream log = new PrintStream(kernelLog, true, StandardCharsets.UTF_8);
        output = new CellOutput(new Outbox(iopub), log, log);
    }

    @AfterEach
    void stop() {
        output.close();
        subscriber.close();
        iopub.close();
        context.close();
    }

    private static Message<Object> request() {
        return new Message<>(new Header<>("s", MessageType.UNKNOWN), Map.of());
    }

    /** {@code [msg_type, content]} of each message received within a short while. */
    private List<Object[]> received() throws Exception {
        List<Object[]> messages = new ArrayList<>();
        subscriber.setReceiveTimeOut(300);
        byte[] frame;
        while ((frame = subscriber.recv()) != null) {
            List<byte[]> frames = new ArrayList<>(List.of(frame));
            while (subscriber.hasReceiveMore()) {
                frames.add(subscriber.recv());
            }
            int d = 0;
            while (!"<IDS|MSG>".equals(new String(frames.get(d), StandardCharsets.US_ASCII))) {
                d++;
            }
            JsonNode header = json.readTree(frames.get(d + 2));
            messages.add(new Object[] {header.get("msg_type").asText(), json.readTree(frames.get(d + 5))});
        }
        return messages;
    }

    @Test
    void beforeTheFirstRequestOutputGoesToTheKernelsLog() throws Exception {
        output.stdout().print("early");
        output.flush();
        assertEquals("early", kernelLog.toString(StandardCharsets.UTF_8));
        assertEquals(0, received().size());
    }

    @Test
    void textPrintedBeforeADisplayArrivesBeforeIt() throws Exception {
        output.attach(request());
        output.stdout().print("before ");
        output.stderr().print("warning");
        output.display(new DisplayData("shown"));
        List<Object[]> messages = received();
        assertEquals(List.of("stream", "stream", "display_data"), messages.stream().map(m -> m[0]).toList());
        assertEquals("before ", ((JsonNode) messages.get(0)[1]).get("text").asText());
        assertEquals("stderr", ((JsonNode) messages.get(1)[1]).get("name").asText());
    }

    @Test
    void streamsWhileNothingElseHappens() throws Exception {
        output.attach(request());
        output.stdout().println("batch 1");
        Thread.sleep(3 * CellOutput.FLUSH_MILLIS);
        List<Object[]> messages = received();
        assertEquals(1, messages.size());
        assertEquals("batch 1\n", ((JsonNode) messages.get(0)[1]).get("text").asText());
    }

    @Test
    void interruptingAThreadThatPrintsDoesNotBreakTheSocket() throws Exception {
        output.attach(request());
        Thread printer = new Thread(() -> {
            for (int i = 0; i < 2000; i++) {
                output.stdout().println("batch " + i);
                output.flush();
                Thread.interrupted(); // like the trainer, which sees the interrupt and clears it
            }
        });
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        printer.setUncaughtExceptionHandler((t, e) -> failed.set(e));
        printer.start();
        for (int i = 0; i < 50 && printer.isAlive(); i++) {
            printer.interrupt();
            Thread.sleep(1);
        }
        printer.join();
        assertEquals(null, failed.get(), "printing must not fail when the printing thread is interrupted");
        received();
        output.stdout().println("still streaming");
        output.flush();
        List<Object[]> after = received();
        assertEquals(1, after.size(), "IOPub works after the interrupts");
        assertEquals("still streaming\n", ((JsonNode) after.get(0)[1]).get("text").asText());
    }

    @Test
    void pagesBelongToOneRequest() throws Exception {
        output.attach(request());
        output.page(Map.of("text/plain", "help"));
        List<Map<String, Object>> pages = output.takePages();
        assertEquals(1, pages.size());
        assertEquals("page", pages.get(0).get("source"));
        assertTrue(output.takePages().isEmpty());
        output.clear(true);
        assertEquals("clear_output", received().get(0)[0]);
    }
}
