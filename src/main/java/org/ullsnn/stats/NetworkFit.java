package org.ullsnn.stats;

import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The family fits of every spiking layer of a network, in topological order.
 *
 * @param layers one per layer
 */
public record NetworkFit(List<LayerFit> layers) {

    public NetworkFit {
        layers = List.copyOf(Checks.notNull("layers", layers));
    }

    /** The fits of the layer named {@code name}. */
    public LayerFit layer(String name) {
        return layers.stream().filter(f -> f.layer().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no spiking layer '" + name + "'; layers are "
                        + layers.stream().map(LayerFit::layer).toList()));
    }

    /**
     * One row per layer and family: layer, family, parameters, k, n (positive samples), p0, log_likelihood,
     * aic, delta_aic (to the layer's best), ks, best (one {@code true} per layer: smallest AIC). A layer with
     * no fitted family gets one row with family {@code none} and NaN numbers.
     */
    public Table toTable() {
        StringColumn layer = StringColumn.create("layer");
        StringColumn family = StringColumn.create("family");
        StringColumn parameters = StringColumn.create("parameters");
        IntColumn k = IntColumn.create("k");
        IntColumn n = IntColumn.create("n_positive");
        DoubleColumn p0 = DoubleColumn.create("p0");
        DoubleColumn logL = DoubleColumn.create("log_likelihood");
        DoubleColumn aic = DoubleColumn.create("aic");
        DoubleColumn deltaAic = DoubleColumn.create("delta_aic");
        DoubleColumn ks = DoubleColumn.create("ks");
        BooleanColumn best = BooleanColumn.create("best");
        for (LayerFit lf : layers) {
            if (lf.fits().isEmpty()) {
                layer.append(lf.layer());
                family.append("none");
                parameters.append("");
                k.append(0);
                n.append(lf.positives());
                p0.append(lf.p0());
                logL.append(Double.NaN);
                aic.append(Double.NaN);
                deltaAic.append(Double.NaN);
                ks.append(Double.NaN);
                best.append(false);
                continue;
            }
            FamilyFit top = lf.best().orElseThrow();
            for (FamilyFit f : lf.fits()) {
                layer.append(lf.layer());
                family.append(f.family());
                parameters.append(f.distribution().describe());
                k.append(f.distribution().parameterCount());
                n.append(f.positives());
                p0.append(lf.p0());
                logL.append(f.logLikelihood());
                aic.append(f.aic());
                deltaAic.append(f.aic() - top.aic());
                ks.append(f.ks());
                best.append(f == top);
            }
        }
        return Table.create("distribution fits", layer, family, parameters, k, n, p0, logL, aic, deltaAic, ks, best);
    }
}
