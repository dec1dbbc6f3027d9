package org.ullsnn.snn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runtime of {@link TimeRepeatLayer}: {@code [N, ...] -> [T*N, ...]}. */
public class TimeRepeat extends TimeLayer<TimeRepeatLayer> {

    public TimeRepeat(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int steps = layerConf().getTimesteps();
        long n = input.size(0);
        long perSample = input.length() / n;
        long[] shape = input.shape().clone();
        shape[0] = n * steps;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), shape, 'c');
        INDArray flatIn = input.reshape('c', new long[] {1, n * perSample}); // a view when c-order
        INDArray flatOut = out.reshape('c', new long[] {steps, n * perSample});
        for (int t = 0; t < steps; t++) {
            IFKernel.row(flatOut, t).assign(flatIn);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int steps = layerConf().getTimesteps();
        long n = input.size(0);
        long perSample = input.length() / n;
        INDArray grad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'c');
        TimeSum.sumSteps(epsilon.reshape('c', new long[] {steps, n * perSample}),
                grad.reshape('c', new long[] {1, n * perSample}));
        return new Pair<>(new DefaultGradient(), grad);
    }
}
