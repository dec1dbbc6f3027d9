/**
 * Pre-activation statistics of a DNN's spiking layers and the conversion-error model (METHOD.md §4).
 * {@link org.ullsnn.stats.SpikingLayers} finds the activation vertices; {@link org.ullsnn.stats.DistributionCapture}
 * measures each one's pre-activation {@code z} over calibration images (exact counts and histogram, a
 * {@link org.ullsnn.stats.ReservoirSampler} sample) into a {@link org.ullsnn.stats.NetworkDistribution};
 * {@link org.ullsnn.stats.DistributionFitter} fits the sealed {@link org.ullsnn.stats.DistributionFamily} records
 * (MLE, AIC, KS); {@link org.ullsnn.stats.ConversionSetting} gives the IF spike count
 * {@code N_T(z) = clip(floor((T z + u0) / theta), 0, T)} and {@link org.ullsnn.stats.ConversionError} the expected
 * error {@code y - a} under samples, fitted densities and the uniform assumption.
 */
package org.ullsnn.stats;
