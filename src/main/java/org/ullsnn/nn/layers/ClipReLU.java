package org.ullsnn.nn.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.function.IntToDoubleFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.same.Floor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link ClipReLULayer}: {@code a = clip(z, 0, mu)} element-wise, with the hand-written
 * gradients {@code dL/dz = eps * 1[0 < z < mu]} and {@code dL/dmu = sum(eps * 1[z >= mu])}; with
 * {@code levels = L > 0}, {@code a} rounded to a multiple of {@code mu / L} and {@code dL/dmu} gains
 * {@code sum(eps * (a - clip(z, 0, mu))) / mu} (zero outside {@code 0 < z < mu}).
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

    /** The number of quantisation steps of the output, or 0 for the continuous clip. */
    public int levels() {
        return layerConf().getLevels();
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
        if (levels() > 0) {
            quantiseInPlace(out, mu(), levels());
        }
        return out;
    }

    /** {@code c <- (mu / L) floor(c L / mu + 1/2)} for {@code c} in {@code [0, mu]}: stays in {@code [0, mu]}. */
    private static void quantiseInPlace(INDArray c, double mu, int levels) {
        Nd4j.exec(new ScalarMultiplication(c, null, c, levels / mu));
        Nd4j.exec(new ScalarAdd(c, null, c, 0.5));
        Nd4j.exec(new Floor(c, c));
        Nd4j.exec(new ScalarMultiplication(c, null, c, mu / levels));
    }

    /**
     * One pass over z and eps writes {@code dL/dz} and sums {@code dL/dmu}. ND4J 1.0.0-M2.1 has no op for the
     * two-sided indicator with a FLOAT output (its comparisons make BOOL arrays that must be cast), so the
     * vectorised form took ten passes and seven full-size temporaries; this loop takes one and none.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray z = ParallelPasses.dense(input, dataType);
        INDArray eps = ParallelPasses.dense(epsilon, dataType);
        INDArray dz = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, z.shape(), 'c');
        double dMu = levels() > 0 ? backwardQuantised(z, eps, dz, mu(), levels())
                : dataType == DataType.DOUBLE ? backwardDouble(z, eps, dz, mu()) : backwardFloat(z, eps, dz, mu());
        INDArray muGrad = gradientViews.get(ClipReLUParamInitializer.MU_KEY);
        muGrad.assign(dMu);
        dz = backpropDropOutIfPresent(dz);

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(ClipReLUParamInitializer.MU_KEY, muGrad);
        return new Pair<>(gradient, dz);
    }

    /**
     * The float pass without a branch, in integer arithmetic on the IEEE bits: for {@code mu > 0}, {@code 0 < z < mu}
     * holds exactly when {@code 0 < bits(z) < bits(mu)} as signed ints, so shifts give all-ones/all-zero masks that
     * pick {@code eps}. The signs of z are as good as random, so branches (or selects C2 compiles to branches)
     * mispredicted: 7.0 -> 1.65 ns per element on one core, same results (a NaN z counts as above mu). The sum for
     * {@code dL/dmu} runs in four float lanes per block of 1,024 elements and in double across blocks.
     */
    private static double backwardFloat(INDArray z, INDArray eps, INDArray dz, double mu) {
        FloatBuffer zs = z.data().asNioFloat();
        FloatBuffer es = eps.data().asNioFloat();
        FloatBuffer out = dz.data().asNioFloat();
        int muBits = Float.floatToRawIntBits((float) mu);
        return ParallelPasses.sum((int) z.length(), 1, (from, to) -> {
            double dMu = 0;
            for (int block = from; block < to; block += SUM_BLOCK) {
                int end = Math.min(to, block + SUM_BLOCK);
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                int i = block;
                for (; i + 3 < end; i += 4) {
                    s0 += step(zs, es, out, i, muBits);
                    s1 += step(zs, es, out, i + 1, muBits);
                    s2 += step(zs, es, out, i + 2, muBits);
                    s3 += step(zs, es, out, i + 3, muBits);
                }
                for (; i < end; i++) {
                    s0 += step(zs, es, out, i, muBits);
                }
                dMu += (double) s0 + s1 + s2 + s3;
            }
            return dMu;
        });
    }

    /** Elements per block of the float {@code dL/dmu} lanes. */
    private static final int SUM_BLOCK = 1024;

    /** Writes {@code dL/dz} of element {@code i} and returns its share of {@code dL/dmu}. */
    private static float step(FloatBuffer zs, FloatBuffer es, FloatBuffer out, int i, int muBits) {
        int zBits = Float.floatToRawIntBits(zs.get(i));
        int eBits = Float.floatToRawIntBits(es.get(i));
        int positive = ~((zBits | (zBits - 1)) >> 31); // all ones when z > 0 (not for -0, whose bits are MIN_VALUE)
        int belowMu = (zBits - muBits) >> 31; // all ones when z < mu (for z > 0)
        out.put(i, Float.intBitsToFloat(eBits & positive & belowMu));
        return Float.intBitsToFloat(eBits & positive & ~belowMu);
    }

    /**
     * The pass with {@code levels = L > 0}: {@code dL/dz} as without levels, and {@code dL/dmu} gains the rounding's
     * share {@code eps * (a - z) / mu} on {@code 0 < z < mu}, {@code a} rounded as in the forward pass (in double).
     */
    private static double backwardQuantised(INDArray z, INDArray eps, INDArray dz, double mu, int levels) {
        double scale = levels / mu;
        double step = mu / levels;
        boolean dbl = z.dataType() == DataType.DOUBLE;
        IntToDoubleFunction zAt = dbl ? z.data().asNioDouble()::get : z.data().asNioFloat()::get;
        IntToDoubleFunction eAt = dbl ? eps.data().asNioDouble()::get : eps.data().asNioFloat()::get;
        DoubleBuffer outD = dbl ? dz.data().asNioDouble() : null;
        FloatBuffer outF = dbl ? null : dz.data().asNioFloat();
        return ParallelPasses.sum((int) z.length(), 1, (from, to) -> {
            double dMu = 0;
            for (int i = from; i < to; i++) {
                double zi = zAt.applyAsDouble(i);
                double ei = eAt.applyAsDouble(i);
                boolean inside = zi > 0.0 && zi < mu;
                if (inside) {
                    dMu += ei * (step * Math.floor(zi * scale + 0.5) - zi) / mu;
                } else if (zi >= mu) {
                    dMu += ei;
                }
                if (dbl) {
                    outD.put(i, inside ? ei : 0.0);
                } else {
                    outF.put(i, inside ? (float) ei : 0f);
                }
            }
            return dMu;
        });
    }

    private static double backwardDouble(INDArray z, INDArray eps, INDArray dz, double mu) {
        DoubleBuffer zs = z.data().asNioDouble();
        DoubleBuffer es = eps.data().asNioDouble();
        DoubleBuffer out = dz.data().asNioDouble();
        return ParallelPasses.sum((int) z.length(), 1, (from, to) -> {
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

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }
}
