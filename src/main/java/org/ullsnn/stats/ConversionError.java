package org.ullsnn.stats;

import java.util.Arrays;
import java.util.function.Function;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The expected conversion error of one layer (METHOD.md §4): the SNN output {@code y(z) = v N_T(z) / T}
 * ({@link ConversionSetting}) against the DNN activation {@code a(z) = clip(z, 0, mu)}, as
 * {@code E[y - a]} and {@code E[(y - a)^2]} ({@link ErrorMoments}) under three distributions of {@code z}:
 * <ol>
 *   <li>{@link #empirical empirical}: the layer's samples. Every {@code z <= 0} has {@code y = a = 0}
 *       ({@code u0 < theta}), so with {@code p0} the exact fraction of {@code z <= 0} and
 *       {@code z_1..z_n} the positive samples:
 *       <pre>E[g(e)] = (1 - p0) (1/n) sum_i g(e(z_i))</pre>
 *       The reservoir is a sample of <em>all</em> values, so its own share of non-positive values is only an
 *       estimate of {@code p0}; the exact count replaces it. When every value was kept this is the plain
 *       mean over all values.</li>
 *   <li>{@link #fitted fitted}: a {@link ZeroInflated} density, integrated in closed form:
 *       <pre>E[g(e)] = (1 - p0) int_0^inf g(y(z) - a(z)) f(z) dz</pre>
 *       {@code y} is constant between the breakpoints {@code z_k = (k theta - u0) / T} and {@code a} is
 *       {@code z} below {@code mu} and {@code mu} above, so the integral splits into pieces at the
 *       {@code z_k} and {@code mu}. On a piece {@code (l, r]} with {@code y = c}:
 *       <ul>
 *         <li>above {@code mu} the error is the constant {@code c - mu}: exact, times {@code P(l < Z <= r)};</li>
 *         <li>below {@code mu} the error is {@code c - z}, a polynomial, so with the family's partial moments
 *             {@code M_k = E[Z^k 1{l < Z <= r}]} ({@link DistributionFamily#partialMoment}, closed forms from
 *             Commons Statistics' cdfs, finite even where {@code f} is singular, as gamma's at 0 with shape
 *             {@code < 1}):
 *             <pre>
 * int_l^r (c - z) f   = c M_0 - M_1
 * int_l^r (c - z)^2 f = c^2 M_0 - 2 c M_1 + M_2</pre></li>
 *         <li>beyond {@code max(z_T, mu)} the error is the constant {@code v - mu}: exact, times
 *             {@code P(Z > max(z_T, mu))}. For a plain ReLU ({@code mu = +Infinity}) the last piece
 *             {@code a = z} runs to infinity, in closed form too.</li>
 *       </ul>
 *       The closed forms replaced a composite Gauss-Legendre quadrature (after an integration by parts, with the
 *       ReLU tail cut at the {@code 1 - 10^-12} quantile), which was off by up to {@code 7.5e-7} where the
 *       density is singular at 0 (gamma, shape 1/2) and by {@code 1e-10} to {@code 5e-9} at a kink or the cut
 *       tail; {@code ConversionErrorTest} checks them against a 30-digit reference and keeps the former
 *       numbers.</li>
 *   <li>{@link #uniformAssumption uniform assumption}: the non-zero pre-activations uniform on
 *       {@code (0, mu)}, with the layer's own {@code p0}; the fitted case with {@code Uniform(mu)}. Under it
 *       the half-threshold shift ({@code theta = v = mu}, {@code u0 = theta / 2}) has mean error 0 and
 *       {@code MSE = (1 - p0) (mu / T)^2 / 12}; plain {@code u0 = 0} has mean {@code -(1 - p0) mu / (2T)} and
 *       {@code MSE = (1 - p0) (mu / T)^2 / 3}.</li>
 * </ol>
 */
public final class ConversionError {

    private ConversionError() {
    }

    /** {@code e(z) = y(z) - a(z) = v N_T(z) / T - clip(z, 0, mu)}. */
    public static double error(double z, double mu, ConversionSetting setting) {
        return setting.output(z) - Math.min(Math.max(z, 0.0), mu);
    }

    /** Under the layer's samples, with its exact {@code p0} and its {@code mu}. */
    public static ErrorMoments empirical(LayerDistribution layer, ConversionSetting setting) {
        Checks.notNull("layer", layer);
        return empirical(layer.positiveSamples(), layer.fractionAtOrBelowZero(), layer.mu(), setting);
    }

    /**
     * Under samples: {@code (1 - p0) (1/n) sum_i g(e(z_i))} over the positive samples.
     *
     * @param positives the samples {@code z_i > 0}
     * @param p0        the fraction of all values with {@code z <= 0}
     * @param mu        the clip value ({@code +Infinity} for a plain ReLU)
     * @throws IllegalArgumentException if {@code p0 < 1} but there is no positive sample
     */
    public static ErrorMoments empirical(double[] positives, double p0, double mu, ConversionSetting setting) {
        Checks.notNull("positives", positives);
        Checks.probability("p0", p0);
        Checks.clipValue("mu", mu);
        Checks.notNull("setting", setting);
        if (positives.length == 0) {
            if (p0 == 1) {
                return new ErrorMoments(0, 0);
            }
            throw new IllegalArgumentException("P(z > 0) = " + (1 - p0) + " but there is no positive sample; capture"
                    + " with a larger reservoir");
        }
        double sum = 0;
        double sumSquares = 0;
        for (double z : positives) {
            if (!(z > 0)) {
                throw new IllegalArgumentException("positive samples must be > 0, got " + z);
            }
            double e = error(z, mu, setting);
            sum += e;
            sumSquares += e * e;
        }
        double w = (1 - p0) / positives.length;
        return new ErrorMoments(w * sum, w * sumSquares);
    }

    /** Under a zero-inflated density, integrated piece by piece in closed form (see the class comment). */
    public static ErrorMoments fitted(ZeroInflated model, double mu, ConversionSetting setting) {
        Checks.notNull("model", model);
        Checks.clipValue("mu", mu);
        Checks.notNull("setting", setting);
        DistributionFamily family = model.positive();
        ContinuousDistribution d = family.distribution();
        int t = setting.timesteps();
        double[] points = new double[t + 2];
        points[0] = 0;
        for (int k = 1; k <= t; k++) {
            points[k] = setting.breakpoint(k);
        }
        points[t + 1] = Double.isFinite(mu) ? mu : 0;
        Arrays.sort(points);
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i + 1 < points.length; i++) {
            double l = points[i];
            double r = points[i + 1];
            if (!(r > l)) {
                continue;
            }
            double c = setting.output((l + r) / 2);
            if ((l + r) / 2 >= mu) {
                double e = c - mu;
                double p = d.probability(l, r);
                m1 += e * p;
                m2 += e * e * p;
            } else {
                double[] piece = linearPiece(family, c, l, r);
                m1 += piece[0];
                m2 += piece[1];
            }
        }
        double top = points[points.length - 1];
        if (Double.isFinite(mu)) {
            double e = setting.v() - mu;
            double p = d.survivalProbability(top);
            m1 += e * p;
            m2 += e * e * p;
        } else {
            double[] piece = linearPiece(family, setting.v(), top, Double.POSITIVE_INFINITY);
            m1 += piece[0];
            m2 += piece[1];
        }
        double w = 1 - model.p0();
        return new ErrorMoments(w * m1, Math.max(0.0, w * m2));
    }

    /**
     * Under the uniform assumption: a fraction {@code p0} at or below zero (zero error) and the rest uniform on
     * {@code (0, mu)}.
     *
     * @param mu finite clip value
     */
    public static ErrorMoments uniformAssumption(double p0, double mu, ConversionSetting setting) {
        Checks.finitePositive("mu (the uniform assumption needs a finite clip value)", mu);
        return fitted(new ZeroInflated(p0, new Uniform(mu)), mu, setting);
    }

    /** Under the uniform assumption with the layer's exact {@code p0} and its {@code mu}. */
    public static ErrorMoments uniformAssumption(LayerDistribution layer, ConversionSetting setting) {
        Checks.notNull("layer", layer);
        return uniformAssumption(layer.fractionAtOrBelowZero(), layer.mu(), setting);
    }

    /**
     * One row per layer: the setting {@code settings} gives it, and the mean error and MSE under the samples,
     * under the best fitted family ({@code fits}; NaN when none was fitted) and under the uniform assumption
     * (NaN for a plain ReLU).
     */
    public static Table table(NetworkDistribution network, NetworkFit fits,
            Function<LayerDistribution, ConversionSetting> settings) {
        Checks.notNull("network", network);
        Checks.notNull("fits", fits);
        Checks.notNull("settings", settings);
        StringColumn layer = StringColumn.create("layer");
        DoubleColumn mu = DoubleColumn.create("mu");
        DoubleColumn theta = DoubleColumn.create("theta");
        DoubleColumn v = DoubleColumn.create("v");
        DoubleColumn u0 = DoubleColumn.create("u0");
        IntColumn t = IntColumn.create("T");
        DoubleColumn empiricalMean = DoubleColumn.create("empirical_mean_error");
        DoubleColumn empiricalMse = DoubleColumn.create("empirical_mse");
        StringColumn family = StringColumn.create("fitted_family");
        DoubleColumn fittedMean = DoubleColumn.create("fitted_mean_error");
        DoubleColumn fittedMse = DoubleColumn.create("fitted_mse");
        DoubleColumn uniformMean = DoubleColumn.create("uniform_mean_error");
        DoubleColumn uniformMse = DoubleColumn.create("uniform_mse");
        for (LayerDistribution d : network.layers()) {
            ConversionSetting s = Checks.notNull("setting of " + d.layer(), settings.apply(d));
            layer.append(d.layer());
            mu.append(d.mu());
            theta.append(s.theta());
            v.append(s.v());
            u0.append(s.u0());
            t.append(s.timesteps());
            ErrorMoments e = empirical(d, s);
            empiricalMean.append(e.meanError());
            empiricalMse.append(e.meanSquaredError());
            LayerFit lf = fits.layer(d.layer());
            if (lf.best().isPresent()) {
                ErrorMoments f = fitted(lf.bestModel(), d.mu(), s);
                family.append(lf.best().get().family());
                fittedMean.append(f.meanError());
                fittedMse.append(f.meanSquaredError());
            } else {
                family.append("none");
                fittedMean.append(Double.NaN);
                fittedMse.append(Double.NaN);
            }
            if (Double.isFinite(d.mu())) {
                ErrorMoments u = uniformAssumption(d, s);
                uniformMean.append(u.meanError());
                uniformMse.append(u.meanSquaredError());
            } else {
                uniformMean.append(Double.NaN);
                uniformMse.append(Double.NaN);
            }
        }
        return Table.create("conversion error", layer, mu, theta, v, u0, t, empiricalMean, empiricalMse, family,
                fittedMean, fittedMse, uniformMean, uniformMse);
    }

    /** {@code [int_l^r (c - z) f, int_l^r (c - z)^2 f] = [c M_0 - M_1, c^2 M_0 - 2 c M_1 + M_2]}. */
    private static double[] linearPiece(DistributionFamily family, double c, double l, double r) {
        double m0 = family.partialMoment(0, l, r);
        double m1 = family.partialMoment(1, l, r);
        double m2 = family.partialMoment(2, l, r);
        double first = c * m0 - m1;
        double second = c * first - (c * m1 - m2);
        return new double[] {first, second};
    }
}
