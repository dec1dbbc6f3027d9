package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutionInterruptsTest {

    private final ExecutionInterrupts interrupts = new ExecutionInterrupts();
    private final AtomicInteger delivered = new AtomicInteger();

    @Test
    void anInterruptBeforeTheCellCanBeStoppedIsDeliveredWhenItCanBe() {
        interrupts.begin();
        assertEquals(ExecutionInterrupts.Outcome.PENDING, interrupts.interrupt());
        assertEquals(0, delivered.get());
        assertTrue(interrupts.attach(delivered::incrementAndGet), "attach reports the pending interrupt");
        assertEquals(1, delivered.get());
    }

    @Test
    void anInterruptAfterAttachGoesStraightToTheCell() {
        interrupts.begin();
        assertFalse(interrupts.attach(delivered::incrementAndGet));
        assertEquals(0, delivered.get());
        assertEquals(ExecutionInterrupts.Outcome.DELIVERED, interrupts.interrupt());
        assertEquals(ExecutionInterrupts.Outcome.DELIVERED, interrupts.interrupt());
        assertEquals(2, delivered.get(), "a second interrupt goes through too (it stops code that ignores the first)");
    }

    @Test
    void anInterruptEndsTheWaitForJShellToWarmUp() throws Exception {
        CompletableFuture<String> warmingUp = new CompletableFuture<>();
        interrupts.begin();
        CompletableFuture<Optional<String>> waited = CompletableFuture.supplyAsync(() -> interrupts.await(warmingUp));
        Thread.sleep(100);
        assertFalse(waited.isDone(), "it waits while JShell warms up");
        interrupts.interrupt();
        assertEquals(Optional.empty(), waited.get(5, TimeUnit.SECONDS));
        assertFalse(warmingUp.isDone(), "warm-up goes on for the next cell");
    }

    @Test
    void theWaitEndsWithTheValueWhenJShellIsReadyFirst() throws Exception {
        CompletableFuture<String> warmingUp = new CompletableFuture<>();
        interrupts.begin();
        CompletableFuture<Optional<String>> waited = CompletableFuture.supplyAsync(() -> interrupts.await(warmingUp));
        Thread.sleep(100);
        warmingUp.complete("shell");
        assertEquals(Optional.of("shell"), waited.get(5, TimeUnit.SECONDS));
        assertEquals(Optional.of("shell"), interrupts.await(warmingUp), "no wait once ready");
    }

    @Test
    void aReadyValueWinsOverAnInterruptAndTheInterruptStaysPending() {
        interrupts.begin();
        interrupts.interrupt();
        assertEquals(Optional.of("shell"), interrupts.await(CompletableFuture.completedFuture("shell")));
        assertTrue(interrupts.attach(delivered::incrementAndGet));
        assertEquals(1, delivered.get());
    }

    @Test
    void aFailedWarmUpIsThrown() {
        interrupts.begin();
        CompletableFuture<String> failed = CompletableFuture.failedFuture(new IllegalStateException("no JShell"));
        assertThrows(CompletionException.class, () -> interrupts.await(failed));
    }

    @Test
    void interruptsBetweenRequestsStopNothingAndAreForgotten() {
        assertEquals(ExecutionInterrupts.Outcome.IDLE, interrupts.interrupt());
        interrupts.begin();
        interrupts.interrupt(); // pending, and the request is answered (aborted, say) before it reaches a cell
        interrupts.end();
        assertEquals(ExecutionInterrupts.Outcome.IDLE, interrupts.interrupt());
        interrupts.begin();
        assertFalse(interrupts.attach(delivered::incrementAndGet), "an earlier request's interrupt is not kept");
        assertEquals(0, delivered.get());
    }

    @Test
    void attachOutsideARequestIsABug() {
        assertThrows(IllegalStateException.class, () -> interrupts.attach(delivered::incrementAndGet));
    }
}
