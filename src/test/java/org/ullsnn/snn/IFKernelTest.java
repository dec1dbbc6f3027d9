package org.ullsnn.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native IF kernel against {@link NeuronDynamics}, the scalar reference, in DOUBLE, where both round the
 * same way: spikes and potentials must be equal exactly, including currents that put U exactly on theta; and
 * the hard-mode backward pass against METHOD.md §5's equations written out per neuron.
 */
class IFKernelTest {

    /** A random neuron configuration and a {@code [T, P]} current, with some entries on and next to theta. */
    private record Case(IFKernel kernel, double[][] current) {

        static Case random(Random r, boolean boundaryCurrents) {
            int steps = 1 + r.nextInt(6);
            int perStep = 1 + r.nextInt(40);
            double theta = 0.2 + 2 * r.nextDouble();
            double lambda = r.nextBoolean() ? 1.0 : 0.5 + 0.5 * r.nextDouble();
            double u0 = r.nextBoolean() ? 0.0 : r.nextDouble() * theta;
            ResetMode reset = r.nextBoolean() ? ResetMode.SUBTRACT : ResetMode.ZERO;
            double[][] current = new double[steps][perStep];
            double[] special = {theta, theta / 2, Math.nextDown(theta), Math.nextUp(theta), 0.0, -0.0, 2 * theta};
            for (double[] row : current) {
                for (int j = 0; j < perStep; j++) {
                    row[j] = boundaryCurrents && r.nextInt(3) == 0 ? special[r.nextInt(special.length)]
                            : r.nextGaussian() * theta;
                }
            }
            return new Case(new IFKernel(theta, lambda, u0, reset, null, DataType.DOUBLE), current);
        }

        NeuronDynamics reference() {
            return new NeuronDynamics(kernel.theta(), kernel.lambda(), kernel.u0(), kernel.reset());
        }

        int steps() {
            return current.length;
        }

        int perStep() {
            return current[0].length;
        }

        double[] series(int j) {
            double[] s = new double[steps()];
            for (int t = 0; t < s.length; t++) {
                s[t] = current[t][j];
            }
            return s;
        }
    }

    @RepeatedTest(value = 25, name = "random case {currentRepetition}")
    void spikesAndPotentialsEqualTheScalarReferenceExactly(RepetitionInfo info) {
        Case c = Case.random(new Random(500 + info.getCurrentRepetition()), true);
        INDArray current = Nd4j.createFromArray(c.current());
        INDArray spikes = Nd4j.zeros(DataType.DOUBLE, c.steps(), c.perStep());
        INDArray inferenceSpikes = Nd4j.zeros(DataType.DOUBLE, c.steps(), c.perStep());
        INDArray potentials = Nd4j.zeros(DataType.DOUBLE, c.steps(), c.perStep());
        c.kernel().forward(current, spikes, potentials, Nd4j.zeros(DataType.DOUBLE, 1, c.perStep()));
        c.kernel().forward(current, inferenceSpikes, null, Nd4j.zeros(DataType.DOUBLE, 1, c.perStep()));
        assertEquals(spikes, inferenceSpikes, "recording the potentials does not change the spikes");
        assertArrayEquals(c.current(), current.toDoubleMatrix(), "the current is read only");
        for (int j = 0; j < c.perStep(); j++) {
            NeuronDynamics.Trace expected = c.reference().run(c.series(j));
            for (int t = 0; t < c.steps(); t++) {
                String at = c.kernel() + " neuron " + j + " step " + t;
                assertEquals(expected.spikes()[t], spikes.getDouble(t, j), 0, at);
                assertEquals(expected.beforeReset()[t], potentials.getDouble(t, j), 0, at);
            }
        }
    }

