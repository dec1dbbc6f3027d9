package org.ullsnn.stats;

import java.util.function.DoubleUnaryOperator;

/**
 * Composite Gauss-Legendre quadrature: {@code m} equal sub-intervals, an {@code n}-point rule on each (exact
 * for polynomials of degree {@code 2n - 1} per sub-interval). Nodes are the roots of the Legendre polynomial
 * {@code P_n}, found by Newton's method on the three-term recurrence
 * {@code (j + 1) P_{j+1}(x) = (2j + 1) x P_j(x) - j P_{j-1}(x)}; weights
 * {@code w_i = 2 / ((1 - x_i^2) P_n'(x_i)^2)}.
 */
final class GaussLegendre {

    private final double[] nodes;
    private final double[] weights;
    private final int subintervals;

    GaussLegendre(int points, int subintervals) {
        Checks.positive("Gauss-Legendre points", points);
        this.subintervals = Checks.positive("Gauss-Legendre sub-intervals", subintervals);
        nodes = new double[points];
        weights = new double[points];
        for (int i = 0; i < (points + 1) / 2; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (points + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = 0;
                for (int j = 0; j < points; j++) {
                    double p2 = p1;
                    p1 = p0;
                    p0 = ((2 * j + 1) * x * p1 - j * p2) / (j + 1);
                }
                derivative = points * (x * p0 - p1) / (x * x - 1);
                double step = p0 / derivative;
                x -= step;
                if (Math.abs(step) < 1e-15) {
                    break;
                }
            }
            double w = 2 / ((1 - x * x) * derivative * derivative);
            nodes[i] = -x;
            nodes[points - 1 - i] = x;
            weights[i] = w;
            weights[points - 1 - i] = w;
        }
    }

    /** {@code int_a^b f(x) dx}; 0 when {@code a >= b}. */
    double integrate(DoubleUnaryOperator f, double a, double b) {
        if (!(b > a)) {
            return 0;
        }
        double h = (b - a) / subintervals;
        double sum = 0;
        for (int s = 0; s < subintervals; s++) {
            double lo = a + s * h;
            double hi = s == subintervals - 1 ? b : lo + h;
            double half = (hi - lo) / 2;
            double mid = (hi + lo) / 2;
            double part = 0;
            for (int i = 0; i < nodes.length; i++) {
                part += weights[i] * f.applyAsDouble(mid + half * nodes[i]);
            }
            sum += half * part;
        }
        return sum;
    }
}
