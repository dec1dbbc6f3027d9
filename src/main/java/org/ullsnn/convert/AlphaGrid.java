package org.ullsnn.convert;

/**
 * The grid of threshold ratios {@code alpha = theta / mu} the distribution-fitted strategy searches.
 *
 * @param from first alpha, {@code > 0}
 * @param to   last alpha, {@code >= from}
 * @param step spacing, {@code > 0}
 */
public record AlphaGrid(double from, double to, double step) {

    public AlphaGrid {
        if (!(from > 0) || !(to >= from) || !(step > 0) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("alpha grid needs 0 < from <= to (finite) and step > 0, got from "
                    + from + ", to " + to + ", step " + step);
        }
    }

    /** METHOD.md's suggestion: 0.05 to 1.5 in steps of 0.005 (291 values). */
    public static AlphaGrid defaults() {
        return new AlphaGrid(0.05, 1.5, 0.005);
    }

    /** Number of grid points. */
    public int size() {
        return (int) Math.floor((to - from) / step + 1e-9) + 1;
    }

    /** The {@code i}-th grid value, {@code from + i * step}. */
    public double at(int i) {
        return from + i * step;
    }
}
