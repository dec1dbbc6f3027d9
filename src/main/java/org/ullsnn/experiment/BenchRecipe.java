package org.ullsnn.experiment;

import java.util.Locale;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;

/** The network recipes the benchmarks time, so figures name what they measured. */
public enum BenchRecipe {
    /** The CPU preset: ClipReLU, conv dropout 0.1, FC dropout 0.5, no BN (the recipe PyTorch was timed on). */
    PLAIN("ClipReLU + dropout"),
    /** The notebooks' recipe: the CPU preset with batch norm after every convolution. */
    BN("ClipReLU + BN + dropout");

    private final String description;

    BenchRecipe(String description) {
        this.description = description;
    }

    /** What the recipe is, in words. */
    public String description() {
        return description;
    }

    /** The CLI name: {@code plain} or {@code bn}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The recipe's network at {@code width}. */
    public NetworkSpec spec(Architecture architecture, int classes, double width) {
        NetworkSpec cpu = NetworkSpec.cpuPreset(classes);
        NetworkSpec spec = NetworkSpec.defaults(architecture, classes).withWidth(width)
                .withConvDropout(cpu.convDropout()).withFcDropout(cpu.fcDropout());
        return this == BN ? spec.withBatchNorm(true) : spec;
    }

    /** Parses a CLI name, case-insensitively. */
    public static BenchRecipe parse(String name) {
        for (BenchRecipe r : values()) {
            if (r.cliName().equalsIgnoreCase(name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown recipe '" + name + "'; expected plain or bn");
    }
}
