package org.ullsnn.lab;

import java.util.Locale;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.ImageShape;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.experiment.TrainRunConfig;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.train.TrainConfig;

/**
 * Which experiment a notebook loads: the data set and network of its trained run in full mode, and the smaller
 * stand-in it trains in seconds in smoke mode ({@link LabInputs#load(LabSetup, int,
 * org.ullsnn.progress.ProgressListener)}).
 * <table>
 *   <caption>the setups</caption>
 *   <tr><th>setup</th><th>full mode: shipped model or run (trained elsewhere)</th><th>smoke mode: stand-in</th></tr>
 *   <tr><td>{@link #VGG16_CIFAR10}</td><td>{@code c10-vgg16-w0.25-clip-bn}</td>
 *       <td>the tiny VGG on synthetic 3x8x8 images, 4 classes</td></tr>
 *   <tr><td>{@link #VGG16_CIFAR100}</td><td>{@code c100-vgg16-w0.25-clip-bn}</td>
 *       <td>the tiny VGG on synthetic 3x8x8 images, 10 classes</td></tr>
 *   <tr><td>{@link #RESNET20_CIFAR10}</td><td>{@code c10-resnet20-w0.25-clip-bn}</td>
 *       <td>ResNet-20 at width 1/16 with BN (residual blocks and all) on synthetic 3x16x16 images, 4 classes</td></tr>
 *   <tr><td>{@link #VGG16_CIFAR10_L2}</td><td>{@code c10-vgg16-w0.25-clip-bn-l2} (quantisation-aware, 2 levels)</td>
 *       <td>the tiny VGG with 2 activation levels on synthetic 3x8x8 images, 4 classes</td></tr>
 * </table>
 * Every run is width 0.25 with ClipReLU and BN. Full mode uses the shipped model {@code models/<run>} when the
 * repository has it, else the run {@code runs/<run>}; when both are absent, it trains {@code <run>-quick} once
 * ({@link #quickConfig()}: {@value #QUICK_EPOCHS} epochs on the first {@value #QUICK_TRAIN_PER_CLASS} CIFAR-10 or
 * {@value #QUICK_TRAIN_PER_CLASS_CIFAR100} CIFAR-100 training images per class) and reuses it afterwards.
 */
public enum LabSetup {
    /** VGG-16, width 0.25, CIFAR-10: the CPU-scale reproduction most notebooks use. */
    VGG16_CIFAR10(CifarDataset.CIFAR10, Architecture.VGG16, Architecture.TINY, 1.0, 4, new ImageShape(3, 8, 8), 0),
    /** VGG-16, width 0.25, CIFAR-100 (fine labels): the paper's headline data set. */
    VGG16_CIFAR100(CifarDataset.CIFAR100, Architecture.VGG16, Architecture.TINY, 1.0, 10, new ImageShape(3, 8, 8), 0),
    /** The authors' ResNet-20, width 0.25, CIFAR-10: residual blocks in the SNN. */
    RESNET20_CIFAR10(CifarDataset.CIFAR10, Architecture.RESNET20, Architecture.RESNET20, 1.0 / 16, 4,
            new ImageShape(3, 16, 16), 0),
    /**
     * VGG-16, width 0.25, CIFAR-10, quantisation-aware with 2 activation levels ({@code train --activation-levels
     * 2}): its ClipReLUs output what IF neurons count in T = 2 steps.
     */
    VGG16_CIFAR10_L2(CifarDataset.CIFAR10, Architecture.VGG16, Architecture.TINY, 1.0, 4, new ImageShape(3, 8, 8), 2);

    /** Width multiplier of every full-mode network. */
    public static final double WIDTH = 0.25;
    static final int QUICK_EPOCHS = 4;
    static final int QUICK_TRAIN_PER_CLASS = 1000;
    static final int QUICK_TRAIN_PER_CLASS_CIFAR100 = 200;

