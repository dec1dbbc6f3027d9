package org.ullsnn.stats;

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

    static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    static double finitePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /** A clip value: {@code > 0}, finite or {@code +infinity} (plain ReLU). */
    static double clipValue(String name, double mu) {
        if (!(mu > 0)) {
            throw new IllegalArgumentException(name + " must be > 0 (or +Infinity for a plain ReLU), got " + mu);
        }
        return mu;
    }

    static double probability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
        }
        return p;
    }

    static double percent(String name, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException(name + " must be in [0, 100], got " + p);
        }
        return p;
    }

    /** An unmodifiable map of two parameters that keeps their order. */
    static java.util.Map<String, Double> orderedParameters(String name1, double value1, String name2, double value2) {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put(name1, value1);
        m.put(name2, value2);
        return java.util.Collections.unmodifiableMap(m);
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    static String named(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be non-blank, got '" + value + "'");
        }
        return value;
    }

    /** Samples for a maximum-likelihood fit: at least one, every one finite and {@code > 0}. */
    static double[] positiveSamples(String family, double[] z) {
        notNull("samples", z);
        if (z.length == 0) {
            throw new IllegalArgumentException("MLE of " + family + " needs at least one sample z > 0, got none");
        }
        for (int i = 0; i < z.length; i++) {
            if (!(z[i] > 0) || !Double.isFinite(z[i])) {
                throw new IllegalArgumentException("MLE of " + family + " needs finite samples z > 0, got " + z[i]
                        + " at index " + i);
            }
        }
        return z;
    }
}
