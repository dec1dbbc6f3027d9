package org.ullsnn.snn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndSet;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The IF/LIF step rule of METHOD.md §3 and its BPTT backward pass (§5) on time-folded rows {@code [T, P]}
 * (row t: step t of all samples and neurons), in native ND4J ops that write into given buffers: no
 * temporaries per step in hard mode. {@link NeuronDynamics} is the scalar reference it is tested against.
 * <pre>
 * U_t = lambda R_{t-1} + I_t,  R_{-1} = u0     integrate   (U_0 = I_0 + round(lambda u0))
 * o_t = 1[U_t &gt;= theta]                          fire        (smooth mode: S(U_t/theta - 1))
 * R_t = U_t - theta o_t                          reset by subtraction   (an exact axpy: theta o_t is 0 or theta)
 * R_t = U_t (1 - o_t)                            reset to zero          (hard mode: U_t where U_t &lt; theta, else 0)
 * </pre>
 * Every operation rounds like the element-wise ND4J ops it replaced ({@code u.muli(lambda)}, {@code u.addi(I)},
 * {@code u.gte(theta)}, {@code u.subi(o.mul(theta))}, {@code u.muli(o.rsub(1))}), so hard-mode spikes are
 * bit-identical to theirs. The spike is one {@link Step} op: {@code U > below(theta)}, i.e. {@code U >= theta} in
 * the array's type.
 *
 * @param theta  threshold, a value of the array type
 * @param lambda leak, a value of the array type
 * @param u0     initial potential
 * @param reset  reset mode
 * @param smooth the surrogate whose antiderivative replaces the step (gradient checks), or null for spikes
 * @param type   the data type of every array passed in
 * @param initialRow per-neuron initial potentials {@code [1, P]} added to u0 at t = 0 (one sample's values repeated
 *               over the batch), or null for none
 */
