/**
 * XChart figures of the experiments, and their export. One class per figure family, each taking the library's
 * own results (or the Tablesaw tables written under {@code runs/}) and returning a chart with title, axis titles
 * and legend: {@link org.ullsnn.plot.DistributionChart} (pre-activation histogram with fitted densities and the
 * uniform assumption), {@link org.ullsnn.plot.ConversionErrorChart}, {@link org.ullsnn.plot.AccuracyChart}
 * (accuracy vs T), {@link org.ullsnn.plot.ThresholdChart} (alpha and beta per layer),
 * {@link org.ullsnn.plot.TrainingCharts} (training and fine-tuning curves), {@link org.ullsnn.plot.SpikeRateChart}
 * and {@link org.ullsnn.plot.EnergyCharts}. {@link org.ullsnn.plot.Plots#save} writes any chart as PNG, SVG or PDF,
 * atomically, headless.
 */
package org.ullsnn.plot;
