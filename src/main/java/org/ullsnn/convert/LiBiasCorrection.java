package org.ullsnn.convert;

import org.ullsnn.snn.ResetMode;

/**
 * Li et al.'s (ICML 2021) light calibration of one layer, on paired SNN samples, as their code does it
 * ({@code emp_bias_corr}, one shot per layer, every earlier layer already corrected): theta from
 * {@link MmseThreshold}, v = theta, u0 = 0, the current shifted by {@code theta / (2T)} (their {@code enable_shift})
 * and by the bias correction {@code delta_c = mean_c a - mean_c y} per channel, with {@code y = theta N / T} the SNN
 * output under the shift. Their code takes the channel means over a whole batch; here they are taken over the
 * paired samples of each channel.
 */
final class LiBiasCorrection {

    /**
     * A corrected layer.
     *
     * @param threshold the MMSE threshold and its grid position
     * @param shift     {@code theta / (2T) + delta_c} per channel
     */
    record Result(MmseThreshold.Result threshold, double[] shift) {
    }

    private LiBiasCorrection() {
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
