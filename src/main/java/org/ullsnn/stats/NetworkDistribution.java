package org.ullsnn.stats;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The pre-activation distributions of every spiking layer of a network, in topological order, as
 * {@link DistributionCapture} measured them.
 *
 * @param layers one entry per spiking layer, names unique, at least one
 * @param images how many calibration images produced them
 * @param config how they were captured
 */
public record NetworkDistribution(List<LayerDistribution> layers, long images, CaptureConfig config) {

    /** The percentiles of {@code a} shown by {@link #toTable()}. */
    static final double[] TABLE_PERCENTS = {50, 99, 99.9, 99.99};

    public NetworkDistribution {
        Checks.notNull("layers", layers);
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network distribution needs at least one layer, got none");
        }
        Set<String> names = new HashSet<>();
        for (LayerDistribution d : layers) {
            if (!names.add(d.layer())) {
                throw new IllegalArgumentException("layer names must be unique, got '" + d.layer() + "' twice");
            }
        }
        if (images < 1) {
            throw new IllegalArgumentException("images must be >= 1, got " + images);
        }
        Checks.notNull("config", config);
    }

    /** The layer named {@code name}. */
    public LayerDistribution layer(String name) {
        return layers.stream().filter(d -> d.layer().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no spiking layer '" + name + "'; layers are "
                        + layers.stream().map(LayerDistribution::layer).toList()));
    }

    /**
     * One row per layer: index, layer, mu, count, the fractions {@code P(z <= 0)}, {@code P(0 < z < mu)},
     * {@code P(z >= mu)}, min and max of {@code z}, the 50th/99th/99.9th/99.99th percentiles of
     * {@code a = clip(z, 0, mu)} (HF7), the sample size and {@code exact} (percentiles from all values rather
     * than from the reservoir).
     */
    public Table toTable() {
        IntColumn index = IntColumn.create("index");
        StringColumn layer = StringColumn.create("layer");
        DoubleColumn mu = DoubleColumn.create("mu");
        LongColumn count = LongColumn.create("count");
        DoubleColumn low = DoubleColumn.create("frac_z_le_0");
        DoubleColumn inside = DoubleColumn.create("frac_inside");
        DoubleColumn clipped = DoubleColumn.create("frac_clipped");
        DoubleColumn min = DoubleColumn.create("min_z");
        DoubleColumn max = DoubleColumn.create("max_z");
        DoubleColumn[] percentiles = new DoubleColumn[TABLE_PERCENTS.length];
        for (int i = 0; i < TABLE_PERCENTS.length; i++) {
            percentiles[i] = DoubleColumn.create("p" + format(TABLE_PERCENTS[i]) + "_a");
        }
        IntColumn samples = IntColumn.create("samples");
        BooleanColumn exact = BooleanColumn.create("exact");
        for (int l = 0; l < layers.size(); l++) {
            LayerDistribution d = layers.get(l);
            index.append(l);
            layer.append(d.layer());
            mu.append(d.mu());
            count.append(d.count());
            low.append(d.fractionAtOrBelowZero());
            inside.append(d.fractionInside());
            clipped.append(d.fractionClipped());
            min.append(d.min());
            max.append(d.max());
            double[] p = d.activationPercentiles(QuantileMethod.HF7, TABLE_PERCENTS);
            for (int i = 0; i < p.length; i++) {
                percentiles[i].append(p[i]);
            }
            samples.append(d.sampleSize());
            exact.append(d.exact());
        }
        Table t = Table.create("pre-activation distributions", index, layer, mu, count, low, inside, clipped, min,
                max);
        t.addColumns(percentiles);
        t.addColumns(samples, exact);
        return t;
    }

    private static String format(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }
}
