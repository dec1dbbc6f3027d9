package org.ullsnn.snn;

/**
 * One neuron's IF/LIF dynamics in plain Java, step by step (METHOD.md §3): the reference the multi-step
 * layer's native kernel ({@link IFKernel}) is tested against, and how membrane traces are replayed from
 * recorded input currents. {@link #run} and both {@code spikeCount}s share one step rule ({@link #integrate},
 * {@link #fires}, {@link #afterSpike}).
 * <pre>
 * U(t) = lambda U(t-1) + I(t),  o(t) = 1[U(t) &gt;= theta],  U(t) = U(t) - theta o(t)  (or U(t) (1 - o(t)))
 * </pre>
 *
 * @param theta  threshold, {@code > 0}
 * @param lambda leak, 1 for IF
 * @param u0     initial potential {@code U(0)}
 * @param reset  reset after a spike
 */
public record NeuronDynamics(double theta, double lambda, double u0, ResetMode reset) {

    public NeuronDynamics {
        if (!(theta > 0) || !Double.isFinite(theta)) {
            throw new IllegalArgumentException("threshold theta must be finite and > 0, got " + theta);
        }
        if (!Double.isFinite(lambda) || !Double.isFinite(u0)) {
            throw new IllegalArgumentException("lambda and u0 must be finite, got " + lambda + ", " + u0);
        }
        if (reset == null) {
            throw new IllegalArgumentException("reset mode must be set");
        }
    }

    /** The IF neuron of the paper: leak 1, reset by subtraction. */
    public static NeuronDynamics integrateAndFire(double theta, double u0) {
        return new NeuronDynamics(theta, 1.0, u0, ResetMode.SUBTRACT);
    }

    /**
     * Runs the neuron over {@code current.length} steps.
     *
     * @return per step: the potential before the reset ({@code U(t)} after integrating), the spike, and the
     *         potential after the reset
     */
    public Trace run(double[] current) {
        int steps = current.length;
        double[] beforeReset = new double[steps];
        double[] afterReset = new double[steps];
        int[] spikes = new int[steps];
        double u = u0;
        for (int t = 0; t < steps; t++) {
            u = integrate(u, current[t]);
            beforeReset[t] = u;
            if (fires(u)) {
                spikes[t] = 1;
                u = afterSpike(u);
            }
            afterReset[t] = u;
        }
        return new Trace(current.clone(), beforeReset, spikes, afterReset);
    }

    /** The number of spikes over the steps of {@code current}. */
    public int spikeCount(double[] current) {
        double u = u0;
        int count = 0;
        for (double i : current) {
            u = integrate(u, i);
            if (fires(u)) {
                count++;
                u = afterSpike(u);
            }
        }
        return count;
    }

    /**
     * The number of spikes under the constant current {@code current} over {@code steps} steps: what
     * {@link #spikeCount(double[])} gives for {@code steps} copies of it, without the array.
     *
     * @param steps {@code >= 0}
     */
    public int spikeCount(double current, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        double u = u0;
        int count = 0;
        for (int t = 0; t < steps; t++) {
            u = integrate(u, current);
            if (fires(u)) {
                count++;
                u = afterSpike(u);
            }
        }
        return count;
    }

    /** {@code U(t) = lambda U(t-1) + I(t)}. */
    private double integrate(double u, double current) {
        return lambda * u + current;
    }

    /** {@code o(t) = 1[U(t) >= theta]}. */
    private boolean fires(double u) {
        return u >= theta;
    }

    /** The reset after a spike: {@code U - theta} or 0. */
    private double afterSpike(double u) {
        return reset == ResetMode.SUBTRACT ? u - theta : 0.0;
    }

    /**
     * A neuron's course over T steps.
     *
     * @param current      input current I(t)
     * @param beforeReset  U(t) after integrating I(t), before any reset
     * @param spikes       o(t), 0 or 1
     * @param afterReset   U(t) after the reset, carried to step t+1
     */
    public record Trace(double[] current, double[] beforeReset, int[] spikes, double[] afterReset) {
    }
}
