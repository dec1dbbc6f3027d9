package org.ullsnn.nn;

/**
 * What network to build: architecture, head, width and the choices of METHOD.md §1-2 that change
 * training. A record that checks itself; start from {@link #defaults(Architecture, int)} and change
 * fields with the withers.
 *
 * @param architecture   the family
 * @param numClasses     output classes, {@code >= 2}
 * @param width          multiplier on every conv/FC width ({@code round(c * width)}, at least 1), in (0, 4]
 * @param activation     ReLU or ClipReLU after every hidden layer
 * @param batchNorm      batch norm after every convolution (before the activation); off in the paper
 * @param convDropout    drop probability after conv activations, in [0, 1); METHOD.md: 0.3, CPU preset 0.1
 * @param fcDropout      drop probability after hidden FC activations, in [0, 1); METHOD.md: 0.5
 * @param initialMu      starting clip value of every ClipReLU (paper: 4.0)
 * @param bias           whether conv/dense layers have biases (the authors' code has none)
 * @param denseInit      dense weight initialisation
 * @param inputChannels  image channels (3 for CIFAR)
 * @param inputSize      image height = width (32 for CIFAR; VGGs and ResNet-20 need a multiple of 16)
 * @param activationLevels ClipReLU only: quantise every activation to this many steps of {@code mu / L}
 *                       (quantisation-aware training for conversion at {@code T = L}, {@link
 *                       org.ullsnn.nn.layers.ClipReLULayer}); 0, the default, keeps it continuous
 */
public record NetworkSpec(
        Architecture architecture,
        int numClasses,
        double width,
        ActivationKind activation,
        boolean batchNorm,
        double convDropout,
        double fcDropout,
        double initialMu,
        boolean bias,
        DenseInit denseInit,
        int inputChannels,
        int inputSize,
        int activationLevels) {

    public NetworkSpec {
        if (architecture == null || activation == null || denseInit == null) {
            throw new IllegalArgumentException("architecture, activation and denseInit must be set");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
        if (!(width > 0 && width <= 4)) {
            throw new IllegalArgumentException("width must be in (0, 4], got " + width);
        }
        checkDropProbability("convDropout", convDropout);
        checkDropProbability("fcDropout", fcDropout);
        if (!(initialMu > 0) || !Double.isFinite(initialMu)) {
            throw new IllegalArgumentException("initialMu must be finite and > 0, got " + initialMu);
        }
        if (activationLevels < 0) {
            throw new IllegalArgumentException("activationLevels must be >= 0 (0: continuous), got "
                    + activationLevels);
        }
        if (activationLevels > 0 && activation != ActivationKind.CLIP_RELU) {
            throw new IllegalArgumentException("quantised activations (levels " + activationLevels
                    + ") need clip-relu, got " + activation.cliName());
        }
        if (inputChannels < 1) {
            throw new IllegalArgumentException("inputChannels must be >= 1, got " + inputChannels);
        }
        int pools = architecture == Architecture.TINY ? 4 : 16;
        if (inputSize < pools || inputSize % pools != 0) {
            throw new IllegalArgumentException(architecture.cliName() + " needs an input size that is a multiple of "
                    + pools + ", got " + inputSize);
        }
    }

    private static void checkDropProbability(String name, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(name + " is a drop probability and must be in [0, 1), got " + p);
        }
    }

    /**
     * METHOD.md's defaults for CIFAR (32x32x3): width 1, ClipReLU with mu = 4, no BN, conv dropout 0.3,
     * FC dropout 0.5, no biases, dense init N(0, 0.01).
     */
    public static NetworkSpec defaults(Architecture architecture, int numClasses) {
        return new NetworkSpec(architecture, numClasses, 1.0, ActivationKind.CLIP_RELU, false, 0.3, 0.5,
                4.0, false, DenseInit.NORMAL_001, 3, 32, 0);
    }

    /** METHOD.md's CPU preset: VGG-16 at width 0.25 with conv dropout 0.1. */
    public static NetworkSpec cpuPreset(int numClasses) {
        return defaults(Architecture.VGG16, numClasses).withWidth(0.25).withConvDropout(0.1);
    }

    /** The number of channels/units a layer of nominal size {@code c} gets at this width. */
    public int scaled(int c) {
        return Math.max(1, (int) Math.round(c * width));
    }

    public NetworkSpec withArchitecture(Architecture a) {
        return new NetworkSpec(a, numClasses, width, activation, batchNorm, convDropout, fcDropout,
                initialMu, bias, denseInit, inputChannels, inputSize, activationLevels);
    }

    public NetworkSpec withWidth(double w) {
        return new NetworkSpec(architecture, numClasses, w, activation, batchNorm, convDropout, fcDropout,
                initialMu, bias, denseInit, inputChannels, inputSize, activationLevels);
    }

    public NetworkSpec withActivation(ActivationKind a) {
        return new NetworkSpec(architecture, numClasses, width, a, batchNorm, convDropout, fcDropout,
                initialMu, bias, denseInit, inputChannels, inputSize, activationLevels);
    }

    public NetworkSpec withBatchNorm(boolean bn) {
        return new NetworkSpec(architecture, numClasses, width, activation, bn, convDropout, fcDropout,
                initialMu, bias, denseInit, inputChannels, inputSize, activationLevels);
    }

    public NetworkSpec withConvDropout(double p) {
        return new NetworkSpec(architecture, numClasses, width, activation, batchNorm, p, fcDropout,
                initialMu, bias, denseInit, inputChannels, inputSize, activationLevels);
    }

    public NetworkSpec withFcDropout(double p) {
        return new NetworkSpec(architecture, numClasses, width, activation, batchNorm, convDropout, p,
                initialMu, bias, denseInit, inputChannels, inputSize, activationLevels);
    }

    public NetworkSpec withInitialMu(double mu) {
        return new NetworkSpec(architecture, numClasses, width, activation, batchNorm, convDropout, fcDropout,
                mu, bias, denseInit, inputChannels, inputSize, activationLevels);
    }

    public NetworkSpec withBias(boolean b) {
        return new NetworkSpec(architecture, numClasses, width, activation, batchNorm, convDropout, fcDropout,
                initialMu, b, denseInit, inputChannels, inputSize, activationLevels);
    }

    public NetworkSpec withDenseInit(DenseInit init) {
        return new NetworkSpec(architecture, numClasses, width, activation, batchNorm, convDropout, fcDropout,
                initialMu, bias, init, inputChannels, inputSize, activationLevels);
    }

    public NetworkSpec withInput(int channels, int size) {
        return new NetworkSpec(architecture, numClasses, width, activation, batchNorm, convDropout, fcDropout,
                initialMu, bias, denseInit, channels, size, activationLevels);
    }

    /** Quantise every ClipReLU's output to {@code levels} steps (0: continuous). */
    public NetworkSpec withActivationLevels(int levels) {
        return new NetworkSpec(architecture, numClasses, width, activation, batchNorm, convDropout, fcDropout,
                initialMu, bias, denseInit, inputChannels, inputSize, levels);
    }
}
