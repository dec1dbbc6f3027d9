package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Scanner;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CellInputTest {

    private final ByteArrayOutputStream notes = new ByteArrayOutputStream();
    private final CellInput input = new CellInput(new PrintStream(notes, true, StandardCharsets.UTF_8),
            StandardCharsets.UTF_8);
    /** The questions sent to the "front end", each answered by completing it. */
    private final BlockingQueue<CompletableFuture<String>> asked = new LinkedBlockingQueue<>();

    /** A front end that answers with these lines, in order, then leaves questions unanswered. */
    private CellInput.LineSource frontEnd(String... lines) {
        Iterator<String> answers = List.of(lines).iterator();
        return () -> {
            CompletableFuture<String> answer = new CompletableFuture<>();
            if (answers.hasNext()) {
                answer.complete(answers.next());
            }
            asked.add(answer);
            return answer;
        };
    }

    @Test
    void scannerNextLineReturnsTheLineTyped() {
        input.attach(frontEnd("hello"));
        assertEquals("hello", new Scanner(input).nextLine());
        assertEquals(1, asked.size(), "one question for one line");
    }

    @Test
    void eachLineIsAskedForOnlyWhenTheLastHasBeenRead() throws IOException {
        input.attach(frontEnd("one", "two wörds"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        assertEquals("one", reader.readLine());
        assertEquals(1, asked.size());
        assertEquals("two wörds", reader.readLine());
        assertEquals(2, asked.size());
    }

    @Test
    void singleBytesComeFromTheLineThenTheLineSeparator() throws IOException {
        input.attach(frontEnd("ab"));
        assertEquals('a', input.read());
        assertEquals(1 + System.lineSeparator().length(), input.available(), "the rest of the line, no question");
        assertEquals('b', input.read());
        assertEquals(System.lineSeparator(), new String(input.readNBytes(System.lineSeparator().length()),
                StandardCharsets.UTF_8));
        assertEquals(0, input.available());
        assertEquals(1, asked.size());
    }

    @Test
    void withoutAllowStdinAReadFailsAndTheCellsStderrSaysWhyOnce() {
        input.attach(null);
        IOException e = assertThrows(IOException.class, input::read);
        assertEquals(CellInput.NOT_ALLOWED, e.getMessage());
        assertThrows(NoSuchElementException.class, () -> new Scanner(input).nextLine(),
                "Scanner swallows the IOException");
        assertEquals(CellInput.NOT_ALLOWED + System.lineSeparator(), notes.toString(StandardCharsets.UTF_8),
                "noted once per cell");
        input.attach(null);
        assertThrows(IOException.class, input::read);
        assertEquals(2, notes.toString(StandardCharsets.UTF_8).lines().count(), "and again in the next cell");
    }

    @Test
    void readingOutsideARequestFails() {
        IOException e = assertThrows(IOException.class, input::read);
        assertEquals(CellInput.NO_REQUEST, e.getMessage());
        input.attach(frontEnd("x"));
        input.detach();
        assertThrows(IOException.class, input::read);
        assertTrue(asked.isEmpty());
    }

    @Test
    void anInterruptWhileWaitingGivesTheQuestionUpAndStopsTheCell() throws Exception {
        input.attach(frontEnd());
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                new Scanner(input).nextLine();
                interruptedAfter.completeExceptionally(new AssertionError("a line was read"));
            } catch (CancellationException e) {
                interruptedAfter.complete(CellInput.INTERRUPTED.equals(e.getMessage())
                        && Thread.currentThread().isInterrupted());
            } catch (RuntimeException e) {
                interruptedAfter.completeExceptionally(e);
            }
        });
        reader.start();
        CompletableFuture<String> question = asked.poll(5, TimeUnit.SECONDS);
        reader.interrupt();
        assertTrue(interruptedAfter.get(5, TimeUnit.SECONDS), "unchecked, so Scanner cannot hide it; flag set again");
        assertTrue(question.isCancelled(), "the input request is given up");
    }

    @Test
    void theEndOfTheRequestStopsAReaderStillWaiting() throws Exception {
        input.attach(frontEnd());
        CompletableFuture<IOException> failed = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                input.read();
            } catch (IOException e) {
                failed.complete(e);
            }
        });
        reader.start();
        CompletableFuture<String> question = asked.poll(5, TimeUnit.SECONDS);
        input.detach();
        assertEquals(CellInput.NO_REQUEST, failed.get(5, TimeUnit.SECONDS).getMessage());
        assertTrue(question.isCancelled());
    }

    @Test
    void aFailedQuestionIsAnIOException() {
        input.attach(() -> CompletableFuture.failedFuture(new IllegalStateException("the kernel is shutting down")));
        IOException e = assertThrows(IOException.class, input::read);
        assertTrue(e.getMessage().endsWith("the kernel is shutting down"), e.getMessage());
    }

    @Test
    void aNewRequestDropsWhatTheLastLeftUnread() throws IOException {
        input.attach(frontEnd("left over"));
        assertEquals('l', input.read());
        input.detach();
        input.attach(frontEnd("fresh"));
        assertEquals(0, input.available());
        assertEquals("fresh", new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)).readLine());
        assertEquals(2, asked.size());
    }

    @Test
    void aQuestionAnsweredWithNothingReadsAsAnEmptyLine() {
        input.attach(frontEnd(""));
        assertEquals("", new Scanner(input).nextLine());
    }
}
