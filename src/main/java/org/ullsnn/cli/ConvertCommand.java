package org.ullsnn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.convert.WeightCalibration;
import org.ullsnn.experiment.ConversionSweep;
import org.ullsnn.experiment.RunInputs;
import org.ullsnn.experiment.RunLocation;
import org.ullsnn.experiment.Tables;
import org.ullsnn.io.FileNames;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.train.Accuracy;
import org.ullsnn.progress.ConsoleProgressBar;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.stats.CaptureConfig;
import org.ullsnn.stats.DistributionCapture;
import org.ullsnn.stats.DistributionFitter;
import org.ullsnn.stats.NetworkDistribution;
import org.ullsnn.stats.NetworkFit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ullsnn convert}: converts a trained run with one or more threshold strategies at several T, simulates
 * each SNN on the test set, prints strategy x T -> accuracy and writes the tables under {@code <outputs>/<out>/}
 * ({@link RunLocation}: the run folder, or {@code <runs>/<name>/} for a shipped model).
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert a trained DNN to SNNs (strategies x T), simulate them on the test set, and print "
                + "and save the accuracy table.",
            "Writes <run>/<out>/accuracy.csv, accuracy_pivot.csv, spike_rates.csv, thresholds.csv, "
                    + "distributions.csv, fits.csv and conversion_error.csv; with --save, the SNNs as "
                    + "<run>/snn/<strategy>-T<T>.zip. For a shipped model (--model NAME) <run> is <runs>/NAME."})
public final class ConvertCommand implements Callable<Integer> {

    /** The folder under a run's outputs where {@code --save} puts the SNNs and {@code evaluate} finds them. */
    static final String SNN_DIR = "snn";

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    RunOptions runOptions;

    @Mixin
    ConversionOptions converting;

    @Option(names = "--strategy", split = ",", defaultValue = "all",
            description = "Strategies: all, or a list of max-norm, percentile[:P], trained-clip, half-shift, "
                    + "fitted-dnn[:C], fitted-snn[:C]; C multiplies v (the authors' code uses 1.3 for VGG, 1.5 for "
                    + "ResNet; default 1); SNN-side calibrations beyond the paper: bias-corrected and "
                    + "potential-corrected (Li et al. 2021), offset-spike[:RHO] (Hao et al. 2023, RHO pre-run steps, default 4), signal-fit (ours), signal-fit-pc (ours + Li's potential correction); recommended (the best of those we measured) (default: ${DEFAULT-VALUE}).")
    List<String> strategies;

    @Option(names = "--timesteps", split = ",", defaultValue = "1,2,4,8",
            description = "Values of T (default: ${DEFAULT-VALUE}).")
    List<Integer> timesteps;

    @Option(names = "--test-per-class", defaultValue = "0",
            description = "Test on the first N images of each class (0: all; default: ${DEFAULT-VALUE}).")
    int testPerClass;

    @Option(names = "--out", defaultValue = "conversion", description = "Output folder inside the run (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--save", description = "Also save every converted SNN under <run>/snn/.")
    boolean save;

    @Option(names = "--weight-calibration", description = "After each strategy's thresholds, calibrate every spiking "
            + "layer's weights on the SNN side (5 epochs of Adam per layer on up to 1,100 calibration images; minutes "
            + "per conversion, every T converted on its own); tables name it STRATEGY+wc.")
    boolean weightCalibration;

    @Option(names = "--weight-calibration-images", paramLabel = "N", description = "With --weight-calibration: "
            + "calibrate the weights on up to N of the calibration images (default: 1,100; give --calibration-images "
            + "at least N). More images help: 4,100 gave 70.90 %% at T = 2 against 67.31 %% with 1,030 on the shipped "
            + "60-epoch CIFAR-10 VGG-16, in 14 minutes per conversion instead of 4.")
    Integer weightCalibrationImages;

    @Option(names = "--count-max-pool", description = "Max-pools pass on the spikes of their most active input so far "
            + "(each step emits max_p N_t,p - max_p N_t-1,p, so a pool's count over the run is the largest of its "
            + "inputs' counts) instead of the largest spike of each step (the paper's); tables name it "
            + "STRATEGY+count-max.")
    boolean countMaxPool;

