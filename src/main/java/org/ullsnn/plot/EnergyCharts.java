package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.ullsnn.energy.EnergyConventions;
import org.ullsnn.energy.EnergyReport;
import org.ullsnn.energy.LayerEnergy;
import tech.tablesaw.api.Table;

/**
 * Energy per image of the DNN and of its SNN (METHOD.md §6), as grouped bars of series {@value #DNN} and
 * {@value #SNN}. Every title carries the preset (or presets), T and the conventions, because an energy figure means
 * nothing without them.
 * <ul>
 *   <li>{@link #perLayer(EnergyReport)}: one group per weight layer (bias adds included), then per shortcut scale of
 *       a ResNet's SNN, nJ per image. The SNN's neuron-update energy
 *       (zero by default) belongs to no layer and is not in the bars; the title gives it when it is not zero.</li>
 *   <li>{@link #perLayer(Table, String)}: the same from the long table {@link EnergyReport#longTable}
 *       ({@code energy/<strategy>-T<T>_layers.csv}) for one preset; columns read: {@code preset}, {@code layer},
 *       {@code dnn_nJ}, {@code snn_nJ}, {@code T}, {@code first_layer}, {@code fan_out}, {@code neuron_pJ}.</li>
 *   <li>{@link #perPreset(List)}: one group per report (preset), total energy per image in microjoules, the ratio
 *       {@code E_DNN / E_SNN} in each group's label.</li>
 * </ul>
 */
public final class EnergyCharts {

    /** The DNN's series. */
    public static final String DNN = "DNN";

    /** The SNN's series. */
    public static final String SNN = "SNN";

    static final String FIGURE = "the energy-per-layer chart";
    private static final int WIDTH = 1000;
    private static final double PJ_PER_NJ = 1e3;
    private static final double PJ_PER_UJ = 1e6;

    private EnergyCharts() {
    }

    /** One report's layers, nJ per image. */
    public static CategoryChart perLayer(EnergyReport report) {
        if (report == null) {
            throw new IllegalArgumentException(FIGURE + " needs an energy report, got null");
        }
        List<String> layers = report.layers().stream().map(LayerEnergy::layer).toList();
        List<Double> dnn = report.layers().stream().map(l -> l.dnnPj() / PJ_PER_NJ).toList();
        List<Double> snn = report.layers().stream().map(l -> l.snnPj() / PJ_PER_NJ).toList();
        EnergyConventions c = report.conventions();
        String title = String.format(Locale.ROOT, "Energy per layer and image: %s (E_MAC %s pJ, E_AC %s pJ), %s",
                report.costs().name(), plain(report.costs().macPj()), plain(report.costs().acPj()),
                conventions(report.timesteps(), c.firstLayer().cliName(), c.fanOut().name().toLowerCase(Locale.ROOT),
                        c.neuronPj(), String.format(Locale.ROOT, " (%.3f nJ per image, not in the bars)",
                                report.neuronPj() / PJ_PER_NJ)));
        CategoryChart chart = ChartDefaults.category(title, "layer", "energy per image (nJ)", WIDTH);
        chart.addSeries(DNN, layers, dnn);
        chart.addSeries(SNN, layers, snn);
        return chart;
    }

    /**
     * The rows of one preset of an energy long table, nJ per image.
     *
     * @throws IllegalArgumentException naming a missing column, or a preset the table lacks
     */
    public static CategoryChart perLayer(Table layersTable, String preset) {
        Columns.require(layersTable, FIGURE, "preset", "layer", "dnn_nJ", "snn_nJ", "T", "first_layer", "fan_out",
                "neuron_pJ");
        List<Integer> rows = Columns.rowsWhere(layersTable, "preset", preset, Columns.allRows(layersTable));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(FIGURE + ": table '" + layersTable.name() + "' has no preset '" + preset
                    + "'; it has " + Columns.distinct(layersTable, "preset", Columns.allRows(layersTable)));
        }
        int first = rows.get(0);
        List<String> layers = new ArrayList<>();
        List<Double> dnn = new ArrayList<>();
        List<Double> snn = new ArrayList<>();
        for (int r : rows) {
            layers.add(Columns.text(layersTable, "layer", r));
            dnn.add(Columns.number(layersTable, "dnn_nJ", r));
            snn.add(Columns.number(layersTable, "snn_nJ", r));
        }
        String title = String.format(Locale.ROOT, "Energy per layer and image: %s, %s", preset, conventions(
                (int) Math.round(Columns.number(layersTable, "T", first)), Columns.text(layersTable, "first_layer", first),
                Columns.text(layersTable, "fan_out", first), Columns.number(layersTable, "neuron_pJ", first), " (not in the bars)"));
        CategoryChart chart = ChartDefaults.category(title, "layer", "energy per image (nJ)", WIDTH);
        chart.addSeries(DNN, layers, dnn);
        chart.addSeries(SNN, layers, snn);
        return chart;
    }

    /**
     * Total energy per image of each report, in microjoules; the group labels read {@code "FP32 (12.34x)"}.
     *
     * @throws IllegalArgumentException when the list is empty or the reports differ in T or conventions (they must
     *                                  price one activity several ways)
     */
    public static CategoryChart perPreset(List<EnergyReport> reports) {
        if (reports == null || reports.isEmpty()) {
            throw new IllegalArgumentException("the energy-per-preset chart needs at least one report");
        }
        EnergyReport base = reports.get(0);
        for (EnergyReport r : reports) {
            if (r.timesteps() != base.timesteps() || !r.conventions().equals(base.conventions())) {
                throw new IllegalArgumentException("the energy-per-preset chart compares one activity under several "
                        + "presets; '" + r.costs().name() + "' differs from '" + base.costs().name()
                        + "' in T or conventions");
            }
        }
        List<String> labels = new ArrayList<>();
        List<Double> dnn = new ArrayList<>();
        List<Double> snn = new ArrayList<>();
        for (EnergyReport r : reports) {
            labels.add(String.format(Locale.ROOT, "%s (%.2fx)", r.costs().name(), r.ratio()));
            dnn.add(r.dnnPj() / PJ_PER_UJ);
            snn.add(r.snnPj() / PJ_PER_UJ);
        }
        EnergyConventions c = base.conventions();
        boolean sameCeiling = reports.stream().allMatch(r -> r.ceiling() == base.ceiling());
        String title = String.format(Locale.ROOT, "Energy per image by preset (E_DNN / E_SNN in brackets%s), %s",
                sameCeiling ? String.format(Locale.ROOT, "; ceiling %.2fx", base.ceiling()) : "",
                conventions(base.timesteps(), c.firstLayer().cliName(), c.fanOut().name().toLowerCase(Locale.ROOT),
                        c.neuronPj(), " (in the SNN totals)"));
        CategoryChart chart = ChartDefaults.category(title, "energy preset (45 nm)", "energy per image (\u00b5J)", WIDTH);
        chart.getStyler().setXAxisLabelRotation(0);
        chart.addSeries(DNN, labels, dnn);
        chart.addSeries(SNN, labels, snn);
        return chart;
    }

    /** "T = 2, first layer once, fan-out uniform", plus the neuron cost and {@code neuronNote} when it is not zero. */
    private static String conventions(int timesteps, String firstLayer, String fanOut, double neuronPj,
            String neuronNote) {
        String s = String.format(Locale.ROOT, "T = %d, first layer %s, fan-out %s", timesteps, firstLayer, fanOut);
        if (neuronPj > 0) {
            s += ", neuron cost " + plain(neuronPj) + " pJ per update" + neuronNote;
        }
        return s;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
