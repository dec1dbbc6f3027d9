package org.ullsnn.data;

import java.util.Locale;

/** Argument guards with messages that state the rule and the value found. */
final class Checks {

    private Checks() {
    }

    static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
        return value;
    }

    static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** {@code 30730000} as {@code "30,730,000"}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
