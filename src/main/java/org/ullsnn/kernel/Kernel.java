package org.ullsnn.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ullsnn.kernel.magic.Magics;
import org.ullsnn.kernel.output.CellOutput;
import org.ullsnn.kernel.shell.CellExecutionControl;
import org.ullsnn.kernel.shell.CellFailure;
import org.ullsnn.kernel.shell.CompletenessCheck;
import org.ullsnn.kernel.shell.Completer;
import org.ullsnn.kernel.shell.ErrorReport;
import org.ullsnn.kernel.shell.Evaluation;
import org.ullsnn.kernel.shell.Inspector;
import org.ullsnn.kernel.wire.KernelSockets;
import org.ullsnn.kernel.wire.Outbox;
import org.ullsnn.kernel.wire.SignedChannel;

/**
 * Answers the protocol's requests: {@code kernel_info}, {@code execute}, {@code complete}, {@code inspect},
 * {@code is_complete}, {@code history}, {@code comm_info}/{@code comm_open}, {@code interrupt} and
 * {@code shutdown}; a cell that reads {@code System.in} sends {@code input_request}s ({@link CellInput}). Every
 * request is bracketed by {@code busy} and {@code idle} on IOPub. Shell requests run on the shell channel's thread,
 * one at a time; control requests (interrupt, shutdown) on the control channel's thread, so they get through while
 * a cell runs. An interrupt stops the execute request being served at any point, the wait for JShell's warm-up
 * included ({@link ExecutionInterrupts}). After a failed cell with {@code stop_on_error}, execute requests already
 * waiting are answered {@code aborted}, as in IPython, so "Run all" stops at the first error.
 */
