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

/**
 * Runtime layer of {@link IFNeuronLayer}: multi-step IF/LIF dynamics over a time-folded batch. The input
 * current {@code [T*N, ...]} is viewed as {@code [T, P]} ({@code P = N * neurons}); the membrane {@code U} is one
 * row, updated once per step with whole-row operations.
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
 * {@code U_t} ({@code [T, P]}, one buffer reused between iterations) and the dropout mask are kept for the
 * backward pass: memory O(T x activations).
 */
public class IFNeuron extends BaseLayer<IFNeuronLayer> {

    private INDArray membrane;  // U_t before reset, [T, P], kept from a training forward pass for backward
    private INDArray dropMask;  // [1, P] scaled keep-mask shared by all steps, or null

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
        IFNeuronLayer conf = layerConf();
        int steps = timesteps();
        long perStep = input.length() / steps;
        TimeFolding.samples(input.size(0), steps); // validates the batch
        double theta = theta();
        double lambda = lambda();

        INDArray current = input.castTo(dataType).dup('c').reshape('c', steps, perStep);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        INDArray spikes = out.reshape('c', steps, perStep);
        INDArray u = Nd4j.valueArrayOf(new long[] {1, perStep}, conf.getU0(), dataType);
        if (training) {
            membrane = detachedBuffer(membrane, steps, perStep);
        }
        for (int t = 0; t < steps; t++) {
            if (lambda != 1.0) {
                u.muli(lambda);
            }
            u.addi(current.getRow(t, true));
            if (training) {
                membrane.putRow(t, u);
            }
            INDArray o = fire(u, theta);
            spikes.putRow(t, o);
            if (conf.getResetMode() == ResetMode.SUBTRACT) {
                u.subi(o.mul(theta));
            } else {
                u.muli(o.rsub(1.0));
            }
        }
        dropMask = null;
        if (training && conf.getDropout() > 0) {
            dropMask = keepMask(perStep, conf.getDropout());
            spikes.muliRowVector(dropMask);
        }
        return out;
    }

    /** o = H(U/theta - 1) = 1[U >= theta], or S(U/theta - 1) in smooth mode. */
    private INDArray fire(INDArray u, double theta) {
        if (layerConf().isSmoothForward()) {
            return layerConf().getSurrogate().antiderivative(u.div(theta).subi(1.0));
        }
        return u.gte(theta).castTo(dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (membrane == null) {
            throw new IllegalStateException("IF layer '" + layerConf().getLayerName()
                    + "': backward pass without a training forward pass");
        }
        IFNeuronLayer conf = layerConf();
        Surrogate surrogate = conf.getSurrogate();
        boolean subtract = conf.getResetMode() == ResetMode.SUBTRACT;
        boolean detach = conf.isDetachReset();
        int steps = timesteps();
        long perStep = input.length() / steps;
        double theta = theta();
        double lambda = lambda();

        INDArray gradOut = epsilon.castTo(dataType).dup('c').reshape('c', steps, perStep);
        if (dropMask != null) {
            gradOut.muliRowVector(dropMask);
        }
        INDArray gradIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        INDArray gradInRows = gradIn.reshape('c', steps, perStep);
        INDArray gR = Nd4j.zeros(dataType, 1, perStep);
        double dTheta = 0;
        double dLambda = 0;
        for (int t = steps - 1; t >= 0; t--) {
            INDArray u = membrane.getRow(t, true);
            INDArray x = u.div(theta).subi(1.0);
            INDArray h = surrogate.derivative(x);
            INDArray o = fire(u, theta);
            INDArray gO = gradOut.getRow(t, true);

            INDArray dRdU;
            INDArray dRdTheta;
            if (subtract) {
                dRdU = detach ? Nd4j.onesLike(u) : h.rsub(1.0);
                dRdTheta = detach ? o.neg() : h.mul(u).divi(theta).subi(o);
            } else {
                INDArray keep = o.rsub(1.0);
                dRdU = detach ? keep : keep.sub(u.mul(h).divi(theta));
                dRdTheta = detach ? Nd4j.zerosLike(u) : u.mul(u).muli(h).divi(theta * theta);
            }
            INDArray dU = gR.mul(dRdU).addi(gO.mul(h).divi(theta));
            gradInRows.putRow(t, dU);

            dLambda += dU.mul(previousReset(t, theta)).sumNumber().doubleValue();
            dTheta += -gO.mul(h).muli(u).sumNumber().doubleValue() / (theta * theta)
                    + gR.mul(dRdTheta).sumNumber().doubleValue();
            gR = dU.mul(lambda);
        }
        INDArray thetaGrad = gradientViews.get(IFParamInitializer.THETA_KEY);
        INDArray lambdaGrad = gradientViews.get(IFParamInitializer.LAMBDA_KEY);
        thetaGrad.assign(dTheta);
        lambdaGrad.assign(dLambda);
        Gradient g = new DefaultGradient();
        g.setGradientFor(IFParamInitializer.THETA_KEY, thetaGrad);
        g.setGradientFor(IFParamInitializer.LAMBDA_KEY, lambdaGrad);
        return new Pair<>(g, gradIn);
    }

    /** R_{t-1}: the potential after step t-1's reset, or u0 before the first step. */
    private INDArray previousReset(int t, double theta) {
        if (t == 0) {
            return Nd4j.valueArrayOf(new long[] {1, membrane.size(1)}, layerConf().getU0(), dataType);
        }
        INDArray u = membrane.getRow(t - 1, true);
        INDArray o = fire(u, theta);
        return layerConf().getResetMode() == ResetMode.SUBTRACT ? u.sub(o.mul(theta)) : u.mul(o.rsub(1.0));
    }

    /** A buffer outside any workspace (it lives from forward to backward), reused while the shape stays. */
    private INDArray detachedBuffer(INDArray existing, long rows, long cols) {
        if (existing != null && existing.size(0) == rows && existing.size(1) == cols
                && existing.dataType() == dataType) {
            return existing;
        }
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(dataType, rows, cols);
        }
    }

    /** A [1, P] mask of 0 and 1/(1-p), drawn once per sample and neuron and shared by all steps. */
    private INDArray keepMask(long perStep, double dropProbability) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray mask = Nd4j.createUninitialized(dataType, 1, perStep);
            Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1.0 - dropProbability));
            return mask.divi(1.0 - dropProbability);
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
