package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ullsnn.experiment.FineTuneRun;
import org.ullsnn.experiment.MetricsTable;
import org.ullsnn.nn.train.EpochMetrics;
import tech.tablesaw.api.Table;

/**
 * Training curves per epoch: DNN training ({@code runs/<name>/metrics.csv}) and SNN fine-tuning
 * ({@code runs/<name>/finetune/<strategy>-T<T>/metrics.csv}, {@code drift.csv}).
 * <ul>
 *   <li>{@link #accuracy} and {@link #loss}: columns {@code epoch} and {@code test_accuracy} (a fraction, drawn in
 *       percent) or {@code train_loss}, as {@link MetricsTable#of} writes them; several runs side by side from a
 *       map of name to table.</li>
 *   <li>{@link #fineTuning}: the SNN's test accuracy from epoch 0 (as converted, before fine-tuning) on, and the
 *       accuracy before fine-tuning as a dashed reference.</li>
 *   <li>{@link #thresholdDrift} and {@link #leakDrift}: columns {@code epoch}, {@code layer} and {@code theta} or
 *       {@code lambda} ({@code FineTuning.driftTable}), one line per layer.</li>
 * </ul>
 */
public final class TrainingCharts {

    /** The series of a single run's curve. */
    public static final String SINGLE_RUN = "test accuracy";

    private static final String ACCURACY = "test_accuracy";
    private static final String LOSS = "train_loss";

    private TrainingCharts() {
    }

    /** Test accuracy per epoch of one run; series {@value #SINGLE_RUN}. */
    public static XYChart accuracy(Table metrics) {
        return accuracy(Map.of(SINGLE_RUN, notNull(metrics)));
    }

    /** Test accuracy per epoch of several runs, one series per entry, in the map's order. */
    public static XYChart accuracy(Map<String, Table> runs) {
        return curves(runs, ACCURACY, 100, "Test accuracy per epoch", "test accuracy (%)");
    }

    /** Mean training loss per epoch of one run; series {@code "train loss"}. */
    public static XYChart loss(Table metrics) {
        return loss(Map.of("train loss", notNull(metrics)));
    }

    /** Mean training loss per epoch of several runs, one series per entry, in the map's order. */
    public static XYChart loss(Map<String, Table> runs) {
        return curves(runs, LOSS, 1, "Training loss per epoch", "mean batch loss (cross-entropy + L2)");
    }

    /** A fine-tuning run: {@link FineTuneRun.Result#accuracyBefore()} then its history. */
    public static XYChart fineTuning(FineTuneRun.Result run) {
        if (run == null) {
            throw new IllegalArgumentException("the fine-tuning chart needs a run, got null");
        }
        return fineTuning(run.accuracyBefore(), run.history());
    }

    /**
     * Series {@code "SNN test accuracy"} (epochs 0..n, epoch 0 = {@code accuracyBefore}) and
     * {@code "before fine-tuning"} (dashed).
     */
    public static XYChart fineTuning(double accuracyBefore, List<EpochMetrics> history) {
        if (history == null || history.isEmpty()) {
            throw new IllegalArgumentException("the fine-tuning chart needs at least one epoch of history");
        }
        if (!(accuracyBefore >= 0 && accuracyBefore <= 1)) {
            throw new IllegalArgumentException("accuracy before fine-tuning must be in [0, 1], got " + accuracyBefore);
        }
        List<Double> epochs = new ArrayList<>(List.of(0.0));
        List<Double> acc = new ArrayList<>(List.of(100 * accuracyBefore));
        for (EpochMetrics m : history) {
            epochs.add((double) m.epoch());
            acc.add(100 * m.testAccuracy());
        }
        double last = epochs.get(epochs.size() - 1);
        XYChart chart = ChartDefaults.xy(String.format(Locale.ROOT,
                "SNN fine-tuning: test accuracy per epoch (%.2f %% before, %.2f %% after)", 100 * accuracyBefore,
                acc.get(acc.size() - 1)), "epoch (0 = as converted)", "test accuracy (%)");
        chart.addSeries("SNN test accuracy", epochs, acc).setMarker(SeriesMarkers.CIRCLE);
        XYSeries before = chart.addSeries("before fine-tuning", new double[] {0, last},
                new double[] {100 * accuracyBefore, 100 * accuracyBefore});
        ChartDefaults.reference(before);
        ChartDefaults.integerXTicks(chart);
        return chart;
    }

    /** Threshold theta per IF layer and epoch (epoch 0 = as converted). */
    public static XYChart thresholdDrift(Table drift) {
        return drift(drift, "theta", "Threshold per layer during fine-tuning", "threshold theta");
    }

    /** Leak lambda per IF layer and epoch (epoch 0 = as converted). */
    public static XYChart leakDrift(Table drift) {
        return drift(drift, "lambda", "Leak per layer during fine-tuning", "leak lambda");
    }

    private static Table notNull(Table metrics) {
        if (metrics == null) {
            throw new IllegalArgumentException("a training curve needs a metrics table, got null");
        }
        return metrics;
    }

    private static XYChart drift(Table drift, String column, String title, String yTitle) {
        String figure = "the " + column + " drift chart";
        Columns.require(drift, figure, "epoch", "layer", column);
        List<Integer> rows = Columns.allRows(drift);
        XYChart chart = ChartDefaults.xy(title, "epoch (0 = as converted)", yTitle);
        for (String layer : Columns.distinct(drift, "layer", rows)) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int r : Columns.rowsWhere(drift, "layer", layer, rows)) {
                x.add(Columns.number(drift, "epoch", r));
                y.add(Columns.number(drift, column, r));
            }
            chart.addSeries(layer, x, y);   // each layer its own colour and marker shape (ChartDefaults)
        }
        ChartDefaults.integerXTicks(chart);
        return chart;
    }

    private static XYChart curves(Map<String, Table> runs, String column, double scale, String title, String yTitle) {
        String figure = "the " + column + " curve";
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException(figure + " needs at least one metrics table");
        }
        Map<String, Table> ordered = new LinkedHashMap<>(runs);
        XYChart chart = ChartDefaults.xy(title, "epoch", yTitle);
        ordered.forEach((name, t) -> {
            Columns.require(t, figure + " of '" + name + "'", "epoch", column);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int r = 0; r < t.rowCount(); r++) {
                x.add(Columns.number(t, "epoch", r));
                y.add(scale * Columns.number(t, column, r));
            }
            chart.addSeries(name, x, y);
        });
        ChartDefaults.integerXTicks(chart);
        return chart;
    }
}
