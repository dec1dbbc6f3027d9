package org.ullsnn.data;

import java.util.Locale;

/** The two parts of a CIFAR dataset. */
public enum Split {
    /** 50,000 training images. */
    TRAIN,
    /** 10,000 test images. */
    TEST;

    /** Lower-case name for messages: {@code "train"}, {@code "test"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
