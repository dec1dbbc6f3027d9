package org.ullsnn.convert;

/**
 * What conversion chose for one spiking layer, beside what calibration saw.
 *
 * @param layer          activation layer name
 * @param mu             the clip the strategies scale from ({@link LayerStats#mu()})
 * @param threshold      the chosen (theta, v, u0)
 * @param atOrBelowZero  fraction of pre-activations {@code z <= 0}
 * @param inside         fraction with {@code 0 < z < mu}
 * @param clipped        fraction with {@code z >= mu}
 */
public record LayerConversion(String layer, double mu, LayerThreshold threshold, double atOrBelowZero,
        double inside, double clipped) {

    /** {@code theta / mu} (the paper's alpha for the fitted strategy). */
    public double alpha() {
        return threshold.theta() / mu;
    }

    /** {@code v / mu} (the paper's beta for the fitted strategy with c = 1). */
    public double beta() {
        return threshold.v() / mu;
    }
}
