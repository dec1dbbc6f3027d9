package org.ullsnn.convert;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge-of-grid warning: a grid search whose optimum is the first or last point of its grid may have missed a
 * better value outside it. One line, naming the layer, through SLF4J.
 */
final class GridEdge {

    private static final Logger LOG = LoggerFactory.getLogger(GridEdge.class);

    private GridEdge() {
    }

    /**
     * Logs and returns the warning when {@code index} is the first or last of {@code size} grid points, else empty.
     *
     * @param strategy  the strategy's name, for the message
     * @param layer     the spiking layer
     * @param what      the searched quantity, e.g. "alpha"
     * @param value     the chosen value
     * @param first     the grid's first value
     * @param last      the grid's last value
     */
    static Optional<String> check(String strategy, String layer, int timesteps, String what, double value, int index,
            int size, double first, double last) {
        if (size < 2 || (index != 0 && index != size - 1)) {
            return Optional.empty();
        }
        String message = String.format(Locale.ROOT, "layer %s: %s = %.4g is at the %s edge of its grid [%.4g, %.4g] "
                + "(%s, T = %d); the optimum may lie outside it", layer, what, value, index == 0 ? "first" : "last",
                first, last, strategy, timesteps);
        LOG.warn(message);
        return Optional.of(message);
    }

    /** {@link #check} for a value of an {@link AlphaGrid}. */
    static Optional<String> check(String strategy, String layer, int timesteps, double alpha, AlphaGrid grid) {
        int index = (int) Math.round((alpha - grid.from()) / grid.step());
        return check(strategy, layer, timesteps, "alpha", alpha, index, grid.size(), grid.from(),
                grid.at(grid.size() - 1));
    }
}
