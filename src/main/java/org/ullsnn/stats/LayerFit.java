package org.ullsnn.stats;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every family fitted to one layer, in {@link DistributionFamily#all()} order.
 * <p><b>Best family: the smallest AIC</b>; on a tie, the earlier family in {@link DistributionFamily#all()}
 * (the simpler ones come first). {@code fits} is empty when the layer has fewer than two distinct positive
 * samples: no two-parameter family can be fitted then, and the one-parameter ones would say nothing.
 *
 * @param layer     the layer's name
 * @param mu        its clip value
 * @param p0        {@code P(z <= 0)} from the exact counts
 * @param positives the number of positive samples fitted
 * @param fits      one per family, or none
 */
public record LayerFit(String layer, double mu, double p0, int positives, List<FamilyFit> fits) {

    public LayerFit {
        Checks.named("layer", layer);
        Checks.clipValue("mu of " + layer, mu);
        Checks.probability("p0 of " + layer, p0);
        if (positives < 0) {
            throw new IllegalArgumentException("positives must be >= 0, got " + positives);
        }
        fits = List.copyOf(Checks.notNull("fits", fits));
    }

    /** The family with the smallest AIC (earliest on a tie), or empty when nothing was fitted. */
    public Optional<FamilyFit> best() {
        return fits.stream().min(Comparator.comparingDouble(FamilyFit::aic));
    }

    /**
     * The zero-inflated model with the best family.
     *
     * @throws IllegalStateException if no family was fitted
     */
    public ZeroInflated bestModel() {
        FamilyFit best = best().orElseThrow(() -> new IllegalStateException("layer " + layer + " has no fitted"
                + " family: it needs at least two distinct positive samples, got " + positives + " positive"));
        return new ZeroInflated(p0, best.distribution());
    }

    /** The fit of the family named {@code family}. */
    public FamilyFit fit(String family) {
        return fits.stream().filter(f -> f.family().equals(family)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("layer " + layer + " has no fit of '" + family
                        + "'; fitted: " + fits.stream().map(FamilyFit::family).toList()));
    }
}
