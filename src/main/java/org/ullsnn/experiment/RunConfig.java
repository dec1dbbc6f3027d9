package org.ullsnn.experiment;

import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.data.Normalization;

/**
 * What conversion, evaluation, fine-tuning and energy estimates need to know about the run a DNN came from, whether
 * it was trained here ({@link TrainRunConfig}) or imported ({@link ImportRunConfig}). {@link RunConfigs#read} reads
 * either from a run folder.
 */
public interface RunConfig {

    /** The run's folder name. */
    String name();

    /** The data set the network classifies. */
    CifarDataset dataset();

    /** Its label level (fine, or CIFAR-100's coarse labels). */
    LabelLevel labelLevel();

    /** The input normalisation the network was trained with: every image it sees goes through it. */
    Normalization normalization();

    /** One line for people, e.g. {@code vgg16, width 0.25, clip-relu, BN} or {@code imported from m.onnx (...)}. */
    String describeNetwork();
}
