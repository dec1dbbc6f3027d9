package org.ullsnn.snn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Offset-spike calibration (Hao et al., ICLR 2023, "Bridging the Gap between ANNs and SNNs by Calibrating Offset
 * Spikes"; as in their code, github.com/hzc1208/ANN2SNN_COS), per sample and neuron at inference: the layer first runs
 * its first {@code rho} input steps; a negative residual potential after a spike means one spike too many, a residual
 * at or above theta one too few. The start potential is then moved by one theta (or more, enough to remove the weakest
 * spike or to reach the strongest miss), and the layer runs its whole input again from there; only that second run is
 * output. One round, as their code runs it.
 */
public final class OffsetSpikes {

    private OffsetSpikes() {
    }

    /**
     * The shift of each neuron's start potential after the pre-run.
     *
     * @param current [T, P] currents; the first {@code rho} rows are pre-run
     * @param rho     pre-run steps, 1 to T
     * @param start   each neuron's start potential {@code R_{-1}} (u0 plus any per-neuron initial potential), length P
     * @return the shift per neuron: 0, {@code -theta max(1, U_min/theta - 0.999)} after a spike too many, or
     *         {@code theta max(1, 1.001 - V_max/theta)} for a spike too few (one theta when no step stayed below)
     */
    public static double[] startShift(INDArray current, int rho, double theta, double lambda, double[] start,
            ResetMode reset) {
        if (rho < 1 || rho > current.size(0)) {
            throw new IllegalArgumentException("the offset-spike pre-run needs 1 <= rho <= T = " + current.size(0)
                    + ", got " + rho);
        }
        int p = (int) current.size(1);
        float[][] rows = new float[rho][];
        for (int t = 0; t < rho; t++) {
            rows[t] = current.getRow(t).toFloatVector();
        }
        double[] shift = new double[p];
        for (int j = 0; j < p; j++) {
            double r = start[j];
            boolean fired = false;
            double uMin = Double.POSITIVE_INFINITY;
            double vMax = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < rho; t++) {
                double u = lambda * r + rows[t][j];
                if (u >= theta) {
                    fired = true;
                    uMin = Math.min(uMin, u);
                    r = reset == ResetMode.SUBTRACT ? u - theta : 0;
                } else {
                    vMax = Math.max(vMax, u);
                    r = u;
                }
            }
            if (fired && r < 0) {
                shift[j] = -theta * Math.max(1, uMin / theta - 0.999);
            } else if (r >= theta) {
                shift[j] = vMax == Double.NEGATIVE_INFINITY ? theta : theta * Math.max(1, 1.001 - vMax / theta);
            }
        }
        return shift;
    }
}
