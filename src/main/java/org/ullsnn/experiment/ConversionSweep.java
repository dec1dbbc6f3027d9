package org.ullsnn.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.LayerSpikes;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.Simulator;
import org.ullsnn.stats.ConversionError;
import org.ullsnn.stats.ConversionSetting;
import org.ullsnn.stats.NetworkDistribution;
import org.ullsnn.stats.NetworkFit;
import org.ullsnn.convert.LayerThreshold;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import org.ullsnn.stats.ProportionInterval;
import tech.tablesaw.api.Table;

/**
 * Strategies x T: converts a DNN with each strategy and simulates it on test data. A strategy that does not
 * depend on T is converted once at the largest T and simulated once; its accuracy at every smaller T is read
 * off the running output sum (METHOD.md §3). T-dependent strategies (the fitted ones, custom lambdas), and every
 * strategy when the base settings ask for weight calibration, are converted and simulated once per T and reported
 * at t = T.
 */
public final class ConversionSweep {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionSweep.class);

    private ConversionSweep() {
    }

    /** One converted and simulated (strategy, T). */
    public record Cell(String strategy, int timesteps, ConversionResult conversion, SimulationResult simulation) {
    }

    /**
     * A (strategy, T) that could not be converted, e.g. a layer that never fires on the calibration samples.
     *
     * @param strategy  the strategy's name
     * @param timesteps T
     * @param reason    the converter's message, naming the layer
     */
    public record Failure(String strategy, int timesteps, String reason) {
    }

    /** All cells of a sweep, the failed ones, and the DNN's accuracy on the same test data. */
    public record Result(double dnnAccuracy, List<Cell> cells, List<Failure> failures) {

        public Result {
            cells = List.copyOf(cells);
            failures = List.copyOf(failures);
        }

        /** strategy, T, reason for every (strategy, T) that could not be converted. */
        public Table failureTable() {
            return Table.create("failed conversions",
                    StringColumn.create("strategy", failures.stream().map(Failure::strategy).toList()),
                    IntColumn.create("T", failures.stream().mapToInt(Failure::timesteps).toArray()),
                    StringColumn.create("reason", failures.stream().map(Failure::reason).toList()));
        }

        /**
         * strategy, T, accuracy, DNN accuracy, spikes per image, and the accuracy's 95 % Wilson interval over the test
         * images ({@link ProportionInterval}): accuracy_low, accuracy_high; and calibration_s, the seconds the
         * conversion took without the shared DNN capture (a strategy that does not depend on T is converted once,
         * at the largest T, and that time is shown at every T).
         */
        public Table accuracyTable() {
            StringColumn strategy = StringColumn.create("strategy");
            IntColumn t = IntColumn.create("T");
            DoubleColumn acc = DoubleColumn.create("accuracy");
            DoubleColumn dnn = DoubleColumn.create("dnn_accuracy");
            DoubleColumn spikes = DoubleColumn.create("spikes_per_image");
            DoubleColumn low = DoubleColumn.create("accuracy_low");
            DoubleColumn high = DoubleColumn.create("accuracy_high");
            DoubleColumn seconds = DoubleColumn.create("calibration_s");
            for (Cell c : cells) {
                strategy.append(c.strategy());
                t.append(c.timesteps());
                acc.append(c.simulation().finalAccuracy());
                dnn.append(dnnAccuracy);
                spikes.append(c.simulation().spikesPerSample());
                ProportionInterval ci = ProportionInterval.ofAccuracy(c.simulation().finalAccuracy(),
                        c.simulation().samples());
                low.append(ci.low());
                high.append(ci.high());
                seconds.append(c.conversion().calibrationSeconds());
            }
            return Table.create("accuracy by strategy and T", strategy, t, acc, dnn, spikes, low, high, seconds);
        }

        /** The accuracy table pivoted: one row per strategy, one column per T (percent; NaN where it failed). */
        public Table pivot() {
            List<Integer> ts = java.util.stream.Stream.concat(cells.stream().map(Cell::timesteps),
                    failures.stream().map(Failure::timesteps)).distinct().sorted().toList();
            List<String> strategies = java.util.stream.Stream.concat(cells.stream().map(Cell::strategy),
                    failures.stream().map(Failure::strategy)).distinct().toList();
            StringColumn name = StringColumn.create("strategy");
            List<DoubleColumn> cols = new ArrayList<>();
            ts.forEach(t -> cols.add(DoubleColumn.create("T=" + t)));
            for (String s : strategies) {
                name.append(s);
                for (int i = 0; i < ts.size(); i++) {
                    int t = ts.get(i);
                    cols.get(i).append(cells.stream().filter(c -> c.strategy().equals(s) && c.timesteps() == t)
                            .mapToDouble(c -> 100 * c.simulation().finalAccuracy()).findFirst().orElse(Double.NaN));
                }
            }
            name.append("DNN");
            cols.forEach(c -> c.append(100 * dnnAccuracy));
            Table table = Table.create("test accuracy (%) by strategy and T", name);
            cols.forEach(table::addColumns);
            return table;
        }

        /**
         * {@link #pivot()} with each accuracy's 95 % Wilson interval over the test images, as text:
         * {@code "47.12 [46.14, 48.10]"} (percent; {@code "failed"} where the cell could not be converted). The DNN's
         * row uses the same number of test images as the cells.
         */
        public Table pivotWithIntervals() {
            Table numbers = pivot();
            long samples = cells.isEmpty() ? 0 : cells.get(0).simulation().samples();
            Table out = Table.create("test accuracy (%) by strategy and T, with 95 % intervals over "
                    + String.format(Locale.ROOT, "%,d", samples) + " test images", numbers.stringColumn("strategy").copy());
            for (String column : numbers.columnNames().subList(1, numbers.columnCount())) {
                int t = Integer.parseInt(column.substring(2));
                StringColumn text = StringColumn.create(column);
                for (int row = 0; row < numbers.rowCount(); row++) {
                    String strategy = numbers.stringColumn("strategy").get(row);
                    boolean dnn = row == numbers.rowCount() - 1;
                    long n = dnn ? samples : cells.stream().filter(c -> c.strategy().equals(strategy) && c.timesteps() == t)
                            .mapToLong(c -> c.simulation().samples()).findFirst().orElse(0);
                    double percent = numbers.doubleColumn(column).getDouble(row);
                    text.append(Double.isNaN(percent) || n == 0 ? "failed" : withInterval(percent / 100, n));
                }
                out.addColumns(text);
            }
            return out;
        }

        private static String withInterval(double accuracy, long samples) {
            ProportionInterval ci = ProportionInterval.ofAccuracy(accuracy, samples);
            return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", 100 * accuracy, 100 * ci.low(), 100 * ci.high());
        }

        /** strategy, T, layer, neurons, spikes per image, firing rate. */
        public Table spikeTable() {
            StringColumn strategy = StringColumn.create("strategy");
            IntColumn t = IntColumn.create("T");
            StringColumn layer = StringColumn.create("layer");
            DoubleColumn perImage = DoubleColumn.create("spikes_per_image");
            DoubleColumn rate = DoubleColumn.create("firing_rate");
            for (Cell c : cells) {
                for (LayerSpikes l : c.simulation().layers()) {
                    strategy.append(c.strategy());
                    t.append(c.timesteps());
                    layer.append(l.layer());
                    perImage.append(l.spikesPerSample());
                    rate.append(l.firingRate());
                }
            }
            return Table.create("spike rates", strategy, t, layer, perImage, rate);
        }

        /**
         * The conversion-error model of every cell's thresholds, per layer: mean error and MSE between the DNN
         * activation and the constant-drive SNN output under the calibration samples, under the best fitted
         * zero-inflated family, and under the uniform assumption (METHOD.md §4).
         */
        public Table errorTable(NetworkDistribution distribution, NetworkFit fits) {
            Table all = null;
            for (Cell c : cells) {
                java.util.Map<String, LayerThreshold> chosen = new java.util.HashMap<>();
                c.conversion().layers().forEach(l -> chosen.put(l.layer(), l.threshold()));
                Table t = ConversionError.table(distribution, fits, d -> {
                    LayerThreshold th = chosen.get(d.layer());
                    return new ConversionSetting(th.theta(), th.v(), th.u0(), c.timesteps());
                });
                StringColumn strategy = StringColumn.create("strategy");
                for (int i = 0; i < t.rowCount(); i++) {
                    strategy.append(c.strategy());
                }
                t.insertColumn(0, strategy);
                t.setName("conversion error");
                all = all == null ? t : all.append(t);
            }
            return all;
        }

        /** strategy, T, layer, mu, theta, v, u0, alpha, beta, fractions of z. */
        public Table thresholdTable() {
            StringColumn strategy = StringColumn.create("strategy");
            IntColumn t = IntColumn.create("T");
            Table all = null;
            for (Cell c : cells) {
                Table layers = c.conversion().toTable();
                for (int i = 0; i < layers.rowCount(); i++) {
                    strategy.append(c.strategy());
                    t.append(c.timesteps());
                }
                layers.setName("thresholds");
                all = all == null ? layers : all.append(layers);
            }
            if (all == null) {
                return Table.create("thresholds", strategy, t);
            }
            all.insertColumn(0, t);
            all.insertColumn(0, strategy);
            return all;
        }
    }

    /**
     * Runs the sweep.
     *
     * @param dnn          the trained DNN (not changed)
     * @param distribution its capture on the calibration images (shared by all cells)
     * @param base         conversion settings; strategy and T are replaced per cell
     * @param strategies   strategies to compare
     * @param timesteps    values of T, each {@code >= 1}
     * @param test         fresh test iterators
     */
    public static Result run(ComputationGraph dnn, NetworkDistribution distribution, ConvertConfig base,
            List<ThresholdStrategy> strategies, List<Integer> timesteps, Supplier<DataSetIterator> test,
            double dnnAccuracy, ProgressListener progress) {
        if (strategies.isEmpty() || timesteps.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one strategy and one T");
        }
        List<Integer> ts = timesteps.stream().distinct().sorted().toList();
        ts.forEach(t -> {
            if (t < 1) {
                throw new IllegalArgumentException("timesteps T must be >= 1, got " + t);
            }
        });
        int maxT = ts.get(ts.size() - 1);
        List<Cell> cells = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        // strategies often agree (max-norm, percentile and trained clip on a saturating ClipReLU net): an SNN
        // identical to one already simulated at the same T reuses that simulation
        Map<String, SimulationResult> simulated = new HashMap<>();
        for (ThresholdStrategy s : strategies) {
            String label = base.withStrategy(s).label();
            // weights calibrated at one T are not read off at another: with weight calibration every T converts
            boolean perT = s.dependsOnTimesteps() || base.weightCalibration() != null;
            // largest T first: the simulation workspace learns its largest size once instead of growing at every T
            List<Integer> conversions = perT ? ts.stream().sorted(Comparator.reverseOrder()).toList() : List.of(maxT);
            int strategyStart = cells.size();
            int failuresStart = failures.size();
            for (int convertT : conversions) {
                ConversionResult c;
                try {
                    c = Converter.convert(dnn, distribution, base.withStrategy(s).withTimesteps(convertT), progress);
                } catch (IllegalArgumentException e) {
                    List<Integer> lost = perT ? List.of(convertT) : ts;
                    lost.forEach(t -> failures.add(new Failure(label, t, e.getMessage())));
                    LOG.warn("sweep strategy={} T={} failed: {}", label, convertT, e.getMessage());
                    continue;
                }
                String fingerprint = c.snn().fingerprint();
                SimulationResult sim = simulated.get(fingerprint);
                if (sim == null) {
                    sim = Simulator.run(c.snn(), test.get(), progress);
                    simulated.put(fingerprint, sim);
                } else {
                    LOG.info("sweep strategy={} T={}: the same SNN as one simulated before, simulation reused",
                            label, convertT);
                }
                for (int t : perT ? List.of(convertT) : ts) {
                    cells.add(new Cell(label, t, c, t == sim.timesteps() ? sim : sim.firstSteps(t)));
                    log(cells.get(cells.size() - 1));
                }
            }
            cells.subList(strategyStart, cells.size()).sort(Comparator.comparingInt(Cell::timesteps));
            failures.subList(failuresStart, failures.size()).sort(Comparator.comparingInt(Failure::timesteps));
        }
        return new Result(dnnAccuracy, cells, failures);
    }

    private static void log(Cell c) {
        LOG.info(String.format(Locale.ROOT, "sweep strategy=%s T=%d accuracy=%.4f spikes_per_image=%.0f",
                c.strategy(), c.timesteps(), c.simulation().finalAccuracy(), c.simulation().spikesPerSample()));
    }
}
