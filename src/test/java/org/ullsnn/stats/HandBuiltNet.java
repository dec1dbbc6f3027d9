package org.ullsnn.stats;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.ullsnn.nn.layers.ClipReLULayer;

/**
 * A tiny graph with known weights, so every pre-activation is known exactly:
 * {@code input [N,1,2,2] -> fc (4->3) -> act (ClipReLU, mu = 1) -> drop (p = 0.5) -> fc2 (3->2) -> relu -> out}.
 * Inputs, weights and biases are multiples of 1/4, so float arithmetic is exact and some z are exactly 0 or
 * exactly mu.
 */
final class HandBuiltNet {

    static final double MU = 1.0;
    /** W1 [4, 3], b1 [3]. */
    static final double[][] W1 = {{0.5, -0.25, 1}, {0.25, 0.5, -0.5}, {-0.5, 0.25, 0.25}, {1, 0, -0.25}};
    static final double[] B1 = {0.25, 0, -0.25};
    /** W2 [3, 2], b2 [2]. */
    static final double[][] W2 = {{1, -0.5}, {-0.75, 0.5}, {0.5, 0.25}};
    static final double[] B2 = {-0.25, 0.5};

    private HandBuiltNet() {
    }

    static ComputationGraph build() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).updater(new NoOp())
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(2, 2, 1))
                .addLayer("fc", new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build(), "input")
                .addLayer("act", new ClipReLULayer.Builder().initialMu(MU).build(), "fc")
                .addLayer("drop", new DropoutLayer.Builder(0.5).build(), "act")
                .addLayer("fc2", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "drop")
                .addLayer("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "fc2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "relu")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        net.getLayer("fc").setParam("W", Nd4j.create(W1).castTo(DataType.FLOAT));
        net.getLayer("fc").setParam("b", Nd4j.create(B1, 1, 3).castTo(DataType.FLOAT));
        net.getLayer("fc2").setParam("W", Nd4j.create(W2).castTo(DataType.FLOAT));
        net.getLayer("fc2").setParam("b", Nd4j.create(B2, 1, 2).castTo(DataType.FLOAT));
        return net;
    }

    /**
     * {@code n >= 2} images [n, 1, 2, 2] with pixels in {-1, -0.5, ..., 1.5}; image 0 is all zeros
     * ({@code z = b1}, so one {@code z} is exactly 0) and image 1 is {@code (1.5, 0, 0, 0)} (its first
     * {@code z} is exactly {@code mu = 1}).
     */
    static double[][] pixels(int n) {
        double[][] x = new double[n][4];
        x[1][0] = 1.5;
        for (int i = 2; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = (((i * 7 + j * 3) % 6) - 2) * 0.5;
            }
        }
        return x;
    }

    static INDArray images(double[][] pixels) {
        return Nd4j.create(pixels).castTo(DataType.FLOAT).reshape(pixels.length, 1, 2, 2);
    }

    /** z of {@code fc} for every image, image-major: [n * 3]. */
    static double[] z1(double[][] x) {
        double[] z = new double[x.length * 3];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < 3; o++) {
                double s = B1[o];
                for (int j = 0; j < 4; j++) {
                    s += x[i][j] * W1[j][o];
                }
                z[i * 3 + o] = s;
            }
        }
        return z;
    }

    /** z of {@code fc2}: [n * 2], from {@code a = clip(z1, 0, mu)} without dropout. */
    static double[] z2(double[][] x) {
        double[] z1 = z1(x);
        double[] z = new double[x.length * 2];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < 2; o++) {
                double s = B2[o];
                for (int j = 0; j < 3; j++) {
                    s += Math.min(Math.max(z1[i * 3 + j], 0), MU) * W2[j][o];
                }
                z[i * 2 + o] = s;
            }
        }
        return z;
    }
}
