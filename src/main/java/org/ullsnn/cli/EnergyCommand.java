package org.ullsnn.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.energy.EnergyConventions;
import org.ullsnn.energy.EnergyCosts;
import org.ullsnn.energy.EnergyModel;
import org.ullsnn.energy.EnergyReport;
import org.ullsnn.energy.FanOut;
import org.ullsnn.energy.FirstLayer;
import org.ullsnn.energy.Preset;
import org.ullsnn.energy.SpikeActivity;
import org.ullsnn.experiment.RunInputs;
import org.ullsnn.experiment.RunLocation;
import org.ullsnn.experiment.Tables;
import org.ullsnn.io.AtomicFile;
import org.ullsnn.io.FileNames;
import org.ullsnn.nn.train.Accuracy;
import org.ullsnn.progress.ConsoleProgressBar;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.SimulationResult;
import org.ullsnn.snn.Simulator;
import org.ullsnn.stats.CaptureConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ullsnn energy}: converts a trained run with one strategy at T, simulates the SNN on test images to measure
 * the input spike rate of every layer, and prints and saves the DNN and SNN compute energy per layer and in total
 * under each preset (METHOD.md §6), always with the conventions and the ceiling beside the ratio.
 */
@Command(name = "energy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute energy of a run's DNN and of its SNN at T (spike rates measured on test images), "
                + "per layer and in total, under the 45 nm presets or your own constants.",
            "Writes <run>/<out>/<strategy>-T<T>_layers.csv, _totals.csv, _spike_rates.csv, _summary.txt and macs.csv; "
                    + "for a shipped model (--model NAME) <run> is <runs>/NAME."})
public final class EnergyCommand implements Callable<Integer> {

    /** Below this CIFAR-10 test accuracy METHOD.md calls a DNN too weak for conversion tables to mean much. */
    static final double WEAK_CIFAR10_DNN = 0.60;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    RunOptions runOptions;

    @Mixin
    ConversionOptions converting;

    @Option(names = "--timesteps", defaultValue = "2", description = "T (default: ${DEFAULT-VALUE}).")
    int timesteps;

    @Option(names = "--strategy", defaultValue = "fitted-dnn",
            description = "Threshold strategy: max-norm, percentile[:P], trained-clip, half-shift, fitted-dnn[:C], "
                    + "fitted-snn[:C] (C multiplies v) (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--preset", split = ",",
            description = "Energy presets: all, or a list of fp32, fp16, int32, int8 (default: all, or none when "
                    + "--e-mac/--e-ac are given).")
    List<String> presets;

    @Option(names = "--e-mac", paramLabel = "PJ", description = "Your own E_MAC in pJ (with --e-ac).")
    Double eMac;

    @Option(names = "--e-ac", paramLabel = "PJ", description = "Your own E_AC in pJ (with --e-mac).")
    Double eAc;

    @Option(names = "--first-layer", defaultValue = "once", converter = FirstLayerConverter.class,
            description = "The SNN's first layer: once (constant input, cached), per-step (T times) or ignore "
                    + "(default: ${DEFAULT-VALUE}).")
    FirstLayer firstLayer;

    @Option(names = "--exact-fanout",
            description = "SOPs from each input position's true fan-out (padded borders count less) instead of "
                    + "r_in * MACs.")
    boolean exactFanOut;

    @Option(names = "--neuron-cost", paramLabel = "PJ", defaultValue = "0",
            description = "Energy of one neuron update (one IF neuron, one step) in pJ; 0 leaves it out "
                    + "(default: ${DEFAULT-VALUE}).")
    double neuronCost;

    @Option(names = "--test-per-class", defaultValue = "100",
            description = "Measure spike rates on the first N test images of each class (0: all; default: "
                    + "${DEFAULT-VALUE}).")
    int testPerClass;

    @Option(names = "--out", defaultValue = "energy", description = "Output folder inside the run (default: ${DEFAULT-VALUE}).")
    String out;

