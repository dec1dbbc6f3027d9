package org.ullsnn.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Compute energy per image of a DNN and its converted SNN under one set of {@link EnergyCosts} and
 * {@link EnergyConventions} (METHOD.md §6). For weight layers l = 1..L, layer 1 being the one that reads the image,
 * and the SNN's identity-shortcut scales s ({@link ShortcutScale}):
 * <pre>
 * E_DNN     = sum_l (MACs_l * E_MAC + B_l * E_AC)
 * SOPs_l    = r_in_l * MACs_l                 (l &gt;= 2; FanOut.UNIFORM)
 *           = sum_p s_p * fanout_l(p)         (l &gt;= 2; FanOut.EXACT)
 * E_neurons = e_n * N_IF * T                  (N_IF: IF neurons per image; e_n = 0 by default)
 * E_SNN     = (MACs_1 * E_MAC + B_1 * E_AC) * c1 + sum_{l&gt;=2} (SOPs_l + T * B_l) * E_AC
 *             + T * sum_s S_s * E_MAC + E_neurons
 *             c1 = 1 (first layer once), T (per step), 0 (ignored)
 * ratio     = E_DNN / E_SNN
 * ceiling   = sum_l MACs_l / MACs_1           (first layer once, no SOPs, no neuron cost)
 * </pre>
 * The paper's "FLOPs" are these MACs: a MAC is never counted as 2 operations on one side only. Beyond METHOD.md's
 * formula (whose networks have no biases and no shortcuts):
 * <ul>
 *   <li>{@code B_l} bias additions ({@link WeightLayer#biasAdds()}: output elements of a layer with a bias, its own
 *       or a folded batch norm), one addition each, priced E_AC: once per image in the DNN; in the SNN at every
 *       step, since {@code I(t) = W s(t) + b} is formed anew each step and its {@code + b} is an addition per
 *       neuron, as a synaptic event is (the first layer's current, bias included, is computed {@code c1} times);</li>
 *   <li>{@code S_s} elements of a shortcut's spike scale, multiplied by v at every step and added to the block's
 *       current, priced E_MAC; the DNN does no such multiplication;</li>
 *   <li>the ceiling stays METHOD.md's; with {@code c1 >= 1} every ratio stays at or below it
 *       ({@link EnergyModel#ceiling()}).</li>
 * </ul>
 * <ul>
 *   <li>The ratio is {@code +Infinity} when E_SNN is 0 (first layer ignored, no spikes, no neuron cost).</li>
 *   <li>{@link #summary()}, {@link #toString()} and every table title carry the preset, T, the first-layer
 *       convention, the fan-out mode, the neuron cost and the ceiling beside the ratio: "159x" means nothing
 *       without them.</li>
 * </ul>
 *
 * @param costs           E_MAC and E_AC
 * @param conventions     first layer, fan-out, neuron cost
 * @param timesteps       T
 * @param samples         images the spike rates were measured on (0: rates given by hand)
 * @param neuronsPerImage IF neurons per image (N_IF)
 * @param layers          one row per weight layer, in topological order
 */
public record EnergyReport(EnergyCosts costs, EnergyConventions conventions, int timesteps, long samples,
        long neuronsPerImage, List<LayerEnergy> layers) {

    private static final double PJ_PER_NJ = 1e3;
    private static final double PJ_PER_UJ = 1e6;

    public EnergyReport {
        if (costs == null || conventions == null) {
            throw new IllegalArgumentException("a report needs its energy costs and conventions");
        }
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps T must be >= 1, got " + timesteps);
        }
        if (samples < 0 || neuronsPerImage < 0) {
            throw new IllegalArgumentException("samples and neurons per image must be >= 0, got " + samples + ", "
                    + neuronsPerImage);
        }
        layers = List.copyOf(layers);
        if (layers.stream().noneMatch(LayerEnergy::readsInput)) {
            throw new IllegalArgumentException("a report needs the layer reading the image (MACs_1), got "
                    + layers.stream().map(LayerEnergy::layer).toList());
        }
    }

    /**
     * Prices {@code activity} on {@code model}'s layers.
     *
     * @throws IllegalArgumentException when a layer reading spikes has no activity, the activity names a layer the
     *                                  model lacks, or exact fan-out is asked for without per-neuron counts
     */
    public static EnergyReport of(EnergyModel model, SpikeActivity activity, EnergyCosts costs,
            EnergyConventions conventions) {
        for (InputSpikes in : activity.inputs()) {
            model.layer(in.layer());
        }
        int steps = activity.timesteps();
        double c1 = conventions.firstLayer().factor(steps);
        List<LayerEnergy> rows = new ArrayList<>();
        for (WeightLayer l : model.layers()) {
            long macs = l.macs();
            long dnnBias = l.biasAdds();
            double dnn = macs * costs.macPj() + dnnBias * costs.acPj();
            if (l.readsInput()) {
                double snnMacs = c1 * macs;
                double snnBias = c1 * dnnBias;
                rows.add(new LayerEnergy(l.name(), l.kind(), true, macs, Double.NaN, 0, snnMacs, dnnBias, snnBias,
                        dnn, snnMacs * costs.macPj() + snnBias * costs.acPj()));
                continue;
            }
            InputSpikes in = activity.input(l.name());
            double sops = switch (conventions.fanOut()) {
                case UNIFORM -> in.rate() * macs;
                case EXACT -> {
                    if (!in.hasExactSops()) {
                        throw new IllegalArgumentException("exact fan-out needs per-neuron spike counts, and layer '"
                                + l.name() + "' has none (rates given by hand, or a simulation cut with firstSteps): "
                                + "use FanOut.UNIFORM, or simulate to the T you report");
                    }
                    yield in.exactSops();
                }
            };
            double snnBias = (double) steps * dnnBias;
            rows.add(new LayerEnergy(l.name(), l.kind(), false, macs, in.rate(), sops, 0, dnnBias, snnBias, dnn,
                    (sops + snnBias) * costs.acPj()));
        }
        for (ShortcutScale s : model.scales()) {
            double muls = s.multiplications(steps);
            rows.add(new LayerEnergy(s.name(), LayerKind.SCALE, false, 0, Double.NaN, 0, muls, 0, 0, 0,
                    muls * costs.macPj()));
        }
        return new EnergyReport(costs, conventions, steps, activity.samples(), activity.neuronsPerImage(), rows);
    }

    /** {@code sum_l MACs_l}. */
    public long totalMacs() {
        return layers.stream().mapToLong(LayerEnergy::macs).sum();
    }

    /** {@code MACs_1}. */
    public long firstLayerMacs() {
        return layers.stream().filter(LayerEnergy::readsInput).mapToLong(LayerEnergy::macs).sum();
    }

    /** {@code sum_l MACs_l / MACs_1}: the ratio with the first layer once, no spikes, no neuron cost. */
    public double ceiling() {
        return (double) totalMacs() / firstLayerMacs();
    }

    /** {@code sum_{l>=2} SOPs_l} per image. */
    public double totalSops() {
        return layers.stream().mapToDouble(LayerEnergy::sops).sum();
    }

    /** The SNN's MACs per image: {@code c1 * MACs_1 + T * sum_s S_s} (first layer and shortcut scales). */
    public double snnMacs() {
        return layers.stream().mapToDouble(LayerEnergy::snnMacs).sum();
    }

    /** The SNN's shortcut-scale multiplications per image, {@code T * sum_s S_s} (part of {@link #snnMacs()}). */
    public double scaleMacs() {
        return layers.stream().filter(l -> l.kind() == LayerKind.SCALE).mapToDouble(LayerEnergy::snnMacs).sum();
    }

    /** The DNN's bias additions per image, {@code sum_l B_l}. */
    public long dnnBiasAdds() {
        return layers.stream().mapToLong(LayerEnergy::dnnBiasAdds).sum();
    }

    /** The SNN's bias additions per image over T, {@code c1 B_1 + T sum_{l>=2} B_l}. */
    public double snnBiasAdds() {
        return layers.stream().mapToDouble(LayerEnergy::snnBiasAdds).sum();
    }

    /**
     * The MAC-weighted mean input rate of the layers reading spikes, {@code sum_{l>=2} SOPs_l / sum_{l>=2} MACs_l}
     * (with exact fan-out, the rate that would give the same SOPs uniformly); NaN when only the first layer exists.
     */
    public double meanInputRate() {
        long macs = totalMacs() - firstLayerMacs();
        return macs == 0 ? Double.NaN : totalSops() / macs;
    }

    /** {@code N_IF * T}. */
    public long neuronUpdates() {
        return neuronsPerImage * timesteps;
    }

    /** {@code E_neurons = e_n * N_IF * T}, pJ. */
    public double neuronPj() {
        return conventions.neuronPj() * neuronUpdates();
    }

    /** {@code E_DNN}, pJ per image. */
    public double dnnPj() {
        return layers.stream().mapToDouble(LayerEnergy::dnnPj).sum();
    }

    /** {@code E_SNN}, pJ per image, neuron updates included. */
    public double snnPj() {
        return layers.stream().mapToDouble(LayerEnergy::snnPj).sum() + neuronPj();
    }

    /** {@code E_DNN / E_SNN}; read it only beside {@link #summary()}'s conventions. */
    public double ratio() {
        double snn = snnPj();
        return snn == 0 ? Double.POSITIVE_INFINITY : dnnPj() / snn;
    }

    /** One line: preset, T, conventions, the ratio and the ceiling. */
    public String title() {
        return String.format(Locale.ROOT, "%s; T = %d; %s: E_DNN / E_SNN = %.2fx (ceiling sum MACs / MACs_1 = %.2fx, "
                + "first layer once)", costs.describe(), timesteps, conventions.describe(), ratio(), ceiling());
    }

    /** The totals with everything they depend on, several lines. */
    public String summary() {
        String rates = samples == 0 ? "input rates given by hand"
                : String.format(Locale.ROOT, "input rates measured on %,d images", samples);
        return String.format(Locale.ROOT, "E_DNN / E_SNN = %.2fx (ceiling sum MACs / MACs_1 = %.2fx with the first "
                + "layer counted once)%n"
                + "  preset:      %s%n"
                + "  conventions: T = %d; %s%n"
                + "  DNN: %,d MACs%s = %.3f uJ per image%n"
                + "  SNN: %,.0f MACs%s + %,.0f SOPs%s%s = %.3f uJ per image (mean r_in %.4f (%.2f %%) spikes per "
                + "input element over T; %s)",
                ratio(), ceiling(), costs.describe(), timesteps, conventions.describe(), totalMacs(),
                dnnBiasAdds() == 0 ? "" : String.format(Locale.ROOT, " + %,d bias adds", dnnBiasAdds()),
                dnnPj() / PJ_PER_UJ, snnMacs(), scaleMacs() == 0 ? ""
                        : String.format(Locale.ROOT, " (%,.0f of them shortcut scales)", scaleMacs()),
                totalSops(), snnBiasAdds() == 0 ? ""
                        : String.format(Locale.ROOT, " + %,.0f bias adds", snnBiasAdds()),
                conventions.neuronPj() == 0 ? ""
                        : String.format(Locale.ROOT, " + %,d neuron updates", neuronUpdates()),
                snnPj() / PJ_PER_UJ, meanInputRate(), 100 * meanInputRate(), rates);
    }

    @Override
    public String toString() {
        return "EnergyReport[" + title() + "]";
    }

    /**
     * Per row (weight layers, then shortcut scales): layer, kind, macs, input_rate, sops, snn_macs, dnn_bias_adds,
     * snn_bias_adds, dnn_nJ, snn_nJ; titled with {@link #title()}.
     */
    public Table toTable() {
        StringColumn name = StringColumn.create("layer");
        StringColumn kind = StringColumn.create("kind");
        LongColumn macs = LongColumn.create("macs");
        DoubleColumn rate = DoubleColumn.create("input_rate");
        DoubleColumn sops = DoubleColumn.create("sops");
        DoubleColumn snnMacs = DoubleColumn.create("snn_macs");
        LongColumn dnnBias = LongColumn.create("dnn_bias_adds");
        DoubleColumn snnBias = DoubleColumn.create("snn_bias_adds");
        DoubleColumn dnn = DoubleColumn.create("dnn_nJ");
        DoubleColumn snn = DoubleColumn.create("snn_nJ");
        for (LayerEnergy l : layers) {
            name.append(l.layer());
            kind.append(l.kind().name().toLowerCase(Locale.ROOT));
            macs.append(l.macs());
            rate.append(l.inputRate());
            sops.append(l.sops());
            snnMacs.append(l.snnMacs());
            dnnBias.append(l.dnnBiasAdds());
            snnBias.append(l.snnBiasAdds());
            dnn.append(l.dnnPj() / PJ_PER_NJ);
            snn.append(l.snnPj() / PJ_PER_NJ);
        }
        return Table.create(title(), name, kind, macs, rate, sops, snnMacs, dnnBias, snnBias, dnn, snn);
    }

    /**
     * {@link #toTable()} with the costs and conventions as leading columns (preset, e_mac_pJ, e_ac_pJ, T,
     * first_layer, fan_out, neuron_pJ) on every row: the long form for CSV files, where no title travels.
     */
    public Table toLongTable() {
        Table t = toTable();
        StringColumn preset = StringColumn.create("preset");
        DoubleColumn eMac = DoubleColumn.create("e_mac_pJ");
        DoubleColumn eAc = DoubleColumn.create("e_ac_pJ");
        IntColumn steps = IntColumn.create("T");
        StringColumn first = StringColumn.create("first_layer");
        StringColumn fanOut = StringColumn.create("fan_out");
        DoubleColumn neuron = DoubleColumn.create("neuron_pJ");
        for (int i = 0; i < t.rowCount(); i++) {
            preset.append(costs.name());
            eMac.append(costs.macPj());
            eAc.append(costs.acPj());
            steps.append(timesteps);
            first.append(conventions.firstLayer().cliName());
            fanOut.append(conventions.fanOut().name().toLowerCase(Locale.ROOT));
            neuron.append(conventions.neuronPj());
        }
        Table out = Table.create(t.name(), preset, eMac, eAc, steps, first, fanOut, neuron);
        t.columns().forEach(out::addColumns);
        return out;
    }

    /** {@link #toLongTable()} of several reports, one after another. */
    public static Table longTable(List<EnergyReport> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("longTable needs at least one report");
        }
        Table all = reports.get(0).toLongTable();
        for (int i = 1; i < reports.size(); i++) {
            all = all.append(reports.get(i).toLongTable());
        }
        all.setName("energy per layer and image");
        return all;
    }

    /** One row per report: costs, T, conventions, totals, ratio and ceiling side by side. */
    public static Table totals(List<EnergyReport> reports) {
        StringColumn preset = StringColumn.create("preset");
        DoubleColumn eMac = DoubleColumn.create("e_mac_pJ");
        DoubleColumn eAc = DoubleColumn.create("e_ac_pJ");
        IntColumn t = IntColumn.create("T");
        StringColumn first = StringColumn.create("first_layer");
        StringColumn fanOut = StringColumn.create("fan_out");
        DoubleColumn neuron = DoubleColumn.create("neuron_pJ");
        LongColumn images = LongColumn.create("images");
        LongColumn dnnMacs = LongColumn.create("dnn_macs");
        LongColumn dnnBias = LongColumn.create("dnn_bias_adds");
        DoubleColumn snnMacs = DoubleColumn.create("snn_macs");
        DoubleColumn scaleMacs = DoubleColumn.create("snn_scale_macs");
        DoubleColumn sops = DoubleColumn.create("snn_sops");
        DoubleColumn snnBias = DoubleColumn.create("snn_bias_adds");
        LongColumn updates = LongColumn.create("neuron_updates");
        DoubleColumn meanRate = DoubleColumn.create("mean_input_rate");
        DoubleColumn dnn = DoubleColumn.create("dnn_uJ");
        DoubleColumn snn = DoubleColumn.create("snn_uJ");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        DoubleColumn ceiling = DoubleColumn.create("ceiling");
        for (EnergyReport r : reports) {
            preset.append(r.costs.name());
            eMac.append(r.costs.macPj());
            eAc.append(r.costs.acPj());
            t.append(r.timesteps);
            first.append(r.conventions.firstLayer().cliName());
            fanOut.append(r.conventions.fanOut().name().toLowerCase(Locale.ROOT));
            neuron.append(r.conventions.neuronPj());
            images.append(r.samples);
            dnnMacs.append(r.totalMacs());
            dnnBias.append(r.dnnBiasAdds());
            snnMacs.append(r.snnMacs());
            scaleMacs.append(r.scaleMacs());
            sops.append(r.totalSops());
            snnBias.append(r.snnBiasAdds());
            updates.append(r.neuronUpdates());
            meanRate.append(r.meanInputRate());
            dnn.append(r.dnnPj() / PJ_PER_UJ);
            snn.append(r.snnPj() / PJ_PER_UJ);
            ratio.append(r.ratio());
            ceiling.append(r.ceiling());
        }
        return Table.create("energy per image by preset (ratio = E_DNN / E_SNN; ceiling = sum MACs / MACs_1, first "
                + "layer once)", preset, eMac, eAc, t, first, fanOut, neuron, images, dnnMacs, dnnBias, snnMacs,
                scaleMacs, sops, snnBias, updates, meanRate, dnn, snn, ratio, ceiling);
    }

    /**
     * Per layer, several presets side by side: layer, kind, macs, input_rate, sops, snn_macs, dnn_bias_adds,
     * snn_bias_adds, then {@code <preset>_dnn_nJ}, {@code <preset>_snn_nJ} per report. The reports must share T, the conventions and the
     * layers' counts (one activity priced several ways).
     *
     * @throws IllegalArgumentException when the list is empty or the reports differ in anything but their costs
     */
    public static Table compare(List<EnergyReport> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("compare needs at least one report");
        }
        EnergyReport base = reports.get(0);
        for (EnergyReport r : reports) {
            boolean same = r.timesteps == base.timesteps && r.conventions.equals(base.conventions)
                    && r.layers.size() == base.layers.size();
            for (int i = 0; same && i < r.layers.size(); i++) {
                LayerEnergy a = r.layers.get(i);
                LayerEnergy b = base.layers.get(i);
                same = a.layer().equals(b.layer()) && a.macs() == b.macs() && a.sops() == b.sops()
                        && a.snnMacs() == b.snnMacs() && a.dnnBiasAdds() == b.dnnBiasAdds()
                        && a.snnBiasAdds() == b.snnBiasAdds();
            }
            if (!same) {
                throw new IllegalArgumentException("compare puts reports of one activity side by side; '"
                        + r.costs.name() + "' differs from '" + base.costs.name() + "' in T, conventions or counts");
            }
        }
        Table t = base.toTable().removeColumns("dnn_nJ", "snn_nJ");
        for (EnergyReport r : reports) {
            DoubleColumn dnn = DoubleColumn.create(r.costs.name() + "_dnn_nJ");
            DoubleColumn snn = DoubleColumn.create(r.costs.name() + "_snn_nJ");
            r.layers.forEach(l -> {
                dnn.append(l.dnnPj() / PJ_PER_NJ);
                snn.append(l.snnPj() / PJ_PER_NJ);
            });
            t.addColumns(dnn, snn);
        }
        t.setName(String.format(Locale.ROOT, "energy per layer and image (nJ), T = %d; %s; ceiling sum MACs / MACs_1 "
                + "= %.2fx", base.timesteps, base.conventions.describe(), base.ceiling()));
        return t;
    }
}
