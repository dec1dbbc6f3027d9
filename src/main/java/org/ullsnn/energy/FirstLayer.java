package org.ullsnn.energy;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the SNN's first layer is counted. With direct encoding the analog image enters the layer that reads it at
 * every step, so that layer does MACs, not accumulates (METHOD.md §3, §6):
 * <pre>
 * E_SNN = MACs_1 * E_MAC * c1 + ...     c1 = 1 (ONCE), T (PER_STEP), 0 (IGNORED)
 * </pre>
 */
public enum FirstLayer {
    /** c1 = 1: the input is constant over time, so its current is computed once and cached (what our SNN does). */
    ONCE("once", "counted once (constant input, cached)"),
    /** c1 = T: the first layer recomputed at every step. */
    PER_STEP("per-step", "counted T times (recomputed every step)"),
    /** c1 = 0: the first layer left out of the SNN's energy (it is still in the DNN's). */
    IGNORED("ignore", "ignored (left out of E_SNN)");

    private final String cliName;
    private final String description;

    FirstLayer(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /** The factor c1 at T steps. */
    public double factor(int timesteps) {
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps T must be >= 1, got " + timesteps);
        }
        return switch (this) {
            case ONCE -> 1;
            case PER_STEP -> timesteps;
            case IGNORED -> 0;
        };
    }

    /** The name on the command line: {@code once}, {@code per-step}, {@code ignore}. */
    public String cliName() {
        return cliName;
    }

    /** What the convention means, for reports: "counted once (constant input, cached)". */
    public String description() {
        return description;
    }

    /** Parses a {@link #cliName()} or a constant name; the error lists the legal names. */
    public static FirstLayer parse(String text) {
        String s = text.trim();
        for (FirstLayer f : values()) {
            if (f.cliName.equalsIgnoreCase(s) || f.name().equalsIgnoreCase(s.replace('-', '_'))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown first-layer convention '" + text + "'; expected one of "
                + Arrays.stream(values()).map(FirstLayer::cliName).collect(Collectors.joining(", ")));
    }
}
