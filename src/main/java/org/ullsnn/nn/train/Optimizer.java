package org.ullsnn.nn.train;

/** The update rule of a training run. */
public enum Optimizer {
    /** SGD with Nesterov momentum: the DNN recipe (DL4J has no classical momentum, METHOD.md §1). */
    NESTEROV_SGD,
    /** Adam with the AMSGrad correction: the SNN fine-tuning recipe (METHOD.md §5). */
    AMSGRAD
}
