package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.ullsnn.experiment.ConversionSweep;
import org.ullsnn.stats.NetworkDistribution;
import org.ullsnn.stats.NetworkFit;
import tech.tablesaw.api.Table;

/**
 * The expected conversion error per layer (METHOD.md §4): grouped bars of {@code E[(y - a)^2]}, one group per layer,
 * one bar per strategy and {@link ErrorModel} (by default the samples against the uniform assumption, which is
 * where the assumption fails).
 * <p>Input: the conversion-error table, {@link ConversionSweep.Result#errorTable} ({@code conversion_error.csv}) or
 * {@link org.ullsnn.stats.ConversionError#table} for one strategy. Columns read: {@code layer}, {@code T}, the
 * chosen models' MSE columns ({@code empirical_mse}, {@code fitted_mse}, {@code uniform_mse}) and, when present,
 * {@code strategy}. Without a {@code strategy} column the series are named by the model alone. A NaN MSE (no fitted
 * family; the uniform assumption of a plain ReLU) leaves its bar out.
 * <pre>{@code
 * CategoryChart c = ConversionErrorChart.mse(sweep.errorTable(distribution, fits), 2);
 * }</pre>
 */
public final class ConversionErrorChart {

    static final String FIGURE = "the conversion-error chart";

    private ConversionErrorChart() {
    }

    /** The sweep's error table at T, samples against the uniform assumption. */
    public static CategoryChart mse(ConversionSweep.Result sweep, NetworkDistribution distribution, NetworkFit fits,
            int timesteps) {
        if (sweep == null || sweep.cells().isEmpty()) {
            throw new IllegalArgumentException(FIGURE + " needs a sweep with at least one converted cell");
        }
        return mse(sweep.errorTable(distribution, fits), timesteps);
    }

    /** The rows at T, samples ({@link ErrorModel#EMPIRICAL}) against the uniform assumption ({@link ErrorModel#UNIFORM}). */
    public static CategoryChart mse(Table errors, int timesteps) {
        return mse(errors, timesteps, ErrorModel.EMPIRICAL, ErrorModel.UNIFORM);
    }

    /**
     * The rows at T; series {@code "<strategy>: <model label>"} (or the model label alone without a strategy column),
     * strategies in order of first appearance, each followed by its models in the order given.
     *
     * @throws IllegalArgumentException naming a missing column, a T the table lacks, or no model
     */
    public static CategoryChart mse(Table errors, int timesteps, ErrorModel... models) {
        if (models == null || models.length == 0) {
            throw new IllegalArgumentException(FIGURE + " needs at least one error model, got none");
        }
        List<String> needed = new ArrayList<>(List.of("layer", "T"));
        Arrays.stream(models).map(ErrorModel::mseColumn).forEach(needed::add);
        Columns.require(errors, FIGURE, needed.toArray(String[]::new));
        List<Integer> rows = Columns.rowsAt(errors, FIGURE, timesteps);
        boolean byStrategy = errors.containsColumn("strategy");
        List<String> layers = Columns.distinct(errors, "layer", rows);
        List<String> strategies = byStrategy ? Columns.distinct(errors, "strategy", rows) : List.of("");

        CategoryChart chart = ChartDefaults.category("Conversion error per layer: E[(y - a)^2] at T = " + timesteps,
                "layer", "mean squared error (y - a)^2");
        for (String strategy : strategies) {
            List<Integer> own = byStrategy ? Columns.rowsWhere(errors, "strategy", strategy, rows) : rows;
            for (ErrorModel m : models) {
                List<Double> values = new ArrayList<>();
                for (String layer : layers) {
                    List<Integer> at = Columns.rowsWhere(errors, "layer", layer, own);
                    values.add(at.isEmpty() ? null
                            : Columns.finiteOrNull(Columns.number(errors, m.mseColumn(), at.get(0))));
                }
                String name = byStrategy ? strategy + ": " + m.label() : m.label();
                chart.addSeries(name, layers, values);
            }
        }
        return chart;
    }
}
