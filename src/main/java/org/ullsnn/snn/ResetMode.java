package org.ullsnn.snn;

/** What happens to the membrane potential after a spike. */
public enum ResetMode {
    /** {@code U <- U - theta}: keeps the surplus charge (the paper's and the default). */
    SUBTRACT,
    /** {@code U <- 0}: forgets the surplus. */
    ZERO
}
