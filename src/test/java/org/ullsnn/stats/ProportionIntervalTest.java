package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProportionIntervalTest {

    @Test
    void matchesPublishedWilsonIntervals() {
        // Brown, Cai and DasGupta (2001) / Newcombe (1998): 8 of 10 at 95 % is [0.4902, 0.9433]
        ProportionInterval i = ProportionInterval.wilson(8, 10, 0.95);
        assertEquals(0.4902, i.low(), 5e-5);
        assertEquals(0.9433, i.high(), 5e-5);
        // Newcombe's example 81 of 263: [0.2553, 0.3662]
        ProportionInterval j = ProportionInterval.wilson(81, 263, 0.95);
        assertEquals(0.2553, j.low(), 5e-5);
        assertEquals(0.3662, j.high(), 5e-5);
    }

    @Test
    void staysInsideZeroAndOneWhereTheNormalApproximationLeavesIt() {
        ProportionInterval none = ProportionInterval.wilson(0, 20, 0.95);
        assertEquals(0, none.low(), 0);
        assertEquals(0.1611, none.high(), 5e-5);
        ProportionInterval all = ProportionInterval.wilson(20, 20, 0.95);
        assertEquals(1, all.high(), 0);
        assertEquals(1 - 0.1611, all.low(), 5e-5);
    }

    @Test
    void narrowsWithMoreImagesAndWidensWithConfidence() {
        ProportionInterval small = ProportionInterval.ofAccuracy(0.9, 1_000);
        ProportionInterval large = ProportionInterval.ofAccuracy(0.9, 10_000);
        assertTrue(large.high() - large.low() < small.high() - small.low());
        assertTrue(small.low() < 0.9 && 0.9 < small.high());
        ProportionInterval wide = ProportionInterval.wilson(900, 1_000, 0.99);
        assertTrue(wide.high() - wide.low() > small.high() - small.low());
    }

    @Test
    void refusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> ProportionInterval.wilson(11, 10, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ProportionInterval.wilson(0, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ProportionInterval.wilson(5, 10, 1.0));
    }
}
