package org.ullsnn.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.ullsnn.data.CifarReader;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.ImageSetIterator;
import org.ullsnn.data.IteratorOptions;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.data.Normalization;
import org.ullsnn.data.Split;
import org.ullsnn.experiment.FineTuneRun;
import org.ullsnn.experiment.ShippedFineTuning;
import org.ullsnn.progress.ProgressListener;

/**
 * A notebook's trained DNN and the data around it, for an experiment ({@link LabSetup}, VGG-16 on CIFAR-10 unless
 * named) and the mode the environment selects ({@link LabMode}):
 * <table>
 *   <caption>where the DNN and the data come from</caption>
 *   <tr><th>mode</th><th>DNN</th><th>calibration and test images</th><th>figures</th></tr>
 *   <tr><td>{@link LabMode#FULL}</td><td>the setup's shipped model, e.g. {@code models/c10-vgg16-w0.25-clip-bn}, when
 *       the repository has it; else its run {@code runs/c10-vgg16-w0.25-clip-bn} when that holds a model; else
 *       {@code runs/<run>-quick}, trained on first use (width 0.25 with BN, a few epochs on part of the data set) and
 *       reused afterwards</td><td>the run's CIFAR-10 or CIFAR-100: about 1,030 training images evenly over the
 *       classes; the test set</td><td>{@code runs/<name>/figures/} (for a shipped model too: {@code models/} is
 *       never written)</td></tr>
 *   <tr><td>{@link LabMode#SMOKE}</td><td>the setup's stand-in (the tiny network, or ResNet-20 at width 1/16)
 *       trained for 3 epochs on synthetic images, in memory (seconds)</td><td>synthetic images</td>
 *       <td>{@code <root>/target/notebook-figures/}, or a temporary folder outside a build</td></tr>
 * </table>
 * <pre>{@code
 * var inputs = LabInputs.load(progress());
 * var converted = Converter.convert(inputs.dnn(), ConvertConfig.of(ThresholdStrategy.fittedDnn(), 2, inputs.calibration()), progress());
 * var result = Simulator.run(converted.snn(), inputs.testBatches().get(), progress());
 * }</pre>
 *
 * @param setup         the experiment it was loaded for
 * @param mode          the mode it was loaded in
 * @param source        where the DNN came from, for the reader
 * @param dnn           the trained DNN (do not change it: conversion never does)
 * @param runDir        the folder the DNN was read from (a shipped model's {@code models/<name>}, or a training run),
 *                      {@code null} in smoke mode; never write into it
 * @param outputDir     where what is made from the DNN goes ({@code runs/<name>} for a shipped model, else the run
 *                      folder; {@link org.ullsnn.experiment.RunLocation}), {@code null} in smoke mode
 * @param calibration   normalised calibration images {@code [N, C, H, W]}, not augmented
 * @param test          the test images
 * @param normalization the normalisation of the DNN's inputs
 * @param figuresDir    where the notebook saves its figures ({@link org.ullsnn.plot.Plots#save} creates it)
 * @param paths         the folders it was loaded from
 */
public record LabInputs(LabSetup setup, LabMode mode, String source, ComputationGraph dnn, Path runDir,
        Path outputDir, INDArray calibration, ImageSet test, Normalization normalization, Path figuresDir, LabPaths paths) {

    public LabInputs {
        if (setup == null || mode == null || source == null || dnn == null || calibration == null || test == null
                || normalization == null || figuresDir == null || paths == null) {
            throw new IllegalArgumentException("only runDir and outputDir may be null");
        }
    }

    /**
     * VGG-16 on CIFAR-10 for the current mode ({@code SMOKE}) and folders ({@link LabPaths#locate()}), the whole
     * test set.
     */
    public static LabInputs load(ProgressListener progress) throws IOException {
        return load(LabSetup.VGG16_CIFAR10, 0, progress);
    }

    /**
     * VGG-16 on CIFAR-10 for the current mode and folders, testing on the first {@code testPerClass} test images of
     * each class (0: all).
     */
    public static LabInputs load(int testPerClass, ProgressListener progress) throws IOException {
        return load(LabSetup.VGG16_CIFAR10, testPerClass, progress);
    }

    /** A setup for the current mode and folders, testing on the first {@code testPerClass} images per class (0: all). */
    public static LabInputs load(LabSetup setup, int testPerClass, ProgressListener progress) throws IOException {
        return load(setup, LabMode.current(), LabPaths.locate(), testPerClass, progress);
    }

    /**
     * Loads a setup for a given mode and folders.
     *
     * @param testPerClass the first N test images of each class, 0 for all (in smoke mode too)
     */
    public static LabInputs load(LabSetup setup, LabMode mode, LabPaths paths, int testPerClass,
            ProgressListener progress) throws IOException {
        if (setup == null || mode == null || paths == null) {
            throw new IllegalArgumentException("setup, mode and paths must be given");
        }
        if (testPerClass < 0) {
            throw new IllegalArgumentException("testPerClass must be >= 0 (0 = all), got " + testPerClass);
        }
        return mode.isSmoke() ? SmokeInputs.load(setup, paths, testPerClass, progress)
                : FullInputs.load(setup, paths, testPerClass, progress);
    }

    /**
     * Training images for fine-tuning, not augmented here: in full mode the first {@code perClass} of each class of
     * the run's data set (read from {@link LabPaths#data()}), in smoke mode the stand-in's own synthetic training
     * images (all of them when {@code perClass} is 0 or larger than what there is).
     */
    public ImageSet trainingImages(int perClass) throws IOException {
        if (perClass < 0) {
            throw new IllegalArgumentException("perClass must be >= 0 (0 = all), got " + perClass);
        }
        ImageSet all = mode.isSmoke() ? SmokeInputs.trainingSet(setup)
                : CifarReader.of(setup.dataset()).read(paths.data(), Split.TRAIN, LabelLevel.FINE);
        return perClass > 0 ? all.firstPerClass(perClass) : all;
    }

    /** Test images per batch: 100 in full mode (as {@code ullsnn convert}), 32 in smoke mode. */
    public int batchSize() {
        return mode.isSmoke() ? SmokeInputs.BATCH : FullInputs.BATCH;
    }

    /** Fresh test iterators in record order, {@link #batchSize()} images per batch. */
    public Supplier<DataSetIterator> testBatches() {
        return () -> new ImageSetIterator(test, normalization, IteratorOptions.evaluation(batchSize()));
    }

    /**
     * The finished fine-tuning run {@code name} of this DNN, if there is one: the user's own in
     * {@code <outputDir>/finetune/<name>/} first, else the one shipped with the model in
     * {@code models/<model>/finetune/<name>/} ({@link ShippedFineTuning}); empty in smoke mode.
     */
    public Optional<Path> savedFineTuning(String name) {
        return Stream.of(outputDir, runDir).filter(java.util.Objects::nonNull)
                .map(d -> d.resolve(FineTuneRun.FINETUNE_DIR).resolve(name))
                .filter(ShippedFineTuning::isComplete).findFirst();
    }

    /** The figure file {@code name} (with its extension: png, svg or pdf) in {@link #figuresDir()}. */
    public Path figure(String name) {
        return figuresDir.resolve(name);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s mode, %s: %s; %d calibration images %s, %d test images, figures in %s",
                mode, setup, source, calibration.size(0), Arrays.toString(Arrays.copyOfRange(calibration.shape(), 1, 4)),
                test.size(), shown(figuresDir));
    }

    /** How outputs name {@code path}: relative to the repository, never with the machine's folders ({@link LabPaths#shown}). */
    public String shown(Path path) {
        return paths.shown(path);
    }
}
