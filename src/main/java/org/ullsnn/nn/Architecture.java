package org.ullsnn.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The network families of METHOD.md §2, plus a tiny one for tests and smoke runs. */
public enum Architecture {
    /** VGG-11: 64,M,128,256,M,512,512,M,512,M,512,512, then FC 4096-4096-classes. */
    VGG11,
    /** VGG-16: 64,64,M,128,128,M,256x3,M,512x3,M,512x3 (four pools), then FC 4096-4096-classes. */
    VGG16,
    /** The authors' ResNet-20: 3-conv stem, max-pool, 4 stages x 2 basic blocks (64..512), FC to classes. */
    RESNET20,
    /** Two convolutions (8, 16 channels) with pools and one hidden FC of 32: seconds to train. */
    TINY;

    /** The lower-case name used on the command line and in configs, e.g. {@code vgg16}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code vgg16}, {@code VGG16}, {@code resnet20}, ...; the error lists the legal names. */
    public static Architecture parse(String name) {
        for (Architecture a : values()) {
            if (a.cliName().equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Architecture::cliName).collect(Collectors.joining(", ")));
    }
}
