package org.ullsnn.data;

import java.util.Locale;

/**
 * Which label of a record is used as the class. CIFAR-10 has one label per image, which counts as
 * {@link #FINE}; CIFAR-100 has a fine label (100 classes) and a coarse one (20 superclasses).
 */
public enum LabelLevel {
    /** The CIFAR-10 label, or the CIFAR-100 fine label (100 classes). */
    FINE,
    /** The CIFAR-100 coarse label (20 superclasses); CIFAR-10 has none. */
    COARSE;

    /** Lower-case name for messages: {@code "fine"}, {@code "coarse"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
