package org.ullsnn.convert;

/**
 * A fitted layer of the distribution-fitted strategy: {@code theta = alpha mu}, {@code v = beta mu}.
 *
 * @param alpha   threshold ratio
 * @param beta    output-scale ratio (closed form for the chosen alpha)
 * @param mse     mean squared error between DNN activation and predicted SNN output at (alpha, beta)
 * @param samples samples the fit used
 */
public record AlphaBeta(double alpha, double beta, double mse, int samples) {
}
