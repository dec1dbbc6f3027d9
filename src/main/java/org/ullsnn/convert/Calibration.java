package org.ullsnn.convert;

/** Where a strategy's samples come from (METHOD.md §4). */
public enum Calibration {
    /** DNN pre-activations on the calibration images (cheap: one capture serves every layer). */
    DNN,
    /**
     * Sequential SNN calibration: layers 1..l-1 are converted first, and layer l is fitted against the
     * currents they actually deliver, paired with the DNN activations ({@link PairedSamples}).
     */
    SNN
}
