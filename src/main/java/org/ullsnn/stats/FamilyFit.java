package org.ullsnn.stats;

/**
 * One family fitted to one layer's positive samples {@code z_1..z_n > 0}.
 * <pre>
 * log L = sum_i log f(z_i)                 at the MLE parameters
 * AIC   = 2k - 2 log L                     k = the family's parameter count
 * KS    = sup_z |F_n(z) - F(z)|            F_n the empirical cdf of the z_i
 * </pre>
 * The zero-inflation weight {@code p0} is common to all families of a layer and not counted in {@code k},
 * so comparing AIC on the positive samples ranks the full zero-inflated models the same way.
 *
 * @param distribution  the fitted family
 * @param positives     {@code n}, the number of positive samples, {@code >= 1}
 * @param logLikelihood {@code log L}
 * @param aic           {@code 2k - 2 log L}
 * @param ks            the Kolmogorov-Smirnov statistic, in [0, 1]
 */
public record FamilyFit(DistributionFamily distribution, int positives, double logLikelihood, double aic,
        double ks) {

    public FamilyFit {
        Checks.notNull("distribution", distribution);
        Checks.positive("positives", positives);
        if (Double.isNaN(logLikelihood)) {
            throw new IllegalArgumentException(distribution.familyName() + ": log-likelihood must not be NaN");
        }
        double expected = 2.0 * distribution.parameterCount() - 2.0 * logLikelihood;
        if (Double.compare(aic, expected) != 0) {
            throw new IllegalArgumentException(distribution.familyName() + ": aic must be 2k - 2 log L = " + expected
                    + ", got " + aic);
        }
        Checks.probability("KS statistic of " + distribution.familyName(), ks);
    }

    /** The fit from the log-likelihood, AIC computed as {@code 2k - 2 log L}. */
    public static FamilyFit of(DistributionFamily distribution, int positives, double logLikelihood, double ks) {
        return new FamilyFit(distribution, positives, logLikelihood,
                2.0 * distribution.parameterCount() - 2.0 * logLikelihood, ks);
    }

    /** The family's name. */
    public String family() {
        return distribution.familyName();
    }
}
