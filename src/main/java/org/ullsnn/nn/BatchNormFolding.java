package org.ullsnn.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Folds an inference-mode batch norm into the weight layer before it:
 * <pre>
 * BN(z) = gamma (z - mean) / sqrt(var + eps) + beta,   z = W x + b
 * s = gamma / sqrt(var + eps)       (per output channel)
 * W' = s * W  (row of output channel o scaled by s_o),   b' = s (b - mean) + beta
 * </pre>
 * Handles both of DL4J's variance parameterisations (variance, or log10 of the standard deviation) and
 * locked gamma/beta.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {
    }

    /** Folded weights and bias. */
    public record Folded(INDArray weights, INDArray bias) {
    }

    /**
     * @param weights convolution weights {@code [out, in, kh, kw]} or dense weights {@code [in, out]}
     * @param bias    bias {@code [1, out]}, or {@code null} when the layer has none
     * @param bn      the runtime batch-norm layer
     * @return new arrays; the inputs are not modified
     */
    public static Folded fold(INDArray weights, INDArray bias, Layer bn) {
        BatchNormalization conf = (BatchNormalization) bn.getConfig();
        long out = weights.rank() == 4 ? weights.size(0) : weights.size(1);
        DataType dt = weights.dataType();
        INDArray mean = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).castTo(dt).reshape(out);
        INDArray var;
        if (conf.isUseLogStd()) {
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(new long[] {out}, 10.0, dt),
                    bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).castTo(dt).reshape(out));
            var = std.mul(std);
        } else {
            var = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).castTo(dt).reshape(out);
        }
        INDArray gamma;
        INDArray beta;
        if (conf.isLockGammaBeta()) {
            gamma = Nd4j.valueArrayOf(new long[] {out}, conf.getGamma(), dt);
            beta = Nd4j.valueArrayOf(new long[] {out}, conf.getBeta(), dt);
        } else {
            gamma = bn.getParam(BatchNormalizationParamInitializer.GAMMA).castTo(dt).reshape(out);
            beta = bn.getParam(BatchNormalizationParamInitializer.BETA).castTo(dt).reshape(out);
        }
        INDArray scale = gamma.div(Transforms.sqrt(var.add(conf.getEps())));
        INDArray w = scaleOutputs(weights, scale);
        INDArray b = bias == null ? Nd4j.zeros(dt, 1, out) : bias.castTo(dt).reshape(1, out);
        INDArray foldedBias = b.sub(mean.reshape(1, out)).muli(scale.reshape(1, out)).addi(beta.reshape(1, out));
        return new Folded(w, foldedBias);
    }

    /** {@code weights} with output channel {@code o} multiplied by {@code scale[o]}. */
    static INDArray scaleOutputs(INDArray weights, INDArray scale) {
        if (weights.rank() == 4) {
            long out = weights.size(0);
            INDArray flat = weights.dup('c').reshape('c', out, weights.length() / out);
            flat.muliColumnVector(scale.reshape(out, 1));
            return flat.reshape('c', weights.shape());
        }
        INDArray w = weights.dup('c');
        w.muliRowVector(scale.reshape(1, weights.size(1)));
        return w;
    }
}
