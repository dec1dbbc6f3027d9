package org.ullsnn.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarDownloader;
import org.ullsnn.data.CifarLayout;
import org.ullsnn.data.CifarReader;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.ImageSetIterator;
import org.ullsnn.data.IteratorOptions;
import org.ullsnn.data.Split;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.train.CheckpointStore;
import org.ullsnn.progress.ProgressListener;

/**
 * What conversion and evaluation need from a run (trained here or imported): its DNN, calibration images (the first
 * images of each class of the training set, normalised as the run says, not augmented) and the test set.
 *
 * @param runDir      the run folder
 * @param config      the run's saved settings
 * @param dnn         the final model ({@code model.zip}, or the newest checkpoint of an unfinished run)
 * @param modelFile   the file the DNN came from
 * @param calibration calibration images {@code [N, C, H, W]}
 * @param test        the test images
 */
public record RunInputs(Path runDir, RunConfig config, ComputationGraph dnn, Path modelFile,
        INDArray calibration, ImageSet test) {

    /**
     * Loads a run's DNN and data.
     *
     * @param calibrationImages number of calibration images, spread evenly over the classes
     * @param testPerClass      first N test images per class, 0 for all
     */
    public static RunInputs load(Path runDir, Path dataDir, boolean offline, int calibrationImages, int testPerClass,
            ProgressListener progress) throws IOException {
        return load(runDir, dataDir, offline, calibrationImages, testPerClass, CifarLayout::official, progress);
    }

    /** As above, with the CIFAR file layout per data set ({@link CifarLayout#withRecordsPerFile} in tests). */
    public static RunInputs load(Path runDir, Path dataDir, boolean offline, int calibrationImages, int testPerClass,
            Function<CifarDataset, CifarLayout> layouts, ProgressListener progress) throws IOException {
        RunConfig config = RunConfigs.read(runDir);
        Path model = runDir.resolve(TrainRun.MODEL_FILE);
        if (!Files.isRegularFile(model)) {
            model = new CheckpointStore(runDir.resolve("checkpoints"), 1).latest()
                    .orElseThrow(() -> new IllegalArgumentException("run " + runDir + " has neither " + TrainRun.MODEL_FILE
                            + " nor a checkpoint: train it first"))
                    .model();
        }
        ComputationGraph dnn = Graphs.load(model);
        CifarDownloader.builder().offline(offline).listener(progress).build().fetchIfMissing(config.dataset(), dataDir);
        CifarReader reader = new CifarReader(layouts.apply(config.dataset()));
        ImageSet train = reader.read(dataDir, Split.TRAIN, config.labelLevel());
        int perClass = Math.max(1, (int) Math.ceil((double) calibrationImages / train.classes()));
        ImageSet calibrationSet = train.firstPerClass(perClass);
        INDArray calibration = new ImageSetIterator(calibrationSet, config.normalization(),
                IteratorOptions.evaluation(calibrationSet.size())).next().getFeatures();
        ImageSet test = reader.read(dataDir, Split.TEST, config.labelLevel());
        if (testPerClass > 0) {
            test = test.firstPerClass(testPerClass);
        }
        return new RunInputs(runDir, config, dnn, model, calibration, test);
    }

    /** Fresh test iterators in record order, batches of {@code batchSize}. */
    public Supplier<DataSetIterator> testBatches(int batchSize) {
        return () -> new ImageSetIterator(test, config.normalization(), IteratorOptions.evaluation(batchSize));
    }
}
