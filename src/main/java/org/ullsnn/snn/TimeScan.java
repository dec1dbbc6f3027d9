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
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of {@link TimeScanLayer}. Forward and backward are one pass of row operations over the {@code [T, N*...]}
 * view of the batch: the backward of a running sum is the running sum from the last step back, that of a difference
 * the difference with the next step.
 */
public class TimeScan extends TimeLayer<TimeScanLayer> {

    public TimeScan(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        INDArray in = rows(input.dup('c'));
        INDArray o = rows(out);
        int steps = layerConf().getTimesteps();
        IFKernel.row(o, 0).assign(IFKernel.row(in, 0));
        for (int t = 1; t < steps; t++) {
            if (layerConf().getDirection() == TimeScanLayer.Direction.ACCUMULATE) {
                Nd4j.exec(new AddOp(IFKernel.row(o, t - 1), IFKernel.row(in, t), IFKernel.row(o, t)));
            } else {
                Nd4j.exec(new SubOp(IFKernel.row(in, t), IFKernel.row(in, t - 1), IFKernel.row(o, t)));
            }
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray grad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(),
                'c');
        INDArray e = rows(epsilon.dup('c'));
        INDArray g = rows(grad);
        int last = layerConf().getTimesteps() - 1;
        IFKernel.row(g, last).assign(IFKernel.row(e, last));
        for (int t = last - 1; t >= 0; t--) {
            if (layerConf().getDirection() == TimeScanLayer.Direction.ACCUMULATE) {
                Nd4j.exec(new AddOp(IFKernel.row(g, t + 1), IFKernel.row(e, t), IFKernel.row(g, t)));
            } else {
                Nd4j.exec(new SubOp(IFKernel.row(e, t), IFKernel.row(e, t + 1), IFKernel.row(g, t)));
            }
        }
        return new Pair<>(new DefaultGradient(), grad);
    }

    /** The {@code [T, N*...]} view of a c-ordered time-folded array. */
    private INDArray rows(INDArray a) {
        int steps = layerConf().getTimesteps();
        TimeFolding.samples(a.size(0), steps); // checks that T divides the batch
        return a.reshape('c', steps, a.length() / steps);
    }
}
