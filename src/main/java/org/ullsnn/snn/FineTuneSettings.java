package org.ullsnn.snn;

/**
 * How the spiking layers train through time (METHOD.md §5).
 *
 * @param surrogate   derivative used for the spike step (boxcar, as in the authors' code, by default)
 * @param dropout     drop probability on every IF layer's spikes, one mask per sample shared by all steps
 * @param detachReset drop the surrogate terms that flow through the reset
 */
public record FineTuneSettings(Surrogate surrogate, double dropout, boolean detachReset) {

    public FineTuneSettings {
        if (surrogate == null) {
            throw new IllegalArgumentException("a surrogate must be chosen");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout is a drop probability and must be in [0, 1), got " + dropout);
        }
    }

    /** Boxcar surrogate, dropout 0.1, full reset gradient (METHOD.md §5). */
    public static FineTuneSettings defaults() {
        return new FineTuneSettings(Surrogate.BOXCAR, 0.1, false);
    }
}
