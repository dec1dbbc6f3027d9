package org.ullsnn.snn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Surrogate derivatives {@code H'(x)} of the spike step {@code o = H(x)}, {@code x = U/theta - 1}, used when
 * training through time (METHOD.md §5), with their antiderivatives {@code S(x)} (S' = H'), which the smooth
 * forward mode uses in place of the step so that gradient checks can judge the backward code:
 * <pre>
 * BOXCAR        H'(x) = 1[|x| &lt; 1]            S(x) = clip(x, -1, 1)                  (the authors' code)
 * TRIANGLE      H'(x) = max(0, 1 - |x|)        S(x) = sign(x) (m - m^2/2), m = min(|x|, 1)
 * FAST_SIGMOID  H'(x) = 1 / (1 + k|x|)^2       S(x) = x / (1 + k|x|),  k = {@value #FAST_SIGMOID_SLOPE}
 * </pre>
 * The boxcar's antiderivative has kinks at |x| = 1, so smooth-mode gradient checks use the other two.
 * {@link #derivative} and {@link #antiderivative} are the readable definitions; the IF layer's backward pass
 * uses {@link #derivativeAtPotential}, the same {@code H'} computed in place from {@code U} with a few native ops.
 */
public enum Surrogate {
    /** {@code 1[|x| < 1]}, i.e. {@code do/dU = (1/theta) 1[0 < U < 2 theta]}: the default, as in the authors' code. */
    BOXCAR {
        @Override
        INDArray derivative(INDArray x) {
            return Transforms.abs(x, true).lt(1.0).castTo(x.dataType());
        }

        @Override
        INDArray antiderivative(INDArray x) {
            return Transforms.min(Transforms.max(x, -1.0, true), 1.0, false);
        }

        /** {@code 1[0 < U < 2 theta]} as {@code 1[U > 0] - 1[U >= 2 theta]}: two steps and a subtraction. */
        @Override
        void derivativeAtPotential(INDArray u, double theta, INDArray into, INDArray scratch) {
            DataType type = u.dataType();
            if (type != DataType.FLOAT && type != DataType.DOUBLE) {
                into.assign(derivative(u.div(theta).subi(1.0)));
                return;
            }
            Nd4j.exec(new Step(u, into, 0.0));
            Nd4j.exec(new Step(u, scratch, IFKernel.below(2 * theta, type)));
            into.subi(scratch);
        }
    },
    /** {@code max(0, 1 - |x|)}. */
    TRIANGLE {
        @Override
        INDArray derivative(INDArray x) {
            return Transforms.max(Transforms.abs(x, true).rsubi(1.0), 0.0, false);
        }

        @Override
        INDArray antiderivative(INDArray x) {
            INDArray m = Transforms.min(Transforms.abs(x, true), 1.0, false);
            INDArray value = m.sub(m.mul(m).muli(0.5));
            return value.muli(Transforms.sign(x, true));
        }

        @Override
        void derivativeAtPotential(INDArray u, double theta, INDArray into, INDArray scratch) {
            distanceFromThreshold(u, theta, into).rsubi(1.0);
            Transforms.max(into, 0.0, false);
        }
    },
    /** {@code 1 / (1 + k|x|)^2} with {@code k = 10} (SuperSpike's fast sigmoid). */
    FAST_SIGMOID {
        @Override
        INDArray derivative(INDArray x) {
            INDArray d = Transforms.abs(x, true).muli(FAST_SIGMOID_SLOPE).addi(1.0);
            return Transforms.pow(d, -2.0, false);
        }

        @Override
        INDArray antiderivative(INDArray x) {
            return x.div(Transforms.abs(x, true).muli(FAST_SIGMOID_SLOPE).addi(1.0));
        }

        @Override
        void derivativeAtPotential(INDArray u, double theta, INDArray into, INDArray scratch) {
            distanceFromThreshold(u, theta, into).muli(FAST_SIGMOID_SLOPE).addi(1.0);
            Transforms.pow(into, -2.0, false);
        }
    };

    /** The slope k of {@link #FAST_SIGMOID}. */
    public static final double FAST_SIGMOID_SLOPE = 10.0;

    /** {@code H'(x)} element-wise, a new array. */
    abstract INDArray derivative(INDArray x);

    /** {@code S(x)} element-wise, a new array. */
    abstract INDArray antiderivative(INDArray x);

    /**
     * {@code H'(U/theta - 1)} written into {@code into}, which has the shape and type of {@code u} and may not
     * be {@code u}; {@code scratch} (same shape) may be overwritten. Equals {@link #derivative} of
     * {@code U/theta - 1} up to rounding at the kinks.
     */
    abstract void derivativeAtPotential(INDArray u, double theta, INDArray into, INDArray scratch);

    /** {@code |U/theta - 1|} into {@code into}, which it returns. */
    private static INDArray distanceFromThreshold(INDArray u, double theta, INDArray into) {
        Nd4j.exec(new ScalarDivision(u, null, into, theta));
        return Transforms.abs(into.subi(1.0), false);
    }
}
