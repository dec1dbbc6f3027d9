package org.ullsnn.energy;

import java.util.Locale;

/**
 * The energy of one operation: a {@link Preset}'s ({@code Preset.FP32.costs()}) or user constants
 * ({@link #custom(double, double)}).
 *
 * @param name   short name for tables, e.g. {@code FP32} or {@code custom}
 * @param source where the numbers come from, e.g. {@code 45 nm, Horowitz 2014} or {@code user-given}
 * @param macPj  E_MAC, energy of a multiply-accumulate in pJ, finite and {@code > 0}
 * @param acPj   E_AC, energy of an accumulate in pJ, finite and {@code >= 0}
 */
public record EnergyCosts(String name, String source, double macPj, double acPj) {

    public EnergyCosts {
        if (name == null || name.isBlank() || source == null || source.isBlank()) {
            throw new IllegalArgumentException("energy costs need a name and a source, got '" + name + "', '" + source
                    + "'");
        }
        if (!(macPj > 0) || !Double.isFinite(macPj)) {
            throw new IllegalArgumentException("E_MAC must be finite and > 0 pJ, got " + macPj);
        }
        if (!(acPj >= 0) || !Double.isFinite(acPj)) {
            throw new IllegalArgumentException("E_AC must be finite and >= 0 pJ, got " + acPj);
        }
    }

    /** User constants, named {@code custom}. */
    public static EnergyCosts custom(double macPj, double acPj) {
        return new EnergyCosts("custom", "user-given", macPj, acPj);
    }

    /** "FP32 (45 nm, Horowitz 2014): E_MAC 4.6 pJ, E_AC 0.9 pJ". */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%s): E_MAC %s pJ, E_AC %s pJ", name, source, plain(macPj),
                plain(acPj));
    }

    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
