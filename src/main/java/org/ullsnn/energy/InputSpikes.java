package org.ullsnn.energy;

/**
 * The spikes one weight layer reads, per image over all T steps.
 * <pre>
 * r_in = spikesPerImage / elements      (METHOD.md §6: spikes per image over T in the tensor read / its elements)
 * </pre>
 *
 * @param layer          the weight layer
 * @param source         the spike tensor it reads (an IF layer or a max-pool over spikes; for a 1x1 shortcut, the
 *                       block input)
 * @param elements       elements of that tensor per image, {@code >= 1}
 * @param spikesPerImage spikes per image over all T steps, finite and {@code >= 0}
 * @param exactSops      synaptic operations per image from each position's true fan-out, or NaN when the
 *                       per-neuron counts are unknown (rates given by hand, or a simulation cut with
 *                       {@code firstSteps})
 */
public record InputSpikes(String layer, String source, long elements, double spikesPerImage, double exactSops) {

    public InputSpikes {
        if (layer == null || source == null) {
            throw new IllegalArgumentException("input spikes need a layer and a source");
        }
        if (elements < 1) {
            throw new IllegalArgumentException("layer '" + layer + "': the tensor it reads must have >= 1 elements, got "
                    + elements);
        }
        if (!(spikesPerImage >= 0) || !Double.isFinite(spikesPerImage)) {
            throw new IllegalArgumentException("layer '" + layer + "': spikes per image must be finite and >= 0, got "
                    + spikesPerImage);
        }
        if (!Double.isNaN(exactSops) && !(exactSops >= 0 && Double.isFinite(exactSops))) {
            throw new IllegalArgumentException("layer '" + layer + "': exact SOPs must be NaN (unknown) or finite and "
                    + ">= 0, got " + exactSops);
        }
    }

    /** {@code r_in = spikesPerImage / elements}: spikes per input element per image over T, in [0, T]. */
    public double rate() {
        return spikesPerImage / elements;
    }

    /** Whether {@link #exactSops()} is known. */
    public boolean hasExactSops() {
        return !Double.isNaN(exactSops);
    }
}
