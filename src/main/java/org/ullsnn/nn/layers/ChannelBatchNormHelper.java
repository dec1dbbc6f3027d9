package org.ullsnn.nn.layers;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm of FLOAT, NCHW activations in two memory passes each way, as a DL4J {@link BatchNormalizationHelper}.
 *
 * <p>Forward (training): one pass sums {@code x} and {@code x^2} per channel (in double), one writes
 * {@code y = a_c x + k_c} with {@code a_c = gamma_c / sqrt(var_c + eps)}, {@code k_c = beta_c - mean_c a_c}, where mean
 * and var are the batch's (var biased, as DL4J's own path and its oneDNN helper use). Inference: the second pass
 * only, with the running mean and var DL4J hands in. Backward: one pass sums {@code dy} and {@code x dy} per channel,
 * one writes {@code dx = a_c dy + b_c x + c_c}, the closed form of
 * {@code dx = gamma / sigma (dy - mean(dy) - xhat mean(dy xhat))} with {@code dgamma = sum(dy xhat)},
 * {@code dbeta = sum(dy)}.
 *
 * <p>Why not DL4J's {@code MKLDNNBatchNormHelper}: it computes the batch statistics with two ND4J reductions over
 * the non-contiguous axes {0, 2, 3} and its backward goes through libnd4j's {@code batchnorm_bp}; on 2 cores, for a
 * [120, 16, 32, 32] batch, its backward took 75 ms where these passes take 10 ms, and batch norm was about a third
 * of a VGG-16 training step. The running statistics are updated by DL4J from {@link #getMeanCache} and
 * {@link #getVarCache}, as for its own helpers. {@code OneDnnHelpers} gives this helper only to FLOAT NCHW layers
 * whose gamma and beta are trained.
 */
public final class ChannelBatchNormHelper implements BatchNormalizationHelper {

    private INDArray meanCache;
    private INDArray varCache;

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray mean,
            INDArray var, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        Layout in = Layout.of(x, format, gamma, beta);
        INDArray input = ParallelPasses.dense(x, DataType.FLOAT);
        double[] batchMean;
        double[] batchVar;
        if (training) {
            double[][] sums = channelSums(in, input.data().asNioFloat(), null);
            batchMean = new double[in.channels];
            batchVar = new double[in.channels];
            for (int c = 0; c < in.channels; c++) {
                batchMean[c] = sums[0][c] / in.perChannel();
                batchVar[c] = Math.max(0, sums[1][c] / in.perChannel() - batchMean[c] * batchMean[c]);
            }
            storeCaches(batchMean, batchVar);
        } else {
            batchMean = mean.toDoubleVector();
            batchVar = var.toDoubleVector();
        }
        double[] g = gamma.toDoubleVector();
        double[] b = beta.toDoubleVector();
        float[] scale = new float[in.channels];
        float[] shift = new float[in.channels];
        for (int c = 0; c < in.channels; c++) {
            double a = g[c] / Math.sqrt(batchVar[c] + eps);
            scale[c] = (float) a;
            shift[c] = (float) (b[c] - batchMean[c] * a);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        affine(in, scale, input.data().asNioFloat(), null, null, shift, out.data().asNioFloat());
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
            INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        Layout in = Layout.of(input, format, gamma, beta);
        if (meanCache == null || meanCache.length() != in.channels) {
            throw new IllegalStateException("batch-norm backward before a training forward pass");
        }
        FloatBuffer x = ParallelPasses.dense(input, DataType.FLOAT).data().asNioFloat();
        FloatBuffer dy = ParallelPasses.dense(epsilon, DataType.FLOAT).data().asNioFloat();
        double[][] sums = channelSums(in, dy, x); // sum dy, sum x dy
        double[] mean = meanCache.toDoubleVector();
        double[] var = varCache.toDoubleVector();
        double[] g = gamma.toDoubleVector();
        double m = in.perChannel();
        double[] dGamma = new double[in.channels];
        double[] dBeta = sums[0];
        float[] onDy = new float[in.channels];
        float[] onX = new float[in.channels];
        float[] constant = new float[in.channels];
        for (int c = 0; c < in.channels; c++) {
            double sigma = Math.sqrt(var[c] + eps);
            dGamma[c] = (sums[1][c] - mean[c] * dBeta[c]) / sigma;
            double a = g[c] / sigma;
            onDy[c] = (float) a;
            onX[c] = (float) (-a * dGamma[c] / (m * sigma));
            constant[c] = (float) (a * (dGamma[c] * mean[c] / (m * sigma) - dBeta[c] / m));
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        affine(in, onDy, dy, onX, x, constant, dx.data().asNioFloat());

        dGammaView.assign(Nd4j.createFromArray(dGamma).castTo(dGammaView.dataType()).reshape(dGammaView.shape()));
        dBetaView.assign(Nd4j.createFromArray(dBeta).castTo(dBetaView.dataType()).reshape(dBetaView.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }

    /** The batch statistics DL4J reads back to update its running mean and variance, kept out of any workspace. */
    private void storeCaches(double[] mean, double[] var) {
        if (meanCache == null || meanCache.length() != mean.length) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.create(DataType.FLOAT, mean.length);
                varCache = Nd4j.create(DataType.FLOAT, var.length);
            }
        }
        meanCache.assign(Nd4j.createFromArray(mean).castTo(DataType.FLOAT));
        varCache.assign(Nd4j.createFromArray(var).castTo(DataType.FLOAT));
    }

    /**
     * Per channel, {@code sum u} and {@code sum u v} over the batch and the positions (with {@code v == null}:
     * {@code sum u} and {@code sum u^2}), accumulated in double.
     */
    private static double[][] channelSums(Layout in, FloatBuffer u, FloatBuffer v) {
        List<double[][]> parts = ParallelPasses.run(in.rows(), in.positions, (from, to) -> {
            double[] first = new double[in.channels];
            double[] second = new double[in.channels];
            for (int row = from; row < to; row++) {
                int start = row * in.positions;
                double s = 0;
                double p = 0;
                for (int i = start; i < start + in.positions; i++) {
                    double ui = u.get(i);
                    s += ui;
                    p += ui * (v == null ? ui : v.get(i));
                }
                first[row % in.channels] += s;
                second[row % in.channels] += p;
            }
            return new double[][] {first, second};
        });
        double[][] total = new double[2][in.channels];
        for (double[][] part : parts) {
            for (int c = 0; c < in.channels; c++) {
                total[0][c] += part[0][c];
                total[1][c] += part[1][c];
            }
        }
        return total;
    }

    /** {@code out = p_c u + q_c v + k_c} per channel ({@code v == null}: without the second term). */
    private static void affine(Layout in, float[] p, FloatBuffer u, float[] q, FloatBuffer v, float[] k,
            FloatBuffer out) {
        ParallelPasses.forEach(in.rows(), in.positions, (from, to) -> {
            for (int row = from; row < to; row++) {
                int c = row % in.channels;
                float pc = p[c];
                float kc = k[c];
                int start = row * in.positions;
                int end = start + in.positions;
                if (v == null) {
                    for (int i = start; i < end; i++) {
                        out.put(i, pc * u.get(i) + kc);
                    }
                } else {
                    float qc = q[c];
                    for (int i = start; i < end; i++) {
                        out.put(i, pc * u.get(i) + qc * v.get(i) + kc);
                    }
                }
            }
        });
    }

    /** An NCHW batch as rows of {@code positions} values, one row per (image, channel). */
    private record Layout(int images, int channels, int positions) {

        static Layout of(INDArray x, CNN2DFormat format, INDArray gamma, INDArray beta) {
            if (x.rank() != 4 || format != CNN2DFormat.NCHW || gamma == null || beta == null) {
                throw new IllegalArgumentException("this batch-norm helper takes NCHW rank-4 input with trained gamma "
                        + "and beta; got rank " + x.rank() + ", " + format + (gamma == null ? ", fixed gamma" : ""));
            }
            long positions = x.size(2) * x.size(3);
            if (x.length() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("batch too large for one pass: " + x.length() + " values");
            }
            return new Layout((int) x.size(0), (int) x.size(1), (int) positions);
        }

        int rows() {
            return images * channels;
        }

        double perChannel() {
            return (double) images * positions;
        }
    }
}