    @Override
    public Integer call() throws Exception {
        ProgressListener progress = ConsoleProgressBar.onStderr();
        List<ThresholdStrategy> chosen = parse(strategies);
        WeightCalibration.Settings weightCalibrationSettings = weightCalibrationSettings(); // refused before loading
        RunLocation run = runOptions.location();
        PrintWriter o = spec.commandLine().getOut();
        RunInputs inputs = converting.load(run, data, testPerClass, o, progress);
        double dnnAccuracy = Accuracy.of(inputs.dnn(), inputs.testBatches(converting.batch).get(), "DNN test accuracy", progress);
        CaptureConfig capture = CaptureConfig.defaults();
        NetworkDistribution distribution = DistributionCapture.run(inputs.dnn(), inputs.calibration(), capture, progress);
        ConvertConfig base = new ConvertConfig(chosen.get(0), 1, inputs.calibration(), capture, converting.snnPairs, converting.reset,
                capture.seed(), weightCalibrationSettings, countMaxPool);
        ConversionSweep.Result result = ConversionSweep.run(inputs.dnn(), distribution, base, chosen, timesteps,
                inputs.testBatches(converting.batch), dnnAccuracy, progress);

        Path dir = run.output(out);
        Tables.writeCsv(result.accuracyTable(), dir.resolve("accuracy.csv"));
        Tables.writeCsv(result.pivot(), dir.resolve("accuracy_pivot.csv"));
        Tables.writeCsv(result.spikeTable(), dir.resolve("spike_rates.csv"));
        Tables.writeCsv(result.thresholdTable(), dir.resolve("thresholds.csv"));
        Tables.writeCsv(distribution.toTable(), dir.resolve("distributions.csv"));
        if (!result.failures().isEmpty()) {
            Tables.writeCsv(result.failureTable(), dir.resolve("failures.csv"));
        }
        NetworkFit fits = DistributionFitter.fit(distribution);
        Tables.writeCsv(fits.toTable(), dir.resolve("fits.csv"));
        Tables.writeCsv(result.errorTable(distribution, fits), dir.resolve("conversion_error.csv"));
        if (save) {
            for (ConversionSweep.Cell c : result.cells()) {
                if (c.conversion().timesteps() == c.timesteps()) {
                    Graphs.save(c.conversion().snn().graph(),
                            run.output(SNN_DIR, FileNames.safe(c.strategy()) + "-T" + c.timesteps() + ".zip"));
                }
            }
        }
        o.println(Tables.rounded(result.pivot(), 2).printAll());
        result.failures().forEach(f -> o.printf(Locale.ROOT, "failed: %s at T = %d: %s%n", f.strategy(), f.timesteps(),
                f.reason()));
        o.printf(Locale.ROOT, "DNN (%s) test accuracy %.2f %% on %d images; calibration on %d training images; tables in %s%n",
                run.isModel() ? "model " + run.modelName() : inputs.modelFile().getFileName(), 100 * dnnAccuracy, inputs.test().size(), inputs.calibration().size(0),
                dir);
        o.flush();
        return 0;
    }

    /** The weight calibration asked for, or null for none; a ParameterException (exit 2) for a bad combination. */
    WeightCalibration.Settings weightCalibrationSettings() {
        if (!weightCalibration) {
            if (weightCalibrationImages != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--weight-calibration-images needs --weight-calibration");
            }
            return null;
        }
        WeightCalibration.Settings defaults = WeightCalibration.Settings.defaults();
        if (weightCalibrationImages == null) {
            return defaults;
        }
        if (weightCalibrationImages < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--weight-calibration-images must be >= 1, got " + weightCalibrationImages);
        }
        return defaults.withMaxImages(weightCalibrationImages);
    }

    static List<ThresholdStrategy> parse(List<String> names) {
        List<ThresholdStrategy> out = new ArrayList<>();
        for (String n : names) {
            if (n.trim().equalsIgnoreCase("all")) {
                out.addAll(ThresholdStrategy.builtIns());
            } else {
                out.add(ThresholdStrategy.parse(n));
            }
        }
        return out;
    }
}