    @RepeatedTest(value = 25, name = "random case {currentRepetition}")
    void hardBackwardEqualsTheEquationsOfMethodSection5PerNeuron(RepetitionInfo info) {
        Random r = new Random(900 + info.getCurrentRepetition());
        Case c = Case.random(r, false);
        Surrogate surrogate = Surrogate.values()[r.nextInt(Surrogate.values().length)];
        boolean detach = r.nextInt(3) == 0;
        boolean dropout = r.nextBoolean();
        int steps = c.steps();
        int perStep = c.perStep();
        double[][] gradOut = new double[steps][perStep];
        double[] keep = new double[perStep];
        for (int j = 0; j < perStep; j++) {
            keep[j] = !dropout ? 1.0 : r.nextInt(4) == 0 ? 0.0 : 1 / 0.75;
            for (int t = 0; t < steps; t++) {
                gradOut[t][j] = r.nextGaussian();
            }
        }
        INDArray current = Nd4j.createFromArray(c.current());
        INDArray potentials = Nd4j.zeros(DataType.DOUBLE, steps, perStep);
        c.kernel().forward(current, Nd4j.zeros(DataType.DOUBLE, steps, perStep), potentials,
                Nd4j.zeros(DataType.DOUBLE, 1, perStep));
        INDArray gradIn = Nd4j.zeros(DataType.DOUBLE, steps, perStep);
        IFKernel.ParamGradients p = c.kernel().backward(potentials, Nd4j.createFromArray(gradOut),
                dropout ? Nd4j.createFromArray(new double[][] {keep}) : null, gradIn,
                Nd4j.zeros(DataType.DOUBLE, 6, perStep), surrogate, detach);

        double theta = c.kernel().theta();
        double lambda = c.kernel().lambda();
        boolean subtract = c.kernel().reset() == ResetMode.SUBTRACT;
        double dTheta = 0;
        double dLambda = 0;
        for (int j = 0; j < perStep; j++) {
            NeuronDynamics.Trace trace = c.reference().run(c.series(j));
            double gR = 0;
            for (int t = steps - 1; t >= 0; t--) {
                double u = trace.beforeReset()[t];
                double o = trace.spikes()[t];
                double h = derivative(surrogate, u / theta - 1);
                double gO = gradOut[t][j] * keep[j];
                double dRdU;
                double dRdTheta;
                if (subtract) {
                    dRdU = detach ? 1 : 1 - h;
                    dRdTheta = detach ? -o : h * u / theta - o;
                } else {
                    dRdU = detach ? 1 - o : (1 - o) - u * h / theta;
                    dRdTheta = detach ? 0 : u * u * h / (theta * theta);
                }
                double dU = gR * dRdU + gO * h / theta;
                assertEquals(dU, gradIn.getDouble(t, j), 1e-9 * (1 + Math.abs(dU)), "dL/dI neuron " + j + " step " + t);
                dLambda += dU * (t == 0 ? c.kernel().u0() : trace.afterReset()[t - 1]);
                dTheta += -gO * h * u / (theta * theta) + gR * dRdTheta;
                gR = lambda * dU;
            }
        }
        assertEquals(dTheta, p.theta(), 1e-9 * (1 + Math.abs(dTheta)), "dL/dtheta");
        assertEquals(dLambda, p.lambda(), 1e-9 * (1 + Math.abs(dLambda)), "dL/dlambda");
    }

    /** H'(x) as METHOD.md §5 writes it. */
    private static double derivative(Surrogate s, double x) {
        return switch (s) {
            case BOXCAR -> Math.abs(x) < 1 ? 1 : 0;
            case TRIANGLE -> Math.max(0, 1 - Math.abs(x));
            case FAST_SIGMOID -> 1 / Math.pow(1 + Surrogate.FAST_SIGMOID_SLOPE * Math.abs(x), 2);
        };
    }

    @ParameterizedTest
    @EnumSource(Surrogate.class)
    void derivativeAtPotentialIsTheDerivativeOfTheScaledPotential(Surrogate s) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double theta = type == DataType.FLOAT ? (float) 0.7 : 0.7;
            Nd4j.getRandom().setSeed(11);
            INDArray u = Nd4j.randn(type, 1, 2000).muli(2 * theta);
            u.putScalar(0, 0.0);
            u.putScalar(1, theta);
            u.putScalar(2, 2 * theta);
            INDArray h = Nd4j.createUninitialized(type, 1, 2000);
            s.derivativeAtPotential(u, theta, h, Nd4j.createUninitialized(type, 1, 2000));
            INDArray expected = s.derivative(u.div(theta).subi(1.0));
            assertEquals(0, expected.sub(h).amaxNumber().doubleValue(), type == DataType.FLOAT ? 1e-6 : 1e-12,
                    s + " " + type);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void aPotentialExactlyOnThetaFiresAndOneJustBelowDoesNot(DataType type) {
        double theta = type == DataType.FLOAT ? (float) 0.3 : 0.3;
        double below = type == DataType.FLOAT ? Math.nextDown((float) theta) : Math.nextDown(theta);
        INDArray current = Nd4j.createFromArray(new double[][] {{theta, below, 0.0, -theta}}).castTo(type);
        INDArray spikes = Nd4j.zeros(type, 1, 4);
        new IFKernel(theta, 1.0, 0.0, ResetMode.SUBTRACT, null, type).forward(current, spikes, null,
                Nd4j.zeros(type, 1, 4));
        assertArrayEquals(new double[] {1, 0, 0, 0}, spikes.toDoubleVector());
    }
}
