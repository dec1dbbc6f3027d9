package org.ullsnn.nn;

import java.util.Locale;

/** The activation after every hidden convolution and dense layer. */
public enum ActivationKind {
    /** Plain ReLU, {@code max(0, z)}. */
    RELU,
    /** {@code clip(z, 0, mu)} with a trainable {@code mu} per layer ({@link org.ullsnn.nn.layers.ClipReLULayer}). */
    CLIP_RELU;

    /** {@code relu} or {@code clip-relu}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code relu} / {@code clip-relu} (also {@code clip_relu}, {@code cliprelu}). */
    public static ActivationKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("_", "-");
        return switch (n) {
            case "relu" -> RELU;
            case "clip-relu", "cliprelu", "clip" -> CLIP_RELU;
            default -> throw new IllegalArgumentException("unknown activation '" + name
                    + "'; expected relu or clip-relu");
        };
    }
}
