package org.ullsnn.snn;

import org.nd4j.linalg.api.ndarray.INDArray;
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
    };

    /** The slope k of {@link #FAST_SIGMOID}. */
    public static final double FAST_SIGMOID_SLOPE = 10.0;

    /** {@code H'(x)} element-wise, a new array. */
    abstract INDArray derivative(INDArray x);

    /** {@code S(x)} element-wise, a new array. */
    abstract INDArray antiderivative(INDArray x);
}