    @Override
    public Integer call() throws Exception {
        List<EnergyCosts> costs = costs();
        EnergyConventions conventions = conventions();
        ThresholdStrategy chosen = parse(() -> ThresholdStrategy.parse(strategy));
        if (timesteps < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timesteps must be >= 1, got " + timesteps);
        }
        RunLocation run = runOptions.location();
        PrintWriter o = spec.commandLine().getOut();
        ProgressListener progress = ConsoleProgressBar.onStderr();
        RunInputs inputs = converting.load(run, data, testPerClass, o, progress);
        double dnnAccuracy = Accuracy.of(inputs.dnn(), inputs.testBatches(converting.batch).get(), "DNN test accuracy", progress);
        CaptureConfig capture = CaptureConfig.defaults();
        ConversionResult conversion = Converter.convert(inputs.dnn(), new ConvertConfig(chosen, timesteps,
                inputs.calibration(), capture, converting.snnPairs, converting.reset, capture.seed()), progress);
        SimulationResult simulation = Simulator.run(conversion.snn(), inputs.testBatches(converting.batch).get(), progress);
        EnergyModel model = EnergyModel.of(inputs.dnn(), inputs.calibration());
        SpikeActivity activity = SpikeActivity.measure(model, conversion.snn(), simulation);
        List<EnergyReport> reports = model.reports(activity, costs, conventions);

        String header = String.format(Locale.ROOT, "%s: %s %s, DNN (%s) test accuracy %.2f %%; SNN (%s, T = %d) "
                + "%.2f %% on the same %,d test images, which also give the spike rates",
                run.isModel() ? "model " + run.modelName() : "run " + inputs.runDir().getFileName(),
                inputs.config().dataset().displayName(),
                inputs.config().describeNetwork(),
                inputs.modelFile().getFileName(), 100 * dnnAccuracy, conversion.strategy(), timesteps,
                100 * simulation.finalAccuracy(), simulation.samples());
        List<String> notes = new ArrayList<>();
        if (inputs.config().dataset() == CifarDataset.CIFAR10 && dnnAccuracy < WEAK_CIFAR10_DNN) {
            notes.add(String.format(Locale.ROOT, "note: a DNN at %.2f %% on CIFAR-10 is under %.0f %%, too weak for "
                    + "conversion tables to mean much (METHOD.md §1)", 100 * dnnAccuracy, 100 * WEAK_CIFAR10_DNN));
        }
        notes.add(String.format(Locale.ROOT, "the paper's ~159.2x (FP32) is for full-width VGG-16 on CIFAR-100 at T = 2 "
                + "(ceiling 191.5x); this network's ceiling is %.2fx: compare like with like", model.ceiling()));

        Path dir = run.output(out);
        String stem = FileNames.safe(conversion.strategy()) + "-T" + timesteps;
        Tables.writeCsv(EnergyReport.longTable(reports), dir.resolve(stem + "_layers.csv"));
        Tables.writeCsv(EnergyReport.totals(reports), dir.resolve(stem + "_totals.csv"));
        Tables.writeCsv(simulation.spikeTable(), dir.resolve(stem + "_spike_rates.csv"));
        Tables.writeCsv(model.toTable(), dir.resolve("macs.csv"));
        StringBuilder text = new StringBuilder(header).append(System.lineSeparator());
        notes.forEach(n -> text.append(n).append(System.lineSeparator()));
        for (EnergyReport r : reports) {
            text.append(System.lineSeparator()).append(r.summary()).append(System.lineSeparator());
        }
        AtomicFile.write(dir.resolve(stem + "_summary.txt"),
                tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));

        o.println(Tables.rounded(EnergyReport.compare(reports), 3).printAll());
        o.println();
        o.println(Tables.rounded(EnergyReport.totals(reports), 3).printAll());
        o.println();
        o.print(text);
        o.printf(Locale.ROOT, "tables in %s%n", dir);
        o.flush();
        return 0;
    }

    /** The presets asked for, then the custom constants; a ParameterException (exit 2) for a bad combination. */
    List<EnergyCosts> costs() {
        if ((eMac == null) != (eAc == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "custom energy needs both --e-mac and --e-ac (pJ per MAC and per accumulate)");
        }
        List<EnergyCosts> out = new ArrayList<>();
        List<String> names = presets != null ? presets : eMac == null ? List.of("all") : List.of();
        for (String n : names) {
            if (n.trim().equalsIgnoreCase("all")) {
                for (Preset p : Preset.values()) {
                    out.add(p.costs());
                }
            } else {
                out.add(parse(() -> Preset.parse(n).costs()));
            }
        }
        if (eMac != null) {
            out.add(parse(() -> EnergyCosts.custom(eMac, eAc)));
        }
        return out.stream().distinct().toList();
    }

    EnergyConventions conventions() {
        return parse(() -> new EnergyConventions(firstLayer, exactFanOut ? FanOut.EXACT : FanOut.UNIFORM, neuronCost));
    }

    private <T> T parse(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** {@code once}, {@code per-step}, {@code ignore}. */
    static final class FirstLayerConverter implements CommandLine.ITypeConverter<FirstLayer> {
        @Override
        public FirstLayer convert(String value) {
            try {
                return FirstLayer.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
