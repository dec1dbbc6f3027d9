package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.ullsnn.experiment.LayerAgreement;

/**
 * How each spiking layer follows its DNN, as lines over the layers (one series per measured conversion, named by
 * its strategy): Pearson's r between DNN activation and SNN output, or the firing rate
 * ({@link LayerAgreement}). A layer whose r is NaN (its SNN output constant) is left as a gap.
 * <pre>{@code
 * CategoryChart c = LayerAgreementChart.correlation(List.of(agreementA, agreementB));
 * }</pre>
 */
public final class LayerAgreementChart {

    static final String FIGURE = "the layer-agreement chart";

    private LayerAgreementChart() {
    }

    /**
     * Pearson's r per layer.
     *
     * @throws IllegalArgumentException when the list is empty
     */
    public static CategoryChart correlation(List<LayerAgreement> agreements) {
        return chart(agreements, "Correlation of SNN output with DNN activation per layer",
                "Pearson r (DNN activation, SNN output v N / T)", LayerAgreement.Layer::correlation);
    }

    /**
     * Spikes per neuron per step, per layer.
     *
     * @throws IllegalArgumentException when the list is empty
     */
    public static CategoryChart firingRate(List<LayerAgreement> agreements) {
        return chart(agreements, "Firing rate per layer", SpikeRateChart.Y_TITLE, LayerAgreement.Layer::firingRate);
    }

    private static CategoryChart chart(List<LayerAgreement> agreements, String title, String yTitle,
            ToDoubleFunction<LayerAgreement.Layer> metric) {
        if (agreements == null || agreements.isEmpty()) {
            throw new IllegalArgumentException(FIGURE + " needs at least one measured conversion");
        }
        Set<String> layerSet = new LinkedHashSet<>();
        Set<Integer> ts = new LinkedHashSet<>();
        agreements.forEach(a -> {
            a.layers().forEach(l -> layerSet.add(l.layer()));
            ts.add(a.timesteps());
        });
        List<String> layers = List.copyOf(layerSet);
        CategoryChart chart = ChartDefaults.category(title + ", T = "
                + (ts.size() == 1 ? ts.iterator().next().toString() : ts.toString()), "layer", yTitle);
        ChartDefaults.lines(chart);
        for (LayerAgreement a : agreements) {
            List<Double> values = new ArrayList<>();
            for (String layer : layers) {
                values.add(a.layers().stream().filter(l -> l.layer().equals(layer)).findFirst()
                        .map(l -> Columns.finiteOrNull(metric.applyAsDouble(l))).orElse(null));
            }
            chart.addSeries(ts.size() == 1 ? a.strategy() : a.strategy() + " T=" + a.timesteps(), layers, values);
        }
        return chart;
    }
}
