package org.ullsnn.energy;

/**
 * How a layer's synaptic operations are counted from the spikes it reads.
 * <pre>
 * UNIFORM:  SOPs_l = r_in_l * MACs_l
 * EXACT:    SOPs_l = sum over input positions p of  s_p * fanout_l(p)
 * </pre>
 * where {@code r_in_l} is the spikes per image over T in the tensor layer l reads divided by its elements,
 * {@code s_p} the spikes per image over T at position p, and {@code fanout_l(p)} the number of (output neuron,
 * kernel tap) pairs that read p, {@code C_out} included. UNIFORM treats every input as if it reached
 * {@code MACs_l / elements} targets; EXACT knows that the borders of a padded convolution reach fewer (and that
 * some positions of a strided convolution reach none). For dense layers the two agree.
 */
public enum FanOut {
    /** METHOD.md §6: {@code SOPs = r_in * MACs}. */
    UNIFORM("uniform (SOPs = r_in * MACs)"),
    /** Each input position's true fan-out, from per-neuron spike counts. */
    EXACT("exact (each input position's true fan-out)");

    private final String description;

    FanOut(String description) {
        this.description = description;
    }

    /** What the mode means, for reports. */
    public String description() {
        return description;
    }
}
