package org.ullsnn.lab;

import java.util.Locale;
import java.util.Map;

/**
 * How big a notebook runs. {@link #SMOKE} (environment variable {@code SMOKE=1}) shrinks it to seconds: the tiny
 * network on synthetic images, small T; CI runs every notebook so. {@link #FULL} (the default) uses the trained runs
 * under {@code runs/} and the real CIFAR-10.
 */
public enum LabMode {
    /** Seconds, synthetic data: for CI and for trying a notebook out. */
    SMOKE,
    /** The real experiment. */
    FULL;

    /** The environment variable that selects {@link #SMOKE}. */
    public static final String ENV_VAR = "SMOKE";

    /** The mode this process's environment selects. */
    public static LabMode current() {
        return of(System.getenv());
    }

    /** Whether this process runs in smoke mode ({@code SMOKE=1}). */
    public static boolean smoke() {
        return current() == SMOKE;
    }

    /**
     * The mode an environment selects: {@code SMOKE} set to {@code 1}, {@code true} or {@code yes} is
     * {@link #SMOKE}; unset, empty, {@code 0}, {@code false} or {@code no} is {@link #FULL}.
     *
     * @throws IllegalArgumentException for any other value, naming it
     */
    public static LabMode of(Map<String, String> env) {
        String value = env.get(ENV_VAR);
        if (value == null) {
            return FULL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> SMOKE;
            case "", "0", "false", "no" -> FULL;
            default -> throw new IllegalArgumentException(ENV_VAR + "=" + value + " is neither on (1, true, yes) "
                    + "nor off (0, false, no)");
        };
    }

    /** Whether this is {@link #SMOKE}. */
    public boolean isSmoke() {
        return this == SMOKE;
    }
}
