package org.ullsnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionHistoryTest {

    private final SessionHistory history = new SessionHistory();

    @BeforeEach
    void runSomeCells() {
        history.add(1, "int a = 6;", null);
        history.add(2, "a * 7", "42");
        history.add(3, "a * 7", "42");
        history.add(4, "display(chart);", "");
    }

    @Test
    void tailGivesTheLastCellsAsSessionLineInputTriples() {
        assertEquals(List.of(List.of(1, 3, "a * 7"), List.of(1, 4, "display(chart);")), history.tail(2, false));
        assertEquals(List.of(List.of(1, 4, List.of("display(chart);", ""))), history.tail(1, true));
        assertEquals(4, history.tail(0, false).size());
    }

    @Test
    void rangeTakesLinesFromStartUpToStopOfTheCurrentSession() {
        assertEquals(List.of(List.of(1, 2, "a * 7")), history.range(1, 2, 3, false));
        assertEquals(List.of(List.of(1, 2, "a * 7")), history.range(0, 2, 3, false), "0 is the current session");
        assertEquals(3, history.range(1, 2, 0, false).size());
        assertEquals(List.of(), history.range(-1, 1, 5, false), "no earlier sessions");
    }

    @Test
    void searchMatchesTheWholeInputAgainstAGlob() {
        assertEquals(2, history.search("a ?*", 0, false, false).size());
        assertEquals(List.of(List.of(1, 3, List.of("a * 7", "42"))), history.search("a ?*", 0, true, true));
        assertEquals(1, history.search("*chart*", 0, false, false).size());
        assertEquals(0, history.search("chart", 0, false, false).size());
        assertEquals(1, history.search("a ?*", 1, false, false).size());
    }

    @Test
    void globsFollowSqlite() {
        assertTrue(SessionHistory.glob("[a-c]x?").matcher("bxy").matches());
        assertFalse(SessionHistory.glob("[^a-c]x").matcher("ax").matches());
        assertTrue(SessionHistory.glob("a.b(c)*").matcher("a.b(c)d").matches());
        assertFalse(SessionHistory.glob("A*").matcher("a").matches(), "case-sensitive");
    }
}
