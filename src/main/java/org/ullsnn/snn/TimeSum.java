package org.ullsnn.snn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runtime of {@link TimeSumLayer}: {@code [T*N, ...] -> [N, ...]}, summing over steps. */
public class TimeSum extends AbstractLayer<TimeSumLayer> {

    public TimeSum(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int steps = layerConf().getTimesteps();
        long n = TimeFolding.samples(input.size(0), steps);
        long perSample = input.length() / input.size(0);
        long[] shape = input.shape().clone();
        shape[0] = n;
        INDArray summed = input.dup('c').reshape('c', steps, n * perSample).sum(0);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), shape, 'c');
        out.assign(summed.reshape('c', shape));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int steps = layerConf().getTimesteps();
        long n = epsilon.size(0);
        long perSample = epsilon.length() / n;
        INDArray grad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'c');
        INDArray rows = grad.reshape('c', steps, n * perSample);
        INDArray flat = epsilon.dup('c').reshape('c', 1, n * perSample);
        for (int t = 0; t < steps; t++) {
            rows.putRow(t, flat);
        }
        return new Pair<>(new DefaultGradient(), grad);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }
}
