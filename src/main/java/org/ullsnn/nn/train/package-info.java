/**
 * Training of the source DNN (METHOD.md §1): SGD with Nesterov momentum and a step learning-rate schedule
 * ({@link org.ullsnn.nn.train.TrainConfig}, {@link org.ullsnn.nn.train.StepSchedule}), test accuracy after
 * every epoch, a checkpoint every epoch that a run resumes from ({@link org.ullsnn.nn.train.CheckpointStore}),
 * a divergence guard, and progress events per batch ({@link org.ullsnn.nn.train.Trainer}).
 */
package org.ullsnn.nn.train;
