package org.ullsnn.stats;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * A candidate model of a layer's positive pre-activations {@code z > 0} (METHOD.md §4 "Distributions"): one
 * record per family, holding its parameters. The full model of the layer is zero-inflated
 * ({@link ZeroInflated}): {@code P(z <= 0) = p0} from the exact counts, and the family for the rest.
 * <p>Every family is fitted by maximum likelihood to the positive samples (closed forms, except gamma's
 * shape; see each record) and compared by AIC ({@link DistributionFitter}). Cdf, density and quantiles come
 * from Apache Commons Statistics ({@link #distribution()}).
 * <p>The set of families is closed: {@link #all()} lists one {@link Estimator} per permitted record, in
 * the order fits are reported, and a test checks it against {@code getPermittedSubclasses()}.
 * <pre>{@code
 * Gamma g = Gamma.fit(layer.positiveSamples());
 * double logL = g.logLikelihood(layer.positiveSamples());
 * }</pre>
 */
public sealed interface DistributionFamily permits Uniform, HalfNormal, Exponential, Gamma, LogNormal, Laplace {

    /** The family's short name, e.g. {@code gamma}. */
    String familyName();

    /** The number of free parameters {@code k} (for AIC {@code = 2k - 2 log L}). */
    int parameterCount();

    /** Parameter names and values, in the record's order. */
    Map<String, Double> parameters();

    /**
     * The Commons Statistics distribution with these parameters. Built on each call: in a loop, call it once
     * and keep it.
     */
    ContinuousDistribution distribution();

    /** {@code F(z) = P(Z <= z)}. */
    default double cdf(double z) {
        return distribution().cumulativeProbability(z);
    }

    /** {@code f(z)}. */
    default double density(double z) {
        return distribution().density(z);
    }

    /**
     * The partial moment {@code E[Z^k 1{l < Z <= r}] = int_l^r z^k f(z) dz} for {@code k = 0, 1, 2}, in closed
     * form from Commons Statistics' cdfs (each record gives its formula); {@code l} may be {@code -Infinity} and
     * {@code r} {@code +Infinity}. The conversion-error integrals ({@link ConversionError#fitted}) are sums of
     * these.
     *
     * @throws IllegalArgumentException if {@code k} is not 0, 1 or 2, or {@code l > r}, or either is NaN
     */
    double partialMoment(int k, double l, double r);

    /** {@code log f(z)}. */
    default double logDensity(double z) {
        return distribution().logDensity(z);
    }

    /** {@code log L = sum_i log f(z_i)}. */
    default double logLikelihood(double[] z) {
        ContinuousDistribution d = distribution();
        double sum = 0;
        for (double x : z) {
            sum += d.logDensity(x);
        }
        return sum;
    }

    /** The parameters as {@code name=value, ...}. */
    default String describe() {
        StringBuilder sb = new StringBuilder();
        parameters().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=')
                .append(String.format(Locale.ROOT, "%.6g", v)));
        return sb.toString();
    }

    /**
     * The maximum-likelihood estimator of one family.
     *
     * @param name the family's short name
     * @param type the record it produces
     * @param mle  positive samples to fitted record
     */
    record Estimator<T extends DistributionFamily>(String name, Class<T> type, Function<double[], T> mle) {

        public Estimator {
            Checks.named("estimator name", name);
            Checks.notNull("type", type);
            Checks.notNull("mle", mle);
        }

        /** The MLE of this family on {@code positives} (each finite and {@code > 0}). */
        public T fit(double[] positives) {
            return mle.apply(positives);
        }
    }

    /** One estimator per family, in report order. */
    static List<Estimator<?>> all() {
        return List.of(
                new Estimator<>(Uniform.NAME, Uniform.class, Uniform::fit),
                new Estimator<>(HalfNormal.NAME, HalfNormal.class, HalfNormal::fit),
                new Estimator<>(Exponential.NAME, Exponential.class, Exponential::fit),
                new Estimator<>(Gamma.NAME, Gamma.class, Gamma::fit),
                new Estimator<>(LogNormal.NAME, LogNormal.class, LogNormal::fit),
                new Estimator<>(Laplace.NAME, Laplace.class, Laplace::fit));
    }
}
