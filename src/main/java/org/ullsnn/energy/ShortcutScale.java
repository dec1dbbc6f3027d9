package org.ullsnn.energy;

/**
 * The multiplication on an identity shortcut of a converted ResNet. Spikes stay 0/1, so the value v a spike stands
 * for is folded into the weights that read it, and an identity shortcut, which has no weights, reads the spikes
 * through a {@code ScaleVertex(v)} (METHOD.md §3) before the addition. Per image:
 * <pre>
 * SNN: T * elements multiplications, priced E_MAC each (the product is accumulated into the block's current; the
 *      presets have no separate multiply cost)
 * DNN: none (its shortcut carries the activation itself into the addition, which is free on both sides)
 * </pre>
 * Read from a DNN, a shortcut is an input of an element-wise addition that is an activation, a max-pool or a
 * dropout (what becomes spikes), named {@code ADD_scaleI} as the converter names its {@code ScaleVertex}; read from
 * an SNN, it is the {@code ScaleVertex} itself.
 *
 * @param name     {@code ADD_scaleI}: the addition's name and the index of the input it scales
 * @param source   the vertex whose output it reads, in the graph it was read from
 * @param elements elements of that tensor per image, {@code >= 1}
 */
public record ShortcutScale(String name, String source, long elements) {

    public ShortcutScale {
        if (name == null || name.isBlank() || source == null) {
            throw new IllegalArgumentException("a shortcut scale needs a name and a source");
        }
        if (elements < 1) {
            throw new IllegalArgumentException("shortcut scale '" + name + "': elements must be >= 1, got " + elements);
        }
    }

    /** Multiplications per image over {@code T} steps in the SNN: {@code T * elements}. */
    public long multiplications(int timesteps) {
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps T must be >= 1, got " + timesteps);
        }
        return Math.multiplyExact(elements, timesteps);
    }
}
