package org.ullsnn.energy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Energy per operation at 45 nm (M. Horowitz, "Computing's energy problem (and what we can do about it)",
 * ISSCC 2014), as METHOD.md §6 lists them: a multiply-accumulate (E_MAC, a multiply plus an add) and an
 * accumulate (E_AC, an add), in pJ.
 * <table>
 *   <caption>presets</caption>
 *   <tr><th>preset</th><th>E_MAC (pJ)</th><th>E_AC (pJ)</th></tr>
 *   <tr><td>FP32</td><td>4.6</td><td>0.9</td></tr>
 *   <tr><td>FP16</td><td>1.5</td><td>0.4</td></tr>
 *   <tr><td>INT32</td><td>3.2</td><td>0.1</td></tr>
 *   <tr><td>INT8</td><td>0.23</td><td>0.03</td></tr>
 * </table>
 */
public enum Preset {
    FP32(4.6, 0.9),
    FP16(1.5, 0.4),
    INT32(3.2, 0.1),
    INT8(0.23, 0.03);

    /** Where the numbers come from, shown beside every ratio. */
    public static final String SOURCE = "45 nm, Horowitz 2014";

    private final double macPj;
    private final double acPj;

    Preset(double macPj, double acPj) {
        this.macPj = macPj;
        this.acPj = acPj;
    }

    /** Energy of one multiply-accumulate, pJ. */
    public double macPj() {
        return macPj;
    }

    /** Energy of one accumulate, pJ. */
    public double acPj() {
        return acPj;
    }

    /** The costs of this preset, named e.g. {@code FP32} with source {@value #SOURCE}. */
    public EnergyCosts costs() {
        return new EnergyCosts(name(), SOURCE, macPj, acPj);
    }

    /** The costs of every preset, in declaration order (FP32, FP16, INT32, INT8). */
    public static java.util.List<EnergyCosts> allCosts() {
        return java.util.Arrays.stream(values()).map(Preset::costs).toList();
    }

    /** The lower-case name used on the command line: {@code fp32}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code fp32}, {@code FP32}, ...; the error lists the legal names. */
    public static Preset parse(String text) {
        for (Preset p : values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown energy preset '" + text + "'; expected one of "
                + Arrays.stream(values()).map(Preset::cliName).collect(Collectors.joining(", ")));
    }
}
