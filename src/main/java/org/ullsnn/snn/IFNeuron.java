package org.ullsnn.snn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime layer of {@link IFNeuronLayer}: multi-step IF/LIF dynamics over a time-folded batch. The input
 * current {@code [T*N, ...]} is viewed as {@code [T, P]} ({@code P = N * neurons}); {@link IFKernel} updates the
 * membrane once per step with whole-row native operations that write straight into the output rows.
 *
 * <p>Backward (BPTT, METHOD.md §5), per step from {@code t = T} down to 1, with {@code x = U_t/theta - 1},
 * {@code h = H'(x)} the surrogate, {@code g_o = dL/do_t}, {@code g_R = dL/dR_t} (from step t+1):
 * <pre>
 * dL/dU_t      = g_R dR_t/dU_t + g_o h / theta          dR/dU = 1 - h (subtract), (1 - o) - U h / theta (zero)
 * dL/dI_t      = dL/dU_t
 * dL/dR_{t-1}  = lambda dL/dU_t
 * dL/dlambda  += dL/dU_t R_{t-1}
 * dL/dtheta   += -g_o h U_t / theta^2 + g_R dR_t/dtheta  dR/dtheta = -o + h U / theta (subtract), U^2 h / theta^2 (zero)
 * </pre>
 * With {@code detachReset} the h-terms of dR/dU and dR/dtheta are dropped. Only the pre-reset potentials
 * {@code U_t} ({@code [T, P]}) and the dropout mask are kept for the backward pass, in buffers outside the
 * workspaces that are reused between iterations: memory O(T x activations). The spikes o_t and the reset
 * potentials R_{t-1} are recomputed from U with the forward pass's own operations.
 */
public class IFNeuron extends BaseLayer<IFNeuronLayer> {

    /** Rows of the backward pass's working buffer ({@link IFKernel#backward}). */
    private static final int SCRATCH_ROWS = 6;

    private final DetachedBuffer membraneStore = new DetachedBuffer();
    private final DetachedBuffer maskStore = new DetachedBuffer();
    private INDArray membrane;  // U_t before reset, [T, P], kept from a training forward pass for backward
    private INDArray dropMask;  // [1, P] scaled keep-mask shared by all steps, or null
    private final DetachedBuffer initialStore = new DetachedBuffer();
    private INDArray initialRow;      // the initial potentials tiled over a step's samples, [1, P], or null
    private double[] initialRowFrom;  // the configuration's potentials it was built from

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

    /**
     * The step rule with this layer's current parameters, in the layer's data type, for {@code perStep} neurons per
     * step (the batch's samples times the neurons of one sample).
     */
    private IFKernel kernel(long perStep) {
        return kernel(perStep, null);
    }

    /**
     * As {@link #kernel(long)}; with offset-spike steps, the start of each neuron is corrected after a pre-run on
     * {@code current} ({@link OffsetSpikes}).
     */
    private IFKernel kernel(long perStep, INDArray current) {
        IFNeuronLayer conf = layerConf();
        INDArray row = initialRow(perStep);
        int rho = conf.getOffsetSpikeSteps();
        if (rho > 0 && current != null) {
            double[] start = new double[(int) perStep];
            double[] extra = row == null ? null : row.toDoubleVector();
            for (int j = 0; j < start.length; j++) {
                start[j] = conf.getU0() + (extra == null ? 0 : extra[j]);
            }
            double[] shift;
            try {
                shift = OffsetSpikes.startShift(current, rho, theta(), lambda(), start, conf.getResetMode());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("IF layer '" + conf.getLayerName() + "': " + e.getMessage(), e);
            }
            INDArray shifted = Nd4j.createFromArray(shift).castTo(dataType).reshape(1, perStep);
            row = row == null ? shifted : row.add(shifted);
        }
        return new IFKernel(theta(), lambda(), conf.getU0(), conf.getResetMode(),
                conf.isSmoothForward() ? conf.getSurrogate() : null, dataType, row);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        IFNeuronLayer conf = layerConf();
        int steps = timesteps();
        long perStep = input.length() / steps;
        TimeFolding.samples(input.size(0), steps); // validates the batch

        INDArray current = input.castTo(dataType).reshape('c', new long[] {steps, perStep}); // a view if c-order
        if (conf.isConstantDrive() && steps > 1) {
            current = timeMean(current, workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType,
                    new long[] {steps, perStep}, 'c'));
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        INDArray spikes = out.reshape('c', new long[] {steps, perStep});
        INDArray state = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType, new long[] {1, perStep},
                'c');
        if (training) {
            membrane = membraneStore.rows(steps, perStep, dataType);
        }
        kernel(perStep, current).forward(current, spikes, training ? membrane : null, state);
        dropMask = null;
        if (training && conf.getDropout() > 0) {
            dropMask = keepMask(perStep, conf.getDropout());
            spikes.muliRowVector(dropMask);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int steps = timesteps();
        long perStep = input.length() / steps;
        if (membrane == null || membrane.size(0) != steps || membrane.size(1) != perStep) {
            throw new IllegalStateException("IF layer '" + layerConf().getLayerName()
                    + "': backward pass without a training forward pass on this input");
        }
        IFNeuronLayer conf = layerConf();
        if (conf.getOffsetSpikeSteps() > 0) {
            throw new IllegalStateException("IF layer '" + conf.getLayerName() + "' uses offset-spike calibration, "
                    + "which is inference only: convert with another strategy to fine-tune");
        }
        INDArray gradOut = epsilon.castTo(dataType).reshape('c', new long[] {steps, perStep});
        INDArray gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        INDArray scratch = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[] {SCRATCH_ROWS, perStep}, 'c');
        IFKernel.ParamGradients p = kernel(perStep).backward(membrane, gradOut, dropMask,
                gradIn.reshape('c', new long[] {steps, perStep}), scratch, conf.getSurrogate(), conf.isDetachReset());
        if (conf.isConstantDrive() && steps > 1) { // every step's current was the mean: each input gets the mean gradient
            INDArray rows = gradIn.reshape('c', new long[] {steps, perStep});
            timeMean(rows, rows);
        }
        INDArray thetaGrad = gradientViews.get(IFParamInitializer.THETA_KEY);
        INDArray lambdaGrad = gradientViews.get(IFParamInitializer.LAMBDA_KEY);
        thetaGrad.assign(p.theta());
        lambdaGrad.assign(p.lambda());
        Gradient g = new DefaultGradient();
        g.setGradientFor(IFParamInitializer.THETA_KEY, thetaGrad);
        g.setGradientFor(IFParamInitializer.LAMBDA_KEY, lambdaGrad);
        return new Pair<>(g, gradIn);
    }

    /** Every row of {@code into} {@code [T, P]} set to the mean of the rows of {@code rows} (which may be {@code into}). */
    private static INDArray timeMean(INDArray rows, INDArray into) {
        INDArray mean = rows.mean(true, 0);
        for (int t = 0; t < into.size(0); t++) {
            into.getRow(t).assign(mean);
        }
        return into;
    }

    /** A [1, P] mask of 0 and 1/(1-p), drawn once per sample and neuron and shared by all steps. */
    private INDArray keepMask(long perStep, double dropProbability) {
        INDArray mask = maskStore.rows(1, perStep, dataType);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - dropProbability));
        return mask.divi(1.0 - dropProbability);
    }

    /**
     * The per-neuron initial potentials repeated for every sample of a step, {@code [1, perStep]}, or null when the
     * layer has none. They are constants of the configuration, so the row is built once per batch size and kept
     * outside the workspaces (rebuilding it every pass cost SNN training with {@code recommended}'s potentials about
     * 40 % of its speed).
     */
    private INDArray initialRow(long perStep) {
        double[] initial = layerConf().initialPotentialView();
        if (initial.length == 0) {
            return null;
        }
        if (perStep % initial.length != 0) {
            throw new IllegalStateException("IF layer '" + layerConf().getLayerName() + "': " + initial.length
                    + " initial potentials do not divide the " + perStep + " neurons of a step");
        }
        if (initialRow == null || initialRow.length() != perStep || initialRow.dataType() != dataType
                || !java.util.Arrays.equals(initial, initialRowFrom)) {
            INDArray row = initialStore.rows(1, perStep, dataType);
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                INDArray one = Nd4j.createFromArray(initial).castTo(dataType);
                row.reshape('c', perStep / initial.length, initial.length).assign(
                        one.reshape(1, initial.length).broadcast(perStep / initial.length, initial.length));
            }
            initialRow = row;
            initialRowFrom = initial.clone();
        }
        return initialRow;
    }

    /**
     * A buffer outside any workspace (it lives from forward to backward), kept between iterations and grown
     * only when a pass needs more than it holds, so that a smaller last batch does not reallocate.
     */
    private static final class DetachedBuffer {
        private INDArray flat;

        INDArray rows(long rows, long cols, DataType type) {
            long length = rows * cols;
            if (flat == null || flat.length() < length || flat.dataType() != type) {
                try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    flat = Nd4j.createUninitialized(type, length);
                }
            }
            INDArray used = flat.length() == length ? flat : flat.get(NDArrayIndex.interval(0, length));
            return used.reshape('c', new long[] {rows, cols});
        }
    }

    @Override
    public void clear() {
        super.clear();
        dropMask = null;
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
