package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.ullsnn.experiment.ConversionSweep;
import org.ullsnn.snn.LayerSpikes;
import org.ullsnn.snn.SimulationResult;
import tech.tablesaw.api.Table;

/**
 * Spike sparsity per layer: grouped bars of the firing rate (spikes per neuron per time step, in [0, 1]) of every IF
 * layer, one bar per strategy.
 * <p>Input: named {@link SimulationResult}s, or the sweep's spike table {@link ConversionSweep.Result#spikeTable()}
 * ({@code spike_rates.csv}) at one T. Columns read: {@code strategy}, {@code T}, {@code layer},
 * {@code firing_rate}.
 * <pre>{@code
 * CategoryChart c = SpikeRateChart.perLayer(sweep, 2);
 * }</pre>
 */
public final class SpikeRateChart {

    static final String FIGURE = "the spike-rate chart";
    static final String Y_TITLE = "firing rate (spikes per neuron per step)";

    private SpikeRateChart() {
    }

    /**
     * One series per entry (its key), in the map's order; layers in order of first appearance.
     *
     * @throws IllegalArgumentException when the map is empty
     */
    public static CategoryChart perLayer(Map<String, SimulationResult> simulations) {
        if (simulations == null || simulations.isEmpty()) {
            throw new IllegalArgumentException(FIGURE + " needs at least one simulation");
        }
        Set<String> layerSet = new LinkedHashSet<>();
        Set<Integer> ts = new LinkedHashSet<>();
        simulations.values().forEach(s -> {
            s.layers().forEach(l -> layerSet.add(l.layer()));
            ts.add(s.timesteps());
        });
        List<String> layers = List.copyOf(layerSet);
        CategoryChart chart = ChartDefaults.category("Firing rate per layer, T = "
                + (ts.size() == 1 ? ts.iterator().next().toString() : ts.toString()), "layer", Y_TITLE);
        simulations.forEach((name, sim) -> {
            List<Double> rates = new ArrayList<>();
            for (String layer : layers) {
                rates.add(sim.layers().stream().filter(l -> l.layer().equals(layer)).findFirst()
                        .map(LayerSpikes::firingRate).map(Columns::finiteOrNull).orElse(null));
            }
            chart.addSeries(name, layers, rates);
        });
        return chart;
    }

    /** The sweep's spike table at T. */
    public static CategoryChart perLayer(ConversionSweep.Result sweep, int timesteps) {
        if (sweep == null || sweep.cells().isEmpty()) {
            throw new IllegalArgumentException(FIGURE + " needs a sweep with at least one converted cell");
        }
        return perLayer(sweep.spikeTable(), timesteps);
    }

    /**
     * The rows at T; one series per strategy, in order of first appearance.
     *
     * @throws IllegalArgumentException naming a missing column or a T the table lacks
     */
    public static CategoryChart perLayer(Table spikes, int timesteps) {
        Columns.require(spikes, FIGURE, "strategy", "T", "layer", "firing_rate");
        List<Integer> rows = Columns.rowsAt(spikes, FIGURE, timesteps);
        List<String> layers = Columns.distinct(spikes, "layer", rows);
        CategoryChart chart = ChartDefaults.category("Firing rate per layer, T = " + timesteps, "layer", Y_TITLE);
        for (String strategy : Columns.distinct(spikes, "strategy", rows)) {
            List<Integer> own = Columns.rowsWhere(spikes, "strategy", strategy, rows);
            List<Double> rates = new ArrayList<>();
            for (String layer : layers) {
                List<Integer> at = Columns.rowsWhere(spikes, "layer", layer, own);
                rates.add(at.isEmpty() ? null : Columns.finiteOrNull(Columns.number(spikes, "firing_rate", at.get(0))));
            }
            chart.addSeries(strategy, layers, rates);
        }
        return chart;
    }
}
