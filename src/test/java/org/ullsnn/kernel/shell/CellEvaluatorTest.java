package org.ullsnn.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CellEvaluatorTest {

    private static ShellFixture java;

    @BeforeAll
    static void startShell() {
        java = new ShellFixture();
    }

    @AfterAll
    static void stopShell() {
        java.close();
    }

    @Test
    void theLastExpressionIsTheCellsValue() {
        assertEquals(42, java.run("int half = 21;\nhalf * 2").value());
        assertEquals(List.of(1, 2), java.run("List.of(1, 2)").value());
    }

    @Test
    void declarationsStatementsAndExpressionsEndedWithASemicolonShowNothing() {
        assertEquals(Evaluation.NONE, java.run("int shown = 3;"));
        assertEquals(Evaluation.NONE, java.run("shown = 4"));
        assertEquals(Evaluation.NONE, java.run("shown * 2;"));
        assertEquals(Evaluation.NONE, java.run("String nothing = null;\nnothing"));
        assertEquals(8, java.run("shown * 2").value());
    }

    @Test
    void aCompileErrorPointsAtTheCellsOwnLine() {
        String label = java.nextLabel();
        CellFailure.Compile e = assertThrows(CellFailure.Compile.class,
                () -> java.run("int fine = 1;\nint broken = missingName + 1;"));
        assertEquals(label, e.cellLabel());
        CellFailure.Problem p = e.problems().get(0);
        assertEquals(2, p.line());
        assertEquals(14, p.column());
        assertEquals("missingName".length(), p.length());
        assertEquals("int broken = missingName + 1;", p.code());
        assertTrue(p.message().startsWith("cannot find symbol") && !p.message().contains("location:"), p.message());
    }

    @Test
    void anUnfinishedCellIsACompileError() {
        CellFailure.Compile e = assertThrows(CellFailure.Compile.class, () -> java.run("int x9 = 1;\nint[] a = {1, 2"));
        assertEquals(2, e.problems().get(0).line());
        assertTrue(e.problems().get(0).message().contains("not finished"), e.problems().get(0).message());
    }

    @Test
    void anExceptionKeepsItsClassAndShowsTheCellLinesItPassedThrough() {
        String defining = java.nextLabel();
        java.run("int pick(int i) {\n  int j = i * 2;\n  return List.of(1).get(j);\n}");
        String calling = java.nextLabel();
        CellFailure.Thrown e = assertThrows(CellFailure.Thrown.class, () -> java.run("int one = 1;\npick(one)"));
        assertInstanceOf(IndexOutOfBoundsException.class, e.thrown());
        List<String> lines = ErrorReport.of(e, java.origins).plainTraceback();
        int user = lines.indexOf("  in your code:");
        assertTrue(user > 0, String.join("\n", lines));
        assertEquals("    cell " + defining + ", line 3:  return List.of(1).get(j);", lines.get(user + 1));
        assertEquals("    cell " + calling + ", line 2:  pick(one)", lines.get(user + 2));
        assertTrue(lines.stream().anyMatch(l -> l.contains("ImmutableCollections")), "library frames shown");
        assertFalse(lines.stream().anyMatch(l -> l.contains("CellExecutionControl") || l.contains("reflect")),
                "kernel frames hidden: " + lines);
    }

    @Test
    void usingADeclarationWithAnUndeclaredDependencyNamesTheMissingPart() {
        java.run("int outer() { return notYetDeclared(); }");
        CellFailure.Unresolved e = assertThrows(CellFailure.Unresolved.class, () -> java.run("outer()"));
        assertEquals(List.of("method notYetDeclared()"), e.missing());
        java.run("int notYetDeclared() { return 5; }");
        assertEquals(5, java.run("outer()").value());
    }

    @Test
    void anInterruptStopsCodeThatChecksForIt() throws Exception {
        CompletableFuture<Evaluation> cell = runAsync("while (true) {\n"
                + "  if (Thread.currentThread().isInterrupted()) {\n"
                + "    throw new java.util.concurrent.CancellationException(\"stopped between batches\");\n"
                + "  }\n}");
        awaitRunning();
        assertEquals(CellExecutionControl.InterruptOutcome.INTERRUPTED, java.shell.interrupt());
        CellFailure.Thrown e = (CellFailure.Thrown) failure(cell);
        assertInstanceOf(CancellationException.class, e.thrown());
        assertEquals(7, java.run("3 + 4").value(), "the shell lives on");
    }

    @Test
    void aSecondInterruptStopsCodeThatIgnoresTheFirst() throws Exception {
        CompletableFuture<Evaluation> cell = runAsync("long spins = 0;\nwhile (true) { spins++; }");
        awaitRunning();
        assertEquals(CellExecutionControl.InterruptOutcome.INTERRUPTED, java.shell.interrupt());
        Thread.sleep(200);
        assertTrue(java.shell.control().isRunning(), "the loop ignores interrupts");
        assertEquals(CellExecutionControl.InterruptOutcome.FORCE_STOPPED, java.shell.interrupt());
        CellFailure failure = failure(cell);
        assertEquals("Interrupted", ErrorReport.of(failure, java.origins).name());
        assertEquals(10, java.run("5 + 5").value(), "a fresh cell thread takes over");
    }

    @Test
    void anInterruptBetweenSnippetsSkipsTheRestOfTheCell() throws Exception {
        CompletableFuture<Evaluation> cell = runAsync("int ran = 0;\n"
                + "try { Thread.sleep(60_000); } catch (InterruptedException e) { ran = 1; }\n"
                + "ran = 2;");
        awaitRunning();
        java.shell.interrupt();
        assertInstanceOf(CellFailure.Interrupted.class, failure(cell));
        assertEquals(1, java.run("ran").value());
    }

    @Test
    void anInterruptThatCameBeforeTheCellStartedRunsNoneOfIt() {
        java.run("int untouched = 0;");
        java.shell.control().beginCell();
        assertEquals(CellExecutionControl.InterruptOutcome.NOTHING_RUNNING, java.shell.interrupt(),
                "no code runs yet: the interrupt is kept");
        String label = java.nextLabel();
        CellFailure.Interrupted e = assertThrows(CellFailure.Interrupted.class,
                () -> java.evaluator.evaluate(CellSource.whole(label, "untouched = 1;\nuntouched = 2;")));
        assertEquals("interrupted before cell " + label + " line 1", e.getMessage());
        assertEquals(0, java.run("untouched").value(), "the next cell starts afresh, and none of the last one ran");
    }

    @Test
    void aSnippetCompiledAfterAnInterruptIsNotRun() {
        java.run("int compiled = 0;");
        java.shell.control().beginCell();
        java.shell.interrupt(); // as if it came while JShell compiled the snippet below
        List<jdk.jshell.SnippetEvent> events = java.shell.eval("compiled = 1;");
        assertTrue(events.get(0).exception() != null, "the snippet reports a failure");
        assertInstanceOf(CellExecutionControl.NotStarted.class, java.shell.control().lastThrown());
        assertFalse(java.shell.control().isRunning());
        assertEquals(0, java.run("compiled").value());
    }

    private static CompletableFuture<Evaluation> runAsync(String code) {
        return CompletableFuture.supplyAsync(() -> java.run(code));
    }

    private static void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!java.shell.control().isRunning()) {
            assertTrue(System.nanoTime() < deadline, "the cell never started");
            Thread.sleep(10);
        }
        Thread.sleep(50);
    }

    private static CellFailure failure(CompletableFuture<Evaluation> cell) throws Exception {
        try {
            cell.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return assertInstanceOf(CellFailure.class, e.getCause());
        }
        throw new AssertionError("the cell finished normally");
    }
}
