package org.ullsnn.snn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime of {@link TimeSumLayer}: {@code [T*N, ...] -> [N, ...]}, summing over steps. */
public class TimeSum extends TimeLayer<TimeSumLayer> {

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
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), shape, 'c');
        sumSteps(input.reshape('c', new long[] {steps, n * perSample}), out.reshape('c', new long[] {1, n * perSample}));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int steps = layerConf().getTimesteps();
        long n = epsilon.size(0);
        long perSample = epsilon.length() / n;
        INDArray grad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'c');
        INDArray rows = grad.reshape('c', new long[] {steps, n * perSample});
        INDArray flat = epsilon.reshape('c', new long[] {1, n * perSample}); // a view when c-order
        for (int t = 0; t < steps; t++) {
            IFKernel.row(rows, t).assign(flat);
        }
        return new Pair<>(new DefaultGradient(), grad);
    }

    /**
     * {@code into = sum over t of rows[t]} for {@code rows [T, M]} and {@code into [1, M]} (a view of the result):
     * T - 1 row additions, where {@code sum(0)} would reduce along strided columns.
     */
    static void sumSteps(INDArray rows, INDArray into) {
        long steps = rows.size(0);
        if (steps == 1) {
            into.assign(IFKernel.row(rows, 0));
            return;
        }
        Nd4j.exec(new AddOp(IFKernel.row(rows, 0), IFKernel.row(rows, 1), into));
        for (long t = 2; t < steps; t++) {
            into.addi(IFKernel.row(rows, t));
        }
    }
}
