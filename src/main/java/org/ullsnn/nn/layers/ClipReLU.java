package org.ullsnn.nn.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
        out.assign(input);
        Transforms.max(out, 0.0, false);
        Transforms.min(out, mu(), false);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        double mu = mu();
        INDArray z = input.castTo(dataType);
        INDArray eps = epsilon.castTo(dataType);

        INDArray clipped = z.gte(mu).castTo(dataType);                                  // 1[z >= mu]
        INDArray inside = z.gt(0.0).castTo(dataType).muli(z.lt(mu).castTo(dataType));  // 1[0 < z < mu]

        double dMu = eps.mul(clipped).sumNumber().doubleValue();
        INDArray muGrad = gradientViews.get(ClipReLUParamInitializer.MU_KEY);
        muGrad.assign(dMu);

        INDArray dz = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, z.shape(), 'c');
        dz.assign(eps).muli(inside);
        dz = backpropDropOutIfPresent(dz);

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(ClipReLUParamInitializer.MU_KEY, muGrad);
        return new Pair<>(gradient, dz);
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
