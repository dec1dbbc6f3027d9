package org.ullsnn.nn.train;

/**
 * Training produced a non-finite or exploding loss and was stopped. The message says where, the value,
 * and which checkpoint (the last good one) is kept.
 */
public class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
