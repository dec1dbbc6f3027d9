package org.ullsnn.convert;

import org.ullsnn.snn.ResetMode;

/**
 * Li et al.'s (ICML 2021) calibrations of one layer, as their code does them (github.com/yhhhli/SNN_Calibration), one
 * shot per layer, every earlier layer already corrected.
 *
 * <p>Bias correction ({@link #fit}, {@code emp_bias_corr}, on paired SNN samples): theta from
 * {@link MmseThreshold}, v = theta, u0 = 0, the current shifted by {@code theta / (2T)} (their {@code enable_shift})
 * and by the bias correction {@code delta_c = mean_c a - mean_c y} per channel, with {@code y = theta N / T} the SNN
 * output under the shift. Their code takes the channel means over a whole batch; here they are taken over the
 * paired samples of each channel.
 */
final class LiCalibration {

    /**
     * A corrected layer.
     *
     * @param threshold the MMSE threshold and its grid position
     * @param shift     {@code theta / (2T) + delta_c} per channel
     */
    record Result(MmseThreshold.Result threshold, double[] shift) {
    }

    private LiCalibration() {
    }

    /**
     * Potential correction ({@code --calib advanced} on CIFAR): per neuron, {@code T (mean a - mean y)}, the charge
     * that moves the neuron's mean output onto the DNN's mean activation (about one spike of value v per theta of
     * charge, v = theta). Unclamped, as in their code: it may be negative or above theta.
     *
     * @param dnnMean per neuron, the DNN's mean activation
     * @param snnMean per neuron, the SNN's mean output with the layer's threshold and shift in place
     */
    static double[] potentialCorrection(double[] dnnMean, double[] snnMean, int timesteps) {
        return potentialCorrection(dnnMean, snnMean, timesteps, 1.0);
    }

    /**
     * The potential correction for a layer whose spike stands for {@code v != theta}: a charge q moves the mean
     * spike count by about {@code q / theta} and the output by {@code v q / (theta T)}, so the charge per neuron is
     * {@code T (theta / v) (mean a - mean y)}.
     *
     * @param thetaOverV the layer's {@code theta / v} (1 in Li et al.)
     */
    static double[] potentialCorrection(double[] dnnMean, double[] snnMean, int timesteps, double thetaOverV) {
        if (dnnMean.length != snnMean.length) {
            throw new IllegalArgumentException("need one SNN mean per DNN mean: " + dnnMean.length + " vs "
                    + snnMean.length);
        }
        double[] u = new double[dnnMean.length];
        for (int j = 0; j < u.length; j++) {
            u[j] = timesteps * thetaOverV * (dnnMean[j] - snnMean[j]);
        }
        return u;
    }

    static Result fit(String layer, PairedSamples pairs, int timesteps, ResetMode reset) {
        double[] a = pairs.activations();
        MmseThreshold.Result mmse = MmseThreshold.fit(layer, a, timesteps);
        double theta = mmse.theta();
        double half = theta / (2.0 * timesteps);
        double[] error = new double[a.length]; // a_i - y_i
        for (int i = 0; i < a.length; i++) {
            error[i] = a[i] - theta * IfCount.count(pairs.currents()[i], half, theta, 0, reset) / timesteps;
        }
        double[] shift = ChannelMeans.of(error, pairs.channels(), pairs.channelCount());
        for (int c = 0; c < shift.length; c++) {
            shift[c] += half;
        }
        return new Result(mmse, shift);
    }
}
