package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussLegendreTest {

    @Test
    void eightPointsIntegratePolynomialsOfDegreeFifteenExactly() {
        GaussLegendre rule = new GaussLegendre(8, 1);
        assertEquals(Math.pow(2, 16) / 16, rule.integrate(x -> Math.pow(x, 15), 0, 2), 1e-9);
        assertEquals(2.0 / 15, rule.integrate(x -> Math.pow(x, 14), -1, 1), 1e-14);
        assertEquals(3, rule.integrate(x -> 1, -1, 2), 1e-14);
    }

    @Test
    void compositeRuleConvergesOnSmoothFunctions() {
        assertEquals(2, new GaussLegendre(5, 16).integrate(Math::sin, 0, Math.PI), 1e-13);
        assertEquals(0, new GaussLegendre(3, 2).integrate(x -> 1, 1, 1));
    }

    @Test
    void oddPointCountsIncludeTheMidpoint() {
        GaussLegendre rule = new GaussLegendre(7, 1);
        assertEquals(2.0 / 13, rule.integrate(x -> Math.pow(x, 12), -1, 1), 1e-14);
    }
}