    private final CifarDataset dataset;
    private final Architecture architecture;
    private final Architecture smokeArchitecture;
    private final double smokeWidth;
    private final int smokeClasses;
    private final ImageShape smokeShape;
    private final int activationLevels;

    LabSetup(CifarDataset dataset, Architecture architecture, Architecture smokeArchitecture, double smokeWidth,
            int smokeClasses, ImageShape smokeShape, int activationLevels) {
        this.dataset = dataset;
        this.architecture = architecture;
        this.smokeArchitecture = smokeArchitecture;
        this.smokeWidth = smokeWidth;
        this.smokeClasses = smokeClasses;
        this.smokeShape = smokeShape;
        this.activationLevels = activationLevels;
    }

    /** The data set of the full-mode run. */
    public CifarDataset dataset() {
        return dataset;
    }

    /** The architecture of the full-mode run. */
    public Architecture architecture() {
        return architecture;
    }

    /** The activation levels of its ClipReLUs ({@code train --activation-levels}), 0 for the continuous clip. */
    public int activationLevels() {
        return activationLevels;
    }

    /**
     * The full-mode run's folder name, e.g. {@code c100-vgg16-w0.25-clip-bn}, with {@code -l<L>} for a
     * quantisation-aware one ({@code c10-vgg16-w0.25-clip-bn-l2}).
     */
    public String run() {
        String data = dataset == CifarDataset.CIFAR10 ? "c10" : "c100";
        String levels = activationLevels > 0 ? "-l" + activationLevels : "";
        return String.format(Locale.ROOT, "%s-%s-w%s-clip-bn%s", data, architecture.cliName(), WIDTH, levels);
    }

    /**
     * The shipped model full mode uses first, {@code models/<name>} (the same name as {@link #run()}, e.g.
     * {@code c10-vgg16-w0.25-clip-bn}): a fresh clone needs no training.
     */
    public String model() {
        return run();
    }

    /** The run trained on first use when neither {@link #model()} nor {@link #run()} is there. */
    public String quickRun() {
        return run() + "-quick";
    }

    /** The quick run's settings: the CPU preset (width 0.25, conv dropout 0.1) with BN, short and on part of the data. */
    public TrainRunConfig quickConfig() {
        NetworkSpec net = NetworkSpec.cpuPreset(dataset.classes(LabelLevel.FINE)).withArchitecture(architecture)
                .withBatchNorm(true).withActivationLevels(activationLevels);
        int perClass = dataset == CifarDataset.CIFAR10 ? QUICK_TRAIN_PER_CLASS : QUICK_TRAIN_PER_CLASS_CIFAR100;
        return new TrainRunConfig(quickRun(), dataset, LabelLevel.FINE, net,
                TrainConfig.cpuPreset().withEpochs(QUICK_EPOCHS), perClass, 0, true);
    }

    /** Smoke mode's network: small enough to train in seconds, the same kind of layers as the full one. */
    NetworkSpec smokeSpec() {
        return NetworkSpec.defaults(smokeArchitecture, smokeClasses).withInput(smokeShape.channels(), smokeShape.height())
                .withWidth(smokeWidth).withBatchNorm(smokeArchitecture == Architecture.RESNET20)
                .withConvDropout(0).withFcDropout(0).withInitialMu(2.0).withActivationLevels(activationLevels);
    }

    /** Smoke mode's synthetic image shape. */
    ImageShape smokeShape() {
        return smokeShape;
    }

    /**
     * Smoke mode's learning rate: 0.05 for the tiny VGG; 0.01 for the BN ResNet stand-in, which diverges at 0.05
     * (Nesterov momentum 0.95, batch 16).
     */
    double smokeLearningRate() {
        return smokeArchitecture == Architecture.RESNET20 ? 0.01 : 0.05;
    }

    /** Smoke mode's number of synthetic classes. */
    int smokeClasses() {
        return smokeClasses;
    }
}
