package org.ullsnn.convert;

/** Per-channel means of per-sample values, the reduction the bias corrections share. */
final class ChannelMeans {

    private ChannelMeans() {
    }

    /**
     * The mean of {@code x_i} over the samples of each channel; 0 for a channel without samples (no evidence, no
     * correction).
     */
    static double[] of(double[] x, int[] channels, int channelCount) {
        double[] sum = new double[channelCount];
        long[] n = new long[channelCount];
        for (int i = 0; i < x.length; i++) {
            sum[channels[i]] += x[i];
            n[channels[i]]++;
        }
        for (int c = 0; c < channelCount; c++) {
            sum[c] = n[c] == 0 ? 0 : sum[c] / n[c];
        }
        return sum;
    }

    /**
     * The current drift of a layer per channel, {@code delta_c = mean_c (z_i - mean_t I_i(t))}: what to add to the
     * SNN current so that its time average matches the DNN pre-activation on average over the channel's samples.
     * The DNN and SNN values are paired (same image, same neuron), so the difference is far less noisy than
     * either mean.
     */
    static double[] currentDrift(PairedSamples pairs) {
        double[] d = new double[pairs.size()];
        for (int i = 0; i < d.length; i++) {
            double mean = 0;
            for (double c : pairs.currents()[i]) {
                mean += c;
            }
            d[i] = pairs.preActivations()[i] - mean / pairs.timesteps();
        }
        return of(d, pairs.channels(), pairs.channelCount());
    }
}
