package org.ullsnn.stats;

/**
 * The plain numbers of one converted layer, and the spike count of an IF neuron with soft reset under a
 * constant input (METHOD.md §3-4).
 * <p>Neuron: {@code U(0) = u0}; at each step {@code t = 1..T}: {@code U = U + z};
 * {@code o(t) = 1[U >= theta]}; {@code U = U - theta o(t)}. Under a constant drive {@code z} it fires
 * <pre>
 * N_T(z) = clip(floor((T z + u0) / theta), 0, T)        spikes in T steps
 * y(z)   = v N_T(z) / T                                  SNN output (rate times v)
 * a(z)   = clip(z, 0, mu)                                DNN activation
 * </pre>
 * Example: {@code theta = 1, u0 = 0.5, T = 4, z = 0.3}: {@code N = floor((1.2 + 0.5) / 1) = 1}; the neuron's
 * membrane goes 0.8, 1.1 (spike, back to 0.1), 0.4, 0.7.
 * <p><b>Why the formula holds</b> (for {@code 0 <= u0 < theta}). Let {@code R(t)} be the membrane after
 * step {@code t}'s reset, so {@code R(t) = u0 + t z - theta N_t}.
 * <ul>
 *   <li>{@code 0 <= z < theta}: by induction {@code 0 <= R(t) < theta}. True at {@code t = 0}. If it holds at
 *       {@code t - 1}, then {@code U = R(t-1) + z} lies in {@code [0, 2 theta)}: at most one spike, and after
 *       the reset {@code R(t)} is again in {@code [0, theta)}. So {@code t z + u0 = theta N_t + R(t)} with
 *       {@code 0 <= R(t) < theta}: {@code N_t = floor((t z + u0) / theta)}, which is {@code <= t}.</li>
 *   <li>{@code z >= theta}: {@code U >= R(t-1) + theta >= theta} at every step (R never drops below 0), so it
 *       fires every step, {@code N_T = T}; and {@code (T z + u0) / theta >= T}, which the clip maps to T.</li>
 *   <li>{@code z < 0}: {@code U(t) = u0 + t z < theta}, no spike; {@code (T z + u0) / theta < 1}, so the floor
 *       is {@code <= 0}, clipped to 0.</li>
 * </ul>
 * Spikes are binary, so at most one per step even when {@code U >= 2 theta}; the clip at {@code T} is exactly
 * that. With {@code u0 < 0} or {@code u0 >= theta} the formula fails (e.g. {@code u0 = -theta, z = 1.5 theta}:
 * no spike at step 1, yet the formula says T), hence the rule {@code 0 <= u0 < theta}. It also makes every
 * {@code z <= 0} silent: {@code y = a = 0} there.
 * <p>{@code N_T} is piecewise constant, stepping up by one at {@code z_k = (k theta - u0) / T},
 * {@code k = 1..T} ({@link #breakpoint(int)}).
 * <p>Special case: {@code theta = v = mu}, {@code u0 = theta / 2} gives the T-level rounded clip
 * {@code y(z) = (mu / T) clip(floor(T z / mu + 1/2), 0, T)}.
 * <p>This is the neuron with reset by subtraction (the paper's). A neuron reset to zero loses the surplus above
 * theta and fires every {@code ceil(theta / z)} steps; the alpha/beta fit of a network built with reset to zero
 * counts its spikes with the scalar neuron ({@code snn.NeuronDynamics}) instead, and the conversion-error model
 * here stays that of reset by subtraction.
 *
 * @param theta     threshold, finite and {@code > 0}
 * @param v         output scale (the value one spike stands for), finite
 * @param u0        initial membrane, {@code 0 <= u0 < theta}
 * @param timesteps {@code T >= 1}
 */
public record ConversionSetting(double theta, double v, double u0, int timesteps) {

    public ConversionSetting {
        Checks.finitePositive("theta", theta);
        Checks.finite("v", v);
        if (!(u0 >= 0 && u0 < theta)) {
            throw new IllegalArgumentException("u0 must be in [0, theta) = [0, " + theta + "), got " + u0);
        }
        Checks.positive("timesteps T", timesteps);
    }

    /** {@code N_T(z) = clip(floor((T z + u0) / theta), 0, T)} for this setting. */
    public int spikeCount(double z) {
        return spikeCount(z, theta, u0, timesteps);
    }

    /** {@code y(z) = v N_T(z) / T}. */
    public double output(double z) {
        return v * spikeCount(z) / timesteps;
    }

    /** {@code z_k = (k theta - u0) / T}: the smallest {@code z} with {@code N_T(z) >= k}, {@code 1 <= k <= T}. */
    public double breakpoint(int k) {
        if (k < 1 || k > timesteps) {
            throw new IllegalArgumentException("breakpoint index k must be in [1, T] = [1, " + timesteps + "], got "
                    + k);
        }
        return (k * theta - u0) / timesteps;
    }

    /**
     * Spikes of a soft-reset IF neuron in {@code T} steps under the constant input {@code z}:
     * {@code N_T(z) = clip(floor((T z + u0) / theta), 0, T)}; valid for {@code 0 <= u0 < theta} (see the class
     * comment; arguments are not re-checked here, this is the hot path).
     *
     * @throws IllegalArgumentException if {@code z} is NaN
     */
    public static int spikeCount(double z, double theta, double u0, int timesteps) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("input z must not be NaN");
        }
        double x = (timesteps * z + u0) / theta;
        if (x >= timesteps) {
            return timesteps;
        }
        if (x < 1) {
            return 0;
        }
        return (int) Math.floor(x);
    }
}
