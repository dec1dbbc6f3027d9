package org.ullsnn.convert;

/**
 * Li et al.'s (ICML 2021) layer threshold, as in their code ({@code find_threshold_mse}): with {@code m} the largest
 * activation, the {@code theta} among {@code m (1 - 0.01 i)}, {@code i = 0..94}, that minimises the mean squared
 * error between the activation and its T-level floor quantisation {@code (theta/T) clip(floor(T a/theta), 0, T)}.
 */
final class MmseThreshold {

    /** Li et al.'s grid: 95 points from m down to 0.06 m. */
    static final int POINTS = 95;
    private static final double STEP = 0.01;

    /**
     * The chosen threshold, its grid index (0 = the largest activation) and the largest activation.
     */
    record Result(double theta, int index, double max) {

        /** The edge-of-grid warning, if the optimum is the first or last point. */
        java.util.Optional<String> edgeWarning(String strategy, String layer, int timesteps) {
            return GridEdge.check(strategy, layer, timesteps, "theta", theta, index, POINTS, max,
                    max * (1 - STEP * (POINTS - 1)));
        }
    }

    private MmseThreshold() {
    }

    /** The MMSE threshold of activations {@code a} for T steps; ties go to the larger threshold. */
    static Result fit(String layer, double[] a, int timesteps) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, x);
        }
        if (!(m > 0)) {
            throw new IllegalArgumentException("layer " + layer + ": no positive activation in the calibration "
                    + "samples, so there is no threshold to fit");
        }
        int best = 0;
        double bestError = Double.POSITIVE_INFINITY;
        for (int i = 0; i < POINTS; i++) {
            double error = error(a, m * (1 - STEP * i), timesteps);
            if (error < bestError) {
                bestError = error;
                best = i;
            }
        }
        return new Result(m * (1 - STEP * best), best, m);
    }

    /** Mean squared quantisation error of {@code a} at threshold {@code theta}. */
    static double error(double[] a, double theta, int timesteps) {
        double sum = 0;
        for (double x : a) {
            double level = Math.min(Math.max(Math.floor(timesteps * x / theta), 0), timesteps);
            double e = x - level * theta / timesteps;
            sum += e * e;
        }
        return sum / a.length;
    }
}
