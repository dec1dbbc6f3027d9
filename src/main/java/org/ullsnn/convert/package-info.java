/**
 * DNN-to-SNN conversion (METHOD.md §3-4): {@link org.ullsnn.convert.ThresholdStrategy} (a functional interface;
 * built-ins max-norm, percentile, trained clip, half-shift and the paper's distribution-fitted strategy in DNN
 * and SNN calibration modes), the per-layer alpha/beta fit ({@link org.ullsnn.convert.AlphaBetaFit}), batch-norm
 * folding, and the {@link org.ullsnn.convert.Converter}, a pure function from a trained DNN, a strategy, T and
 * calibration images to a {@link org.ullsnn.snn.SpikingNetwork}.
 */
package org.ullsnn.convert;
