package org.ullsnn.convert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarReader;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.ImageSetIterator;
import org.ullsnn.data.IteratorOptions;
import org.ullsnn.data.Split;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.SpikingNetwork;
import org.ullsnn.stats.CaptureConfig;
import org.ullsnn.stats.DistributionCapture;
import org.ullsnn.stats.NetworkDistribution;

/**
 * Not a test: old (test-only references) against new calibration code in one process, as ratios, because
 * wall-clock times on a shared machine mean little on their own. Run from the project root after
 * {@code mvn test-compile} and {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}:
 * <pre>
 * OMP_NUM_THREADS=1 java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     org.ullsnn.convert.CalibrationSpeed [fit|convert|all] [DATA]
 * </pre>
 * {@code fit}: one layer's DNN-mode fit (100,000 samples, default grid, T = 1..8) and SNN-mode fit (50,000
 * samples, T = 2, 4, 8). {@code convert}: SNN-mode conversion of a VGG-16 at width 0.25 (BN, randomly
 * initialised) at T = 2 on 1,030 calibration images (the first 103 per class of CIFAR-10's training set when
 * {@code DATA} holds it, random images otherwise), with the number of SNN passes each implementation makes.
 * Both conversions build their partial networks with the current {@link SnnBuilder} (which no longer draws a
 * random init it then overwrites), so the old figure is a little lower than the former code's.
 */
public final class CalibrationSpeed {

    private static final double MU = 2.0;

