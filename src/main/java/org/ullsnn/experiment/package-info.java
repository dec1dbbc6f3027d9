/**
 * Experiments as records and runners that write their results under {@code runs/<name>/} with
 * {@link org.ullsnn.experiment.Provenance}: training runs ({@link org.ullsnn.experiment.TrainRun}) and
 * benchmarks ({@link org.ullsnn.experiment.TrainBenchmark}). Results come back as Tablesaw tables.
 */
package org.ullsnn.experiment;
