package org.ullsnn.nn.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link ClipReLULayer}: {@code a = clip(z, 0, mu)} element-wise, with the hand-written
 * gradients {@code dL/dz = eps * 1[0 < z < mu]} and {@code dL/dmu = sum(eps * 1[z >= mu])}.
 * Shapes are preserved, so it follows convolutional and dense layers alike.
 */
public class ClipReLU extends BaseLayer<ClipReLULayer> {

    public ClipReLU(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The current clip value {@code mu}. */
    public double mu() {
        return getParam(ClipReLUParamInitializer.MU_KEY).getDouble(0);
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        // two legacy scalar ops straight into the output, no copy (ND4J's clipbyvalue custom op was slower)
        Nd4j.exec(new ScalarMax(input.castTo(dataType), null, out, 0.0));
        Nd4j.exec(new ScalarMin(out, null, out, mu()));
        return out;
    }

    /**
     * One pass over z and eps writes {@code dL/dz} and sums {@code dL/dmu}. ND4J 1.0.0-M2.1 has no op for the
     * two-sided indicator with a FLOAT output (its comparisons make BOOL arrays that must be cast), so the
     * vectorised form took ten passes and seven full-size temporaries; this loop takes one and none.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray z = dense(input);
        INDArray eps = dense(epsilon);
        INDArray dz = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, z.shape(), 'c');
        double dMu = dataType == DataType.DOUBLE ? backwardDouble(z, eps, dz, mu()) : backwardFloat(z, eps, dz, mu());
        INDArray muGrad = gradientViews.get(ClipReLUParamInitializer.MU_KEY);
        muGrad.assign(dMu);
        dz = backpropDropOutIfPresent(dz);

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(ClipReLUParamInitializer.MU_KEY, muGrad);
        return new Pair<>(gradient, dz);
    }

    /** {@code x} in this layer's type, c-order, dense and starting at its buffer's first element. */
    private INDArray dense(INDArray x) {
        INDArray typed = x.castTo(dataType);
        boolean contiguous = typed.ordering() == 'c' && !typed.isView() && typed.offset() == 0
                && typed.elementWiseStride() == 1;
        return contiguous ? typed : typed.dup('c');
    }

    /** Below this many elements one thread does the whole pass. */
    private static final int PARALLEL_MIN = 1 << 16;

    private static double backwardFloat(INDArray z, INDArray eps, INDArray dz, double mu) {
        FloatBuffer zs = z.data().asNioFloat();
        FloatBuffer es = eps.data().asNioFloat();
        FloatBuffer out = dz.data().asNioFloat();
        float m = (float) mu;
        return chunked((int) z.length(), (from, to) -> {
            double dMu = 0;
            for (int i = from; i < to; i++) {
                float zi = zs.get(i);
                float ei = es.get(i);
                // branch-free (conditional moves): the signs of z are as good as random, so branches mispredict
                dMu += zi >= m ? ei : 0f;
                out.put(i, (zi > 0f) & (zi < m) ? ei : 0f);
            }
            return dMu;
        });
    }

    private static double backwardDouble(INDArray z, INDArray eps, INDArray dz, double mu) {
        DoubleBuffer zs = z.data().asNioDouble();
        DoubleBuffer es = eps.data().asNioDouble();
        DoubleBuffer out = dz.data().asNioDouble();
        return chunked((int) z.length(), (from, to) -> {
            double dMu = 0;
            for (int i = from; i < to; i++) {
                double zi = zs.get(i);
                double ei = es.get(i);
                dMu += zi >= mu ? ei : 0.0;
                out.put(i, (zi > 0.0) & (zi < mu) ? ei : 0.0);
            }
            return dMu;
        });
    }

    /** A pass over {@code [from, to)} that returns its share of {@code dL/dmu}. */
    @FunctionalInterface
    private interface RangePass {
        double run(int from, int to);
    }

    /** Runs {@code pass} over {@code [0, n)} in one chunk per core (one chunk when small) and sums the shares. */
    private static double chunked(int n, RangePass pass) {
        int chunks = n < PARALLEL_MIN ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), n / (PARALLEL_MIN / 2));
        if (chunks <= 1) {
            return pass.run(0, n);
        }
        return java.util.stream.IntStream.range(0, chunks).parallel()
                .mapToDouble(c -> pass.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)))
                .sum();
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }
}