final class Kernel {

    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);
    private static final long INTERRUPT_HINT_MILLIS = 3000;

    private final KernelSockets sockets;
    private final Outbox outbox;
    private final CellOutput output;
    private final CellInput input;
    private final Renderer renderer;
    private final Magics magics;
    private final CompletableFuture<JavaSession> session;
    private final SessionHistory history = new SessionHistory();
    private final AtomicInteger executionCount = new AtomicInteger();
    private final ExecutionInterrupts interrupts = new ExecutionInterrupts();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kernel-timer");
        t.setDaemon(true);
        return t;
    });
    private boolean startupProblemsShown;

    Kernel(KernelSockets sockets, Outbox outbox, CellOutput output, CellInput input, Renderer renderer,
            Magics magics, CompletableFuture<JavaSession> session) {
        this.sockets = sockets;
        this.outbox = outbox;
        this.output = output;
        this.input = input;
        this.renderer = renderer;
        this.magics = magics;
        this.session = session;
    }

    /** Announces {@code starting} and serves the shell and control channels. */
    void serve() {
        outbox.status(null, "starting");
        sockets.shell().serve(this::handle);
        sockets.control().serve(this::handle);
    }

    /** Dispatches one verified request. */
    void handle(SignedChannel channel, Message<?> request) {
        MessageType<?> type = request.getHeader().getType();
        if (type == MessageType.EXECUTE_REQUEST) {
            execute(channel, request); // publishes its own status around the cell
            return;
        }
        outbox.status(request, "busy");
        try {
            if (type == MessageType.KERNEL_INFO_REQUEST) {
                outbox.reply(channel, request, MessageType.KERNEL_INFO_REPLY, KernelInfo.content());
            } else if (type == MessageType.COMPLETE_REQUEST) {
                complete(channel, request);
            } else if (type == MessageType.INSPECT_REQUEST) {
                inspect(channel, request);
            } else if (type == MessageType.IS_COMPLETE_REQUEST) {
                isComplete(channel, request);
            } else if (type == MessageType.HISTORY_REQUEST) {
                history(channel, request);
            } else if (type == MessageType.COMM_INFO_REQUEST) {
                outbox.reply(channel, request, MessageType.COMM_INFO_REPLY, Map.of("status", "ok", "comms", Map.of()));
            } else if (type == MessageType.COMM_OPEN_COMMAND) {
                CommOpenCommand open = (CommOpenCommand) request.getContent();
                // no comm targets here: the protocol asks to close an unknown comm at once
                outbox.publish(request, MessageType.COMM_CLOSE_COMMAND,
                        Map.of("comm_id", String.valueOf(open.getCommID()), "data", Map.of()));
            } else if (type == MessageType.INTERRUPT_REQUEST) {
                outbox.reply(channel, request, MessageType.INTERRUPT_REPLY, Map.of("status", "ok"));
                interrupt();
            } else if (type == MessageType.SHUTDOWN_REQUEST) {
                shutdown(channel, request);
            } else {
                LOG.debug("ignoring a {} request", type.getName());
            }
        } finally {
            outbox.status(request, "idle");
        }
    }

    private JavaSession session() {
        return session.join();
    }

    private void execute(SignedChannel channel, Message<?> request) {
        ExecuteRequest r = (ExecuteRequest) request.getContent();
        String code = r.getCode() == null ? "" : r.getCode();
        boolean silent = r.isSilent();
        boolean store = r.shouldStoreHistory() && !silent;
        int count = store ? executionCount.incrementAndGet() : executionCount.get();
        output.attach(request);
        input.attach(r.isStdinEnabled() ? () -> askFrontEnd(request) : null);
        outbox.status(request, "busy");
        if (!silent) {
            outbox.publish(request, new PublishExecuteInput(code, count));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        boolean failed = false;
        interrupts.begin();
        try {
            JavaSession s = interrupts.await(session).orElseThrow(() -> new CellFailure.Interrupted(
                    "before cell [" + count + "] started (Java was still starting up)"));
            showStartupProblems(s);
            s.runner.beginCell();
            interrupts.attach(() -> deliverInterrupt(s));
            Evaluation value = s.runner.run("[" + count + "]", code);
            String shown = null;
            if (value.hasValue() && !silent) {
                DisplayData data = render(value.value());
                output.flush();
                outbox.publish(request, new PublishExecuteResult(count, data));
                shown = plainText(data);
            }
            output.flush();
            reply.put("status", "ok");
            reply.put("execution_count", count);
            reply.put("payload", output.takePages());
            reply.put("user_expressions", userExpressions(s, r.getUserExpr()));
            if (store) {
                history.add(count, code, shown);
            }
        } catch (RuntimeException e) {
            failed = true;
            ErrorReport report = e instanceof CellFailure f ? ErrorReport.of(f, sessionOrigins())
                    : ErrorReport.ofKernelException(e, sessionOrigins());
            if (!(e instanceof CellFailure)) {
                LOG.error("cell [{}] failed inside the kernel", count, e);
            }
            output.flush();
            outbox.publish(request, MessageType.PUBLISH_ERROR, errorContent(report));
            reply.put("status", "error");
            reply.put("execution_count", count);
            reply.putAll(errorContent(report));
            if (store) {
                history.add(count, code, null);
            }
        }
        interrupts.end();
        input.detach();
        // requests that arrived while the failed cell ran were sent before its result was known: collect them
        // before replying, so that one sent after the reply is never mistaken for one of them
        List<Message<?>> queued = failed && r.shouldStopOnError() ? channel.takeQueued() : List.of();
        outbox.reply(channel, request, MessageType.EXECUTE_REPLY, reply);
        outbox.status(request, "idle");
        for (Message<?> next : queued) {
            abortExecutes(channel, next);
        }
    }

    /**
     * Sends an {@code input_request} for one line of {@code System.in} to the front end of {@code request}, after
     * what the cell printed so far (a prompt, say). Called on the thread that reads.
     */
    private CompletableFuture<String> askFrontEnd(Message<?> request) {
        output.flush();
        outbox.drain();
        return sockets.stdin().ask(outbox.addressedTo(request, MessageType.INPUT_REQUEST,
                Map.of("prompt", "", "password", false)));
    }

    /** Answers an execute request queued behind a failed cell with {@code aborted}; handles anything else. */
    private void abortExecutes(SignedChannel channel, Message<?> request) {
        if (request.getHeader().getType() != MessageType.EXECUTE_REQUEST) {
            handle(channel, request);
            return;
        }
        outbox.status(request, "busy");
        outbox.reply(channel, request, MessageType.EXECUTE_REPLY,
                Map.of("status", "aborted", "execution_count", executionCount.get()));
        outbox.status(request, "idle");
    }

    private org.ullsnn.kernel.shell.SnippetOrigins sessionOrigins() {
        JavaSession s = session.getNow(null);
        return s == null ? new org.ullsnn.kernel.shell.SnippetOrigins() : s.origins;
    }

    private void showStartupProblems(JavaSession s) {
        if (!startupProblemsShown && !s.startupProblems.isEmpty()) {
            s.startupProblems.forEach(p -> System.err.println("kernel startup: " + p));
        }
        startupProblemsShown = true;
    }

    private DisplayData render(Object value) {
        return value instanceof DisplayData d ? d : renderer.render(value);
    }

    private static String plainText(DisplayData data) {
        Object text = data.getData(MIMEType.TEXT_PLAIN);
        return text == null ? "" : text.toString();
    }

    private static Map<String, Object> errorContent(ErrorReport report) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("ename", report.name());
        content.put("evalue", report.message());
        content.put("traceback", report.traceback());
        return content;
    }

    /** Evaluates each user expression after the cell; each gets a rendered value or an error. */
    private Map<String, Object> userExpressions(JavaSession s, Map<String, String> expressions) {
        Map<String, Object> results = new LinkedHashMap<>();
        if (expressions == null) {
            return results;
        }
        expressions.forEach((name, expression) -> {
            Map<String, Object> result = new LinkedHashMap<>();
            try {
                Evaluation value = s.runner.run("[user expression " + name + "]", expression);
                DisplayData data = value.hasValue() ? render(value.value()) : new DisplayData("");
                result.put("status", "ok");
                result.put("data", Map.of("text/plain", plainText(data)));
                result.put("metadata", Map.of());
            } catch (RuntimeException e) {
                ErrorReport report = e instanceof CellFailure f ? ErrorReport.of(f, s.origins)
                        : ErrorReport.ofKernelException(e, s.origins);
                result.put("status", "error");
                result.putAll(errorContent(report));
            }
            results.put(name, result);
        });
        return results;
    }

    private void complete(SignedChannel channel, Message<?> request) {
        CompleteRequest r = (CompleteRequest) request.getContent();
        String code = r.getCode() == null ? "" : r.getCode();
        int cursor = charIndex(code, r.getCursorPos());
        JavaSession s = session();
        Completer.Completion c = s.completer.complete(code, s.parser.javaView(code), cursor, magics.names());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("matches", c.matches());
        reply.put("cursor_start", codePoints(code, c.start()));
        reply.put("cursor_end", codePoints(code, c.end()));
        reply.put("metadata", Map.of());
        outbox.reply(channel, request, MessageType.COMPLETE_REPLY, reply);
    }

    private void inspect(SignedChannel channel, Message<?> request) {
        InspectRequest r = (InspectRequest) request.getContent();
        String code = r.getCode() == null ? "" : r.getCode();
        JavaSession s = session();
        Optional<Inspector.Inspection> found = s.inspector.inspect(s.parser.javaView(code),
                charIndex(code, r.getCursorPos()), r.getDetailLevel() > 0);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("found", found.isPresent());
        reply.put("data", found.map(i -> Map.<String, Object>of("text/plain", i.plain(), "text/markdown",
                i.markdown())).orElse(Map.of()));
        reply.put("metadata", Map.of());
        outbox.reply(channel, request, MessageType.INSPECT_REPLY, reply);
    }

    private void isComplete(SignedChannel channel, Message<?> request) {
        String code = ((IsCompleteRequest) request.getContent()).getCode();
        JavaSession s = session();
        CompletenessCheck.Verdict verdict = CompletenessCheck.Verdict.complete();
        for (var part : s.parser.parse("", code == null ? "" : code)) {
            if (part instanceof org.ullsnn.kernel.magic.CellParser.MagicLine m && !magics.isKnown(m.call().name())) {
                verdict = CompletenessCheck.Verdict.invalid();
                break;
            }
            if (part instanceof org.ullsnn.kernel.magic.CellParser.JavaBlock java) {
                verdict = CompletenessCheck.of(s.shell.analysis(), java.source().code());
                if (!verdict.status().equals("complete")) {
                    break;
                }
            }
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", verdict.status());
        if (verdict.status().equals("incomplete")) {
            reply.put("indent", verdict.indent());
        }
        outbox.reply(channel, request, MessageType.IS_COMPLETE_REPLY, reply);
    }

    private void history(SignedChannel channel, Message<?> request) {
        HistoryRequest r = (HistoryRequest) request.getContent();
        boolean withOutput = r.includeOutput();
        List<List<Object>> rows;
        if (r instanceof HistoryRequest.Range range) {
            rows = history.range(range.getSessionIndex(), range.getStart(), range.getStop(), withOutput);
        } else if (r instanceof HistoryRequest.Search search) {
            rows = history.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique(), withOutput);
        } else if (r instanceof HistoryRequest.Tail tail) {
            rows = history.tail(tail.getMaxReturnLength(), withOutput);
        } else {
            rows = List.of();
        }
        outbox.reply(channel, request, MessageType.HISTORY_REPLY, Map.of("status", "ok", "history", rows));
    }

    /**
     * Interrupts the execute request being served, from any thread (the control channel's for an
     * {@code interrupt_request}, a signal handler's for SIGINT): its cell stops, or, if it has not started yet
     * (JShell still warming up, say), it will not start.
     */
    void interrupt() {
        ExecutionInterrupts.Outcome outcome = interrupts.interrupt();
        if (outcome != ExecutionInterrupts.Outcome.DELIVERED) {
            LOG.info("interrupt: {}", outcome);
        }
    }

    /** Interrupts the running cell; a hint follows if it is still running a few seconds later. */
    private void deliverInterrupt(JavaSession s) {
        CellExecutionControl.InterruptOutcome outcome = s.shell.interrupt();
        LOG.info("interrupt: {}", outcome);
        if (outcome == CellExecutionControl.InterruptOutcome.INTERRUPTED) {
            timer.schedule(() -> {
                if (s.shell.control().isRunning() && s.shell.control().interruptRequested()) {
                    System.err.println("\nThe cell is still running: its code may not check for interrupts. "
                            + "Interrupt again to stop it.");
                }
            }, INTERRUPT_HINT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void shutdown(SignedChannel channel, Message<?> request) {
        boolean restart = ((ShutdownRequest) request.getContent()).isRestart();
        outbox.reply(channel, request, MessageType.SHUTDOWN_REPLY, Map.of("status", "ok", "restart", restart));
        LOG.info("shutdown requested (restart={})", restart);
        Thread exit = new Thread(() -> {
            interrupt();
            output.close();
            outbox.close(); // sends what is queued
            sockets.close(); // lets the reply and the last status go out first
            ExitGuard.exitKernel(0);
        }, "kernel-shutdown");
        exit.start();
    }

    /** The char index of a cursor given in Unicode code points (the protocol's unit since 5.2). */
    static int charIndex(String code, int codePoints) {
        int points = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, points);
    }

    static int codePoints(String code, int charIndex) {
        return code.codePointCount(0, Math.max(0, Math.min(charIndex, code.length())));
    }
}