    private CalibrationSpeed() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        if (what.equals("fit") || what.equals("all")) {
            fitDnn();
            fitSnn();
        }
        if (what.equals("convert") || what.equals("all")) {
            convert(args.length > 1 ? Path.of(args[1]) : null);
        }
    }

    /** A zero-inflated, right-skewed layer, as ThresholdStrategyTest's: 40 % at or below 0, exponential above. */
    private static double[] skewed(int n, long seed) {
        Random r = new Random(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) (r.nextDouble() < 0.4 ? -r.nextDouble() : -Math.log(1 - r.nextDouble()) * 0.5);
        }
        return z;
    }

    private static void fitDnn() {
        double[] z = skewed(100_000, 1);
        AlphaGrid grid = AlphaGrid.defaults();
        System.out.println("fitDnn, one layer: 100,000 samples, " + grid.size() + " alphas (median ms of the reps)");
        for (int t = 1; t <= 8; t++) {
            int steps = t;
            AlphaBeta[] result = new AlphaBeta[2];
            double[] ms = compare(3, 15, () -> result[0] = ScalarAlphaBetaFit.fitDnn("l", z, MU, steps, grid),
                    () -> result[1] = AlphaBetaFit.fitDnn("l", z, MU, steps, grid));
            System.out.printf(Locale.ROOT, "  T=%d  old %8.1f ms  new %6.2f ms  ratio %6.1fx  same alpha %s%n", t,
                    ms[0], ms[1], ms[0] / ms[1], result[0].alpha() == result[1].alpha());
        }
    }

    private static void fitSnn() {
        AlphaGrid grid = AlphaGrid.defaults();
        System.out.println("fitSnn, one layer: 50,000 samples, " + grid.size() + " alphas (median ms of the reps)");
        for (int steps : new int[] {2, 4, 8}) {
            double[] z = skewed(50_000, 2);
            Random r = new Random(3);
            double[] a = new double[z.length];
            double[][] currents = new double[z.length][steps];
            for (int i = 0; i < z.length; i++) {
                a[i] = Math.min(Math.max(z[i], 0), MU);
                for (int s = 0; s < steps; s++) {
                    currents[i][s] = (float) (z[i] + 0.3 * r.nextGaussian()); // a noisy drive around z
                }
            }
            PairedSamples pairs = new PairedSamples(a, currents);
            AlphaBeta[] result = new AlphaBeta[2];
            double[] ms = compare(3, 10, () -> result[0] = ScalarAlphaBetaFit.fitSnn("l", pairs, MU, grid),
                    () -> result[1] = AlphaBetaFit.fitSnn("l", pairs, MU, grid));
            System.out.printf(Locale.ROOT, "  T=%d  old %8.1f ms  new %6.2f ms  ratio %6.1fx  identical %s%n", steps,
                    ms[0], ms[1], ms[0] / ms[1], result[0].equals(result[1]));
        }
    }

    /** Median ms of {@code oldReps} runs of {@code old} and {@code newReps} of {@code fresh}, interleaved. */
    private static double[] compare(int oldReps, int newReps, Runnable old, Runnable fresh) {
        old.run();
        fresh.run();
        List<Double> o = new ArrayList<>();
        List<Double> n = new ArrayList<>();
        for (int i = 0; i < Math.max(oldReps, newReps); i++) {
            if (i < oldReps) {
                o.add(time(old));
            }
            if (i < newReps) {
                n.add(time(fresh));
            }
        }
        return new double[] {median(o), median(n)};
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[v.length / 2];
    }

    /** fitted-snn, or trained-clip where a layer of the untrained net never fires. */
    record FittedOrClip() implements ThresholdStrategy {
        @Override
        public LayerThreshold choose(LayerStats stats, int timesteps) {
            try {
                return ThresholdStrategy.fittedSnn().choose(stats, timesteps);
            } catch (IllegalArgumentException e) {
                return ThresholdStrategy.trainedClip().choose(stats, timesteps);
            }
        }

        @Override
        public Calibration calibration() {
            return Calibration.SNN;
        }
    }

    private static void convert(Path data) throws Exception {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.VGG16, 10).withWidth(0.25).withBatchNorm(true)
                .withConvDropout(0).withFcDropout(0.2);
        ComputationGraph dnn = Networks.build(spec, new NoOp(), 0, 42);
        INDArray images;
        String source;
        if (data != null) {
            ImageSet train = CifarReader.of(CifarDataset.CIFAR10).read(data, Split.TRAIN).firstPerClass(103);
            images = new ImageSetIterator(train, CifarDataset.CIFAR10.normalization(),
                    IteratorOptions.evaluation(train.size())).next().getFeatures();
            source = "CIFAR-10 training images";
        } else {
            Nd4j.getRandom().setSeed(7);
            images = Nd4j.randn(DataType.FLOAT, 1030, 3, 32, 32);
            source = "random images";
        }
        int steps = 2;
        ConvertConfig config = new ConvertConfig(new FittedOrClip(), steps, images, CaptureConfig.defaults(),
                ConvertConfig.DEFAULT_SNN_PAIRS, org.ullsnn.snn.ResetMode.SUBTRACT, CaptureConfig.DEFAULT_SEED);
        NetworkDistribution distribution = DistributionCapture.run(dnn, images, config.capture());
        System.out.printf(Locale.ROOT, "SNN-mode conversion: VGG-16 width 0.25 (BN, untrained), T = %d, %d %s, "
                + "%d samples per layer, batch %d, %s threads%n", steps, images.size(0), source, config.snnPairs(),
                config.capture().batchSize(), System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));

        ReferenceSnnConversion.Result old = null;
        ConversionResult fresh = null;
        List<Double> oldMs = new ArrayList<>();
        List<Double> newMs = new ArrayList<>();
        for (int rep = 0; rep < 2; rep++) { // old, new, old, new: neither gets all the JIT warm-up
            long t0 = System.nanoTime();
            old = ReferenceSnnConversion.convert(dnn, distribution, config, ReferenceSnnConversion.Route.OUTPUT);
            oldMs.add((System.nanoTime() - t0) / 1e6);
            t0 = System.nanoTime();
            fresh = Converter.convert(dnn, distribution, config, ProgressListener.silent());
            newMs.add((System.nanoTime() - t0) / 1e6);
        }
        ReferenceSnnConversion.Result before = old;
        boolean same = fresh.layers().stream().allMatch(l -> l.threshold().equals(before.thresholds().get(l.layer())))
                && fresh.snn().graph().params().equals(old.snn().graph().params());
        double oldBest = Math.min(oldMs.get(0), oldMs.get(1));
        double newBest = Math.min(newMs.get(0), newMs.get(1));
        System.out.printf(Locale.ROOT, "  wall (old, new per rep): %s, %s s; best old %.1f s, new %.1f s, ratio %.1fx; "
                + "same thresholds and SNN: %s%n", oldMs.stream().map(x -> String.format(Locale.ROOT, "%.1f", x / 1000))
                .toList(), newMs.stream().map(x -> String.format(Locale.ROOT, "%.1f", x / 1000)).toList(),
                oldBest / 1000, newBest / 1000, oldBest / newBest, same);

        // passes: new from the calibration's own count, old from which vertices each per-layer run needed
        ConversionPlan plan = ConversionPlan.of(dnn);
        InputType type = InputType.convolutional(32, 32, 3);
        Map<String, LayerThreshold> chosen = new HashMap<>();
        Map<String, Integer> oldRuns = new HashMap<>();
        List<String> weightLayers = new ArrayList<>();
        try (SnnCalibration calibration = SnnCalibration.start(dnn, plan.spikingLayers(), images,
                config.capture().batchSize(), config.snnPairs(), config.seed())) {
            for (String name : plan.spikingLayers()) {
                SpikingNetwork partial = SnnBuilder.build(plan, type, steps, chosen, config.reset());
                calibration.collect(partial, name);
                chosen.put(name, fresh.layers().stream().filter(l -> l.layer().equals(name)).findFirst()
                        .orElseThrow().threshold());
                String current = partial.spikingLayers().stream().filter(l -> l.name().equals(name)).findFirst()
                        .orElseThrow().inputVertex();
                for (String v : ancestors(partial.graph(), current)) {
                    oldRuns.merge(v, 1, Integer::sum); // the former code ran every vertex up to the current, per layer
                }
                if (weightLayers.isEmpty()) {
                    Arrays.stream(partial.graph().getLayers()).filter(l -> l.numParams() > 0
                            && !(l instanceof org.ullsnn.snn.IFNeuron)).forEach(l -> weightLayers.add(l.getConfig()
                            .getLayerName()));
                }
            }
            int batches = (int) Math.ceil(images.size(0) / (double) config.capture().batchSize());
            double newMean = weightLayers.stream().mapToInt(w -> calibration.evaluations().getOrDefault(w, 0))
                    .average().orElse(0) / batches;
            double oldMean = weightLayers.stream().mapToInt(w -> oldRuns.getOrDefault(w, 0)).average().orElse(0);
            int oldMost = oldRuns.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            System.out.printf(Locale.ROOT, "  SNN passes over the calibration images (most runs of any vertex / mean "
                    + "over weight layers): old %d / %.1f, new %.1f / %.1f; DNN passes: old %d, new 1%n", oldMost,
                    oldMean, calibration.passes(), newMean, plan.spikingLayers().size());
        }
    }

    /** {@code target} and the vertices it depends on, the network input excluded. */
    private static Set<String> ancestors(ComputationGraph graph, String target) {
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        Set<String> seen = new HashSet<>();
        List<String> stack = new ArrayList<>(List.of(target));
        while (!stack.isEmpty()) {
            String v = stack.remove(stack.size() - 1);
            if (inputs.containsKey(v) && seen.add(v)) {
                stack.addAll(inputs.get(v));
            }
        }
        return seen;
    }
}