record IFKernel(double theta, double lambda, double u0, ResetMode reset, Surrogate smooth, DataType type,
        INDArray initialRow) {

    /** Without per-neuron initial potentials. */
    IFKernel(double theta, double lambda, double u0, ResetMode reset, Surrogate smooth, DataType type) {
        this(theta, lambda, u0, reset, smooth, type, null);
    }

    /** Hard mode in FLOAT or DOUBLE, where the spike and the zero reset are single compare ops ({@link #below}). */
    private boolean exactType() {
        return smooth == null && (type == DataType.FLOAT || type == DataType.DOUBLE);
    }

    /** The largest value of {@code type} below {@code value}, which must be a value of {@code type}. */
    static double below(double value, DataType type) {
        return type == DataType.FLOAT ? Math.nextDown((float) value) : Math.nextDown(value);
    }

    /** {@code lambda * u0} rounded as the array type's multiplication rounds it. */
    private double initialCharge() {
        return lambda == 1.0 ? u0 : Nd4j.scalar(type, u0).muli(lambda).getDouble(0);
    }

    /**
     * Runs the T steps.
     *
     * @param current    input currents {@code [T, P]}, read only
     * @param spikes     output {@code [T, P]}: o_t
     * @param potentials {@code [T, P]} to receive U_t (before reset) for the backward pass, or null
     * @param state      a {@code [1, P]} buffer for R_t
     */
    void forward(INDArray current, INDArray spikes, INDArray potentials, INDArray state) {
        int steps = (int) current.size(0);
        for (int t = 0; t < steps; t++) {
            INDArray it = row(current, t);
            INDArray ut = potentials == null ? state : row(potentials, t);
            if (t == 0) {
                double charge = initialCharge();
                if (charge == 0 && potentials == null && initialRow == null) {
                    ut = it; // U_0 = I_0 (+0 only turns -0 into +0, which no comparison with theta > 0 sees)
                } else {
                    Nd4j.exec(new ScalarAdd(it, null, ut, charge));
                    if (initialRow != null) {
                        ut.addi(lambda == 1.0 ? initialRow : initialRow.mul(lambda));
                    }
                }
            } else {
                if (lambda != 1.0) {
                    state.muli(lambda);
                }
                add(state, it, ut);
            }
            INDArray ot = row(spikes, t);
            fire(ut, ot);
            if (t < steps - 1) {
                resetInto(ut, ot, state);
            }
        }
    }

    /** o = H(U/theta - 1) = 1[U >= theta] into {@code o}, or S(U/theta - 1) in smooth mode. */
    void fire(INDArray u, INDArray o) {
        if (exactType()) {
            Nd4j.exec(new Step(u, o, below(theta, type)));
        } else if (smooth == null) {
            o.assign(u.gte(theta).castTo(type));
        } else {
            o.assign(smooth.antiderivative(u.div(theta).subi(1.0)));
        }
    }

    /** R = U - theta o, or U (1 - o), into {@code r} (which may be {@code u}). */
    private void resetInto(INDArray u, INDArray o, INDArray r) {
        if (reset == ResetMode.SUBTRACT) {
            Nd4j.exec(new Axpy(o, u, r, -theta));
        } else if (exactType()) {
            Nd4j.exec(new CompareAndSet(u, r, 0.0, Conditions.greaterThanOrEqual(theta)));
        } else {
            r.assign(u.mul(o.rsub(1.0)));
        }
    }

    /** dL/dtheta and dL/dlambda of one backward pass. */
    record ParamGradients(double theta, double lambda) {
    }

    /**
     * BPTT over the T steps, from {@code t = T-1} down to 0, with {@code h = H'(U_t/theta - 1)},
     * {@code g_o = dL/do_t}, {@code g_R = dL/dR_t} (0 at the last step) and, per reset mode,
     * <pre>
     * q       = h (g_o/theta - k)          k = g_R (subtract), g_R U_t/theta (zero), 0 (detached reset)
     * dL/dU_t = g_R + q  (subtract)   or   g_R (1 - o_t) + q  (zero)          = dL/dI_t
     * dL/dtheta  += -sum(q U_t)/theta - sum(g_R o_t) (subtract; the last sum is absent for zero)
     * dL/dlambda += sum(dL/dU_t R_{t-1})           R_{-1} = u0
     * g_R for step t-1 = lambda dL/dU_t
     * </pre>
     * which is METHOD.md §5's {@code g_R dR/dU + g_o h/theta} and {@code -g_o h U/theta^2 + g_R dR/dtheta},
     * regrouped so that each parameter term is one dot product.
     *
     * @param potentials U_t from the forward pass, {@code [T, P]}
     * @param gradOut    dL/d(output) {@code [T, P]}, read only
     * @param keep       the dropout keep-mask {@code [1, P]} the forward pass multiplied the spikes by, or null
     * @param gradIn     output {@code [T, P]}: dL/dI_t
     * @param scratch    {@code [6, P]} working rows
     * @param surrogate  H'
     * @param detach     whether the h-terms through the reset are dropped
     */
    ParamGradients backward(INDArray potentials, INDArray gradOut, INDArray keep, INDArray gradIn, INDArray scratch,
            Surrogate surrogate, boolean detach) {
        int steps = (int) potentials.size(0);
        boolean subtract = reset == ResetMode.SUBTRACT;
        INDArray h = row(scratch, 0);
        INDArray tmp = row(scratch, 1);
        INDArray[] spike = {row(scratch, 2), row(scratch, 3)}; // o_t and o_{t-1}, alternating
        INDArray carried = row(scratch, 4); // lambda dL/dU_t when lambda != 1
        INDArray scale = null; // keep / theta
        if (keep != null) {
            scale = row(scratch, 5);
            Nd4j.exec(new ScalarMultiplication(keep, null, scale, 1.0 / theta));
        }
        double dTheta = 0;
        double dLambda = 0;
        INDArray gR = null; // dL/dR_t, null while it is 0
        int cur = 0;
        INDArray u = row(potentials, steps - 1);
        for (int t = steps - 1; t >= 0; t--) {
            INDArray g = row(gradIn, t); // g_o/theta, then q, then dL/dU_t
            INDArray o = spike[cur]; // o_t, computed at step t+1 (only read while g_R != 0)
            if (scale != null) {
                Nd4j.exec(new MulOp(row(gradOut, t), scale, g));
            } else {
                Nd4j.exec(new ScalarMultiplication(row(gradOut, t), null, g, 1.0 / theta));
            }
            surrogate.derivativeAtPotential(u, theta, h, tmp);
            if (gR != null && !detach) {
                if (subtract) {
                    Nd4j.exec(new Axpy(gR, g, g, -1.0));
                } else {
                    Nd4j.exec(new MulOp(gR, u, tmp));
                    Nd4j.exec(new Axpy(tmp, g, g, -1.0 / theta));
                }
            }
            g.muli(h);
            dTheta -= dot(g, u) / theta;
            if (gR != null) {
                if (subtract) {
                    dTheta -= dot(gR, o);
                    add(gR, g, g);
                } else {
                    Nd4j.exec(new ScalarReverseSubtraction(o, null, tmp, 1.0));
                    tmp.muli(gR);
                    add(tmp, g, g);
                }
            }
            if (t > 0) {
                INDArray uPrev = row(potentials, t - 1);
                INDArray oPrev = spike[1 - cur];
                fire(uPrev, oPrev);
                resetInto(uPrev, oPrev, h); // h := R_{t-1}, exactly as the forward pass computed it
                dLambda += dot(g, h);
                u = uPrev;
            } else {
                if (u0 != 0) {
                    dLambda += u0 * g.sumNumber().doubleValue();
                }
                if (initialRow != null) {
                    dLambda += dot(g, initialRow); // R_{-1} = u0 + the neuron's initial potential
                }
            }
            if (lambda == 1.0) {
                gR = g;
            } else {
                Nd4j.exec(new ScalarMultiplication(g, null, carried, lambda));
                gR = carried;
            }
            cur = 1 - cur;
        }
        return new ParamGradients(dTheta, dLambda);
    }

    /**
     * Row {@code t} of a {@code [rows, P]} array as a {@code [1, P]} view: one array creation, where
     * {@code getRow(t, true)} makes two (a tensor along a dimension, then a reshape), several times slower.
     */
    static INDArray row(INDArray rows, long t) {
        return Nd4j.create(rows.data(), new long[] {1, rows.size(1)}, new long[] {rows.stride(0), rows.stride(1)},
                rows.offset() + t * rows.stride(0), 'c');
    }

    /**
     * {@code z = x + y} as the legacy axpy op with {@code a = 1}: exactly the sum ({@code 1 * x} is exact, and a
     * fused multiply-add rounds once, like the addition), at a fraction of the custom {@code add} op's call cost.
     */
    private static void add(INDArray x, INDArray y, INDArray z) {
        Nd4j.exec(new Axpy(x, y, z, 1.0));
    }

    private static double dot(INDArray x, INDArray y) {
        return Nd4j.getBlasWrapper().dot(x, y);
    }
}
