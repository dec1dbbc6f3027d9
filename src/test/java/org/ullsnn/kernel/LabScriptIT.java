package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.testing.Prerequisites;

/**
 * README's main command, {@code environment/lab.sh}, as a user runs it: it starts whichever Jupyter it finds
 * ({@code .venv}'s JupyterLab, else Debian's classic Notebook), as root too; the server lists our kernelspec; a
 * session on {@code notebooks/00-quickstart.ipynb} starts our kernel, which answers {@code kernel_info} over the
 * server's websocket (as the browser's notebook page does) and goes idle; the session's end shuts it down. The
 * kernelspec lives in a private {@code JUPYTER_PATH} and every other Jupyter folder is temporary, so the machine's
 * own Jupyter set-up neither helps nor hinders. The server's log goes to {@code target/kernel-it/lab-script.log}.
 */
class LabScriptIT {

    private static final String KERNEL = "ullsnn-lab-it";
    private static final String NOTEBOOK = "00-quickstart.ipynb";
    private static final Duration SERVER_START = Duration.ofMinutes(2);
    private static final Duration KERNEL_START = Duration.ofMinutes(3);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token = UUID.randomUUID().toString().replace("-", "");

    @Test
    void labShServesOurKernelAndANotebookSessionStartsIt(@TempDir Path home) throws Exception {
        Prerequisites.requireJupyterServer();
        Path repo = Path.of("").toAbsolutePath();
        KernelSpec.install(new KernelSpec.Artifact(repo), home.resolve("jupyter").resolve("kernels"), KERNEL,
                List.of("-Xmx2g"));
        int port = freePort();
        Path log = Files.createDirectories(JupyterRig.REPORTS).resolve("lab-script.log");

        ProcessBuilder builder = new ProcessBuilder(repo.resolve("environment").resolve("lab.sh").toString(),
                "--no-browser", "--ip=127.0.0.1", "--port=" + port, "--port-retries=0")
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "JUPYTER_TOKEN", token,
                "JUPYTER_PATH", home.resolve("jupyter").toString(),
                "JUPYTER_DATA_DIR", home.resolve("data").toString(),
                "JUPYTER_CONFIG_DIR", home.resolve("config").toString(),
                "JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString(),
                "IPYTHONDIR", home.resolve("ipython").toString(),
                "PYDEVD_DISABLE_FILE_VALIDATION", "1"));
        Process server = builder.start();
        WebSocket socket = null;
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            String version = awaitApi(server, base, log);

            JsonNode specs = get(base, "/api/kernelspecs");
            JsonNode ours = specs.path("kernelspecs").path(KERNEL);
            assertTrue(ours.isObject(), "our kernelspec is not listed: " + specs.path("kernelspecs").fieldNames());
            assertEquals("java", ours.at("/spec/language").asText(), ours.toString());

            ObjectNode request = json.createObjectNode().put("path", NOTEBOOK).put("type", "notebook")
                    .put("name", NOTEBOOK);
            request.putObject("kernel").put("name", KERNEL);
            HttpResponse<String> created = send(base, "/api/sessions", "POST", request.toString());
            assertEquals(201, created.statusCode(), created.body());
            JsonNode session = json.readTree(created.body());
            String kernelId = session.at("/kernel/id").asText();
            assertEquals(KERNEL, session.at("/kernel/name").asText(), session.toString());

            BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            socket = http.newWebSocketBuilder().header("Authorization", "token " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/kernels/" + kernelId + "/channels"
                            + "?session_id=" + UUID.randomUUID()), collectInto(messages))
                    .get(30, TimeUnit.SECONDS);
            String msgId = UUID.randomUUID().toString();
            socket.sendText(kernelInfoRequest(msgId), true).get(10, TimeUnit.SECONDS);
            JsonNode reply = awaitReply(messages, msgId, server, log);
            assertEquals("ok", reply.at("/content/status").asText(), reply.toString());
            assertEquals("java", reply.at("/content/language_info/name").asText(), reply.toString());

            String state = awaitState(base, kernelId, "idle");
            assertEquals("idle", state, "the kernel after kernel_info");

            String sessionId = session.path("id").asText();
            assertEquals(204, send(base, "/api/sessions/" + sessionId, "DELETE", null).statusCode());
            assertEquals(0, get(base, "/api/kernels").size(), "ending the session shuts its kernel down");

            String output = Files.readString(log);
            if (isRoot()) {
                assertTrue(output.contains("running as root, so Jupyter gets --allow-root"), output);
            }
            System.out.println("lab.sh started "
                    + (output.contains("starting the classic Notebook") ? "the classic Notebook " : "Jupyter Server ")
                    + version + "; our kernel answered kernel_info");
        } finally {
            if (socket != null) {
                socket.abort();
            }
            stop(server);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() throws Exception {
        Process p = new ProcessBuilder("id", "-u").start();
        String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return uid.equals("0");
    }

    /** Polls {@code /api} until it answers; returns the server's version. */
    private String awaitApi(Process server, URI base, Path log) throws Exception {
        Instant deadline = Instant.now().plus(SERVER_START);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                fail("lab.sh exited with " + server.exitValue() + " before Jupyter answered:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = send(base, "/api", "GET", null);
                if (r.statusCode() == 200) {
                    return json.readTree(r.body()).path("version").asText();
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(500);
        }
        fail("Jupyter did not answer " + base + "/api within " + SERVER_START + ":\n" + Files.readString(log));
        return null;
    }

    private JsonNode get(URI base, String path) throws Exception {
        HttpResponse<String> r = send(base, path, "GET", null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return json.readTree(r.body());
    }

    private HttpResponse<String> send(URI base, String path, String method, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "token " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Jupyter message as the notebook page sends it over the websocket (JSON, with its channel). */
    private String kernelInfoRequest(String msgId) {
        ObjectNode m = json.createObjectNode();
        m.putObject("header").put("msg_id", msgId).put("username", "lab-script-it")
                .put("session", UUID.randomUUID().toString()).put("msg_type", "kernel_info_request")
                .put("version", "5.3").put("date", Instant.now().toString());
        m.putObject("parent_header");
        m.putObject("metadata");
        m.putObject("content");
        m.putArray("buffers");
        m.put("channel", "shell");
        return m.toString();
    }

    private static WebSocket.Listener collectInto(BlockingQueue<String> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }

    private JsonNode awaitReply(BlockingQueue<String> messages, String msgId, Process server, Path log)
            throws Exception {
        Instant deadline = Instant.now().plus(KERNEL_START);
        while (Instant.now().isBefore(deadline)) {
            String text = messages.poll(1, TimeUnit.SECONDS);
            if (text != null) {
                JsonNode m = json.readTree(text);
                if (msgId.equals(m.at("/parent_header/msg_id").asText())
                        && "kernel_info_reply".equals(m.at("/header/msg_type").asText())) {
                    return m;
                }
            } else if (!server.isAlive()) {
                fail("the Jupyter server died:\n" + Files.readString(log));
            }
        }
        fail("no kernel_info_reply within " + KERNEL_START + "; server log:\n" + Files.readString(log));
        return null;
    }

    private String awaitState(URI base, String kernelId, String wanted) throws Exception {
        String state = "";
        for (int i = 0; i < 60 && !state.equals(wanted); i++) {
            state = get(base, "/api/kernels/" + kernelId).path("execution_state").asText();
            if (!state.equals(wanted)) {
                Thread.sleep(500);
            }
        }
        return state;
    }

    /** Stops the server and everything it started (its kernels): politely, then by force. */
    private static void stop(Process server) throws InterruptedException {
        List<ProcessHandle> tree = server.descendants().toList();
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
