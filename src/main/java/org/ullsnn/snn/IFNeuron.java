package org.ullsnn.snn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime layer of {@link IFNeuronLayer}: multi-step IF/LIF dynamics over a time-folded batch. The input
 * current {@code [T*N, ...]} is viewed as {@code [T, N*rest]}; the membrane {@code U} is one row, updated
 * once per step with whole-row operations.
 */
public class IFNeuron extends BaseLayer<IFNeuronLayer> {

    public IFNeuron(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The current threshold theta. */
    public double theta() {
        return getParam(IFParamInitializer.THETA_KEY).getDouble(0);
    }

    /** The current leak lambda. */
    public double lambda() {
        return getParam(IFParamInitializer.LAMBDA_KEY).getDouble(0);
    }

    /** Number of time steps T. */
    public int timesteps() {
        return layerConf().getTimesteps();
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int steps = timesteps();
        long rows = input.size(0);
        long samples = TimeFolding.samples(rows, steps);
        long perStep = input.length() / steps;
        double theta = theta();
        double lambda = lambda();
        boolean subtract = layerConf().getResetMode() == ResetMode.SUBTRACT;

        INDArray current = input.castTo(dataType).dup('c').reshape('c', steps, perStep);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        INDArray spikes = out.reshape('c', steps, perStep);
        INDArray u = Nd4j.valueArrayOf(new long[] {1, perStep}, layerConf().getU0(), dataType);
        for (int t = 0; t < steps; t++) {
            if (lambda != 1.0) {
                u.muli(lambda);
            }
            u.addi(current.getRow(t, true));
            INDArray o = u.gte(theta).castTo(dataType);
            spikes.putRow(t, o);
            if (subtract) {
                u.subi(o.muli(theta));
            } else {
                u.muli(o.rsubi(1.0));
            }
        }
        assert samples * steps == rows;
        return out;
    }

    /**
     * Spiking layers are converted for inference here; training them through time (surrogate gradients) is
     * {@code org.ullsnn.snn}'s fine-tuning path.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        throw new IllegalStateException("IF layer '" + layerConf().getLayerName() + "' has no surrogate-gradient "
                + "backward pass yet: spiking networks are inference-only in this version");
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
