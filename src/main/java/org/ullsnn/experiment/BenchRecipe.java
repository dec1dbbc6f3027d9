package org.ullsnn.experiment;

import java.util.Locale;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;

/** The network recipes the benchmarks time, so figures name what they measured. */
public enum BenchRecipe {
    /** The CPU preset: ClipReLU, conv dropout 0.1, FC dropout 0.5, no BN (the recipe PyTorch was timed on). */
    PLAIN("ClipReLU + dropout"),
    /** The CPU preset with batch norm after every convolution. */
    BN("ClipReLU + BN + dropout"),
    /** The shipped models' recipe ({@code train --preset cosine}): ClipReLU + BN, no conv dropout, FC dropout 0.2. */
    COSINE("ClipReLU + BN, FC dropout 0.2 (the shipped models')");

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
        return switch (this) {
            case PLAIN -> spec;
            case BN -> spec.withBatchNorm(true);
            case COSINE -> spec.withBatchNorm(true).withConvDropout(0).withFcDropout(0.2);
        };
    }

    /** Parses a CLI name, case-insensitively. */
    public static BenchRecipe parse(String name) {
        for (BenchRecipe r : values()) {
            if (r.cliName().equalsIgnoreCase(name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown recipe '" + name + "'; expected plain, bn or cosine");
    }
}
