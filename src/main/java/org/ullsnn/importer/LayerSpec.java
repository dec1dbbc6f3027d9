package org.ullsnn.importer;

/**
 * One layer of an imported network, between the ONNX operators it came from and the DL4J layer it becomes.
 * Weights are already in DL4J's layout.
 */
sealed interface LayerSpec {

    /** A 2-D convolution, no activation: weight {@code [out, in, kH, kW]}, bias {@code [out]} or null. */
    record Conv(Tensor weight, Tensor bias, int[] kernel, int[] stride, int[] padding) implements LayerSpec {
        int outChannels() {
            return (int) weight.shape()[0];
        }

        Conv withBias(Tensor b) {
            return new Conv(weight, b, kernel, stride, padding);
        }
    }

    /** A fully connected layer, no activation: weight {@code [in, out]}, bias {@code [out]} or null. */
    record Dense(Tensor weight, Tensor bias) implements LayerSpec {
        int outputs() {
            return (int) weight.shape()[1];
        }

        Dense withBias(Tensor b) {
            return new Dense(weight, b);
        }
    }

    /** Inference batch norm {@code (x - mean) / sqrt(var + eps) * gamma + beta}, per channel. */
    record BatchNorm(Tensor gamma, Tensor beta, Tensor mean, Tensor var, double eps) implements LayerSpec {
    }

    /** ReLU ({@code mu} infinite) or ClipReLU {@code min(max(x, 0), mu)}. */
    record Activation(double mu) implements LayerSpec {
        static final Activation RELU = new Activation(Double.POSITIVE_INFINITY);

        boolean isClip() {
            return Double.isFinite(mu);
        }
    }

    /** Max pooling. */
    record MaxPool(int[] kernel, int[] stride, int[] padding) implements LayerSpec {
    }

    /** Element-wise sum of two branches (a residual connection). */
    record Add() implements LayerSpec {
    }
}
