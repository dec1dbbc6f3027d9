package org.ullsnn.convert;

import org.ullsnn.snn.ResetMode;

/**
 * The spike count of one integrate-and-fire neuron over a current series: {@code U_0 = u0},
 * {@code U_t = U_{t-1} + I_t + shift}, a spike when {@code U_t >= theta}, then the reset. The scalar model the
 * calibration strategies search with (the same dynamics as {@code IFKernel} and {@code NeuronDynamics}).
 */
final class IfCount {

    private IfCount() {
    }

    /** Spikes over {@code current.length} steps. */
    static int count(double[] current, double shift, double theta, double u0, ResetMode reset) {
        double u = u0;
        int spikes = 0;
        for (double i : current) {
            u += i + shift;
            if (u >= theta) {
                spikes++;
                u = reset == ResetMode.SUBTRACT ? u - theta : 0;
            }
        }
        return spikes;
    }
}
