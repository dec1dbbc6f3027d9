package org.ullsnn.snn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.train.Accuracy;
import org.ullsnn.nn.train.CheckpointStore;
import org.ullsnn.nn.train.EpochData;
import org.ullsnn.nn.train.EpochMetrics;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.nn.train.Trainer;
import org.ullsnn.progress.ProgressListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Fine-tunes a converted spiking network with surrogate gradients through time (METHOD.md §5): weights,
 * thresholds theta and leaks lambda all train; the loss is cross-entropy on the output summed over the T
 * steps; after every step lambda is clamped to at most 1 (and theta kept positive). Training itself is the
 * DNN {@link Trainer}'s (schedule, checkpoints, resume, divergence guard, progress).
 * <pre>{@code
 * FineTuning.Result r = FineTuning.run(converted.snn(), data, FineTuneSettings.defaults(),
 *         TrainConfig.fineTuning().withEpochs(3), new CheckpointStore(dir, 2), progress);
 * }</pre>
 */
public final class FineTuning {

    /** Smallest threshold kept after a step: a threshold at or below 0 would make every neuron fire. */
    public static final double MIN_THETA = 1e-3;

    private FineTuning() {
    }

    /**
     * A trainable copy of {@code snn}: same structure and parameters, the IF layers set to {@code settings},
     * every layer's updater set to {@code train}'s, epoch and iteration counters at 0. {@code snn} is untouched.
     */
    public static ComputationGraph trainable(SpikingNetwork snn, FineTuneSettings settings, TrainConfig train) {
        ComputationGraphConfiguration conf = snn.graph().getConfiguration().clone();
        IUpdater updater = train.updater();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                layer.setIUpdater(updater.clone());
                layer.setBiasUpdater(null);
                if (layer instanceof IFNeuronLayer n) {
                    n.setSurrogate(settings.surrogate());
                    n.setDropout(settings.dropout());
                    n.setDetachReset(settings.detachReset());
                }
            }
        }
        conf.setEpochCount(0);
        conf.setIterationCount(0);
        return Graphs.init(conf, snn.graph().params());
    }

    /** Keeps every IF layer's lambda at most 1 and theta at least {@link #MIN_THETA}. */
    public static void clampNeurons(ComputationGraph net) {
        for (Layer l : net.getLayers()) {
            if (l instanceof IFNeuron n) {
                if (n.lambda() > 1.0) {
                    n.getParam(IFParamInitializer.LAMBDA_KEY).assign(1.0);
                }
                if (n.theta() < MIN_THETA) {
                    n.getParam(IFParamInitializer.THETA_KEY).assign(MIN_THETA);
                }
            }
        }
    }

    /** One row per IF layer: its theta and lambda now, labelled with {@code epoch}. */
    public static List<NeuronState> neuronStates(ComputationGraph net, int epoch) {
        List<NeuronState> out = new ArrayList<>();
        for (int index : net.topologicalSortOrder()) {
            if (net.getVertices()[index].hasLayer() && net.getVertices()[index].getLayer() instanceof IFNeuron n) {
                out.add(new NeuronState(epoch, n.getConfig().getLayerName(), n.theta(), n.lambda()));
            }
        }
        return out;
    }

    /**
     * A layer's threshold and leak after an epoch.
     *
     * @param epoch  0 before fine-tuning, then 1, 2, ...
     * @param layer  IF layer name
     * @param theta  threshold
     * @param lambda leak
     */
    public record NeuronState(int epoch, String layer, double theta, double lambda) {
    }

    /**
     * What fine-tuning did.
     *
     * @param net            the fine-tuned network
     * @param accuracyBefore test accuracy (at t = T) before the first fine-tuning epoch of this call
     * @param history        metrics of every epoch (earlier ones of a resumed run included)
     * @param drift          theta and lambda per layer before and after each epoch of this call
     */
    public record Result(ComputationGraph net, double accuracyBefore, List<EpochMetrics> history,
            List<NeuronState> drift) {

        public Result {
            history = List.copyOf(history);
            drift = List.copyOf(drift);
        }

        /** The drift as a table: epoch, layer, theta, lambda. */
        public Table driftTable() {
            return FineTuning.driftTable(drift);
        }
    }

    /** epoch, layer, theta, lambda. */
    public static Table driftTable(List<NeuronState> states) {
        IntColumn epoch = IntColumn.create("epoch");
        StringColumn layer = StringColumn.create("layer");
        DoubleColumn theta = DoubleColumn.create("theta");
        DoubleColumn lambda = DoubleColumn.create("lambda");
        for (NeuronState s : states) {
            epoch.append(s.epoch());
            layer.append(s.layer());
            theta.append(s.theta());
            lambda.append(s.lambda());
        }
        return Table.create("threshold and leak per layer", epoch, layer, theta, lambda);
    }

    /**
     * The one call for notebooks: makes a trainable copy of {@code snn} and fine-tunes it from epoch 0.
     *
     * @param onEpoch called after each epoch with its metrics (e.g. to write metrics files)
     */
    public static Result run(SpikingNetwork snn, EpochData data, FineTuneSettings settings, TrainConfig train,
            CheckpointStore checkpoints, ProgressListener progress, Consumer<EpochMetrics> onEpoch) {
        return continueTraining(trainable(snn, settings, train), List.of(), data, train, checkpoints, progress,
                before -> { }, onEpoch);
    }

    /** {@link #run} without an epoch callback. */
    public static Result run(SpikingNetwork snn, EpochData data, FineTuneSettings settings, TrainConfig train,
            CheckpointStore checkpoints, ProgressListener progress) {
        return run(snn, data, settings, train, checkpoints, progress, m -> { });
    }

    /**
     * Continues fine-tuning a trainable network (a fresh {@link #trainable} copy, or one loaded from a
     * checkpoint with its {@code history}) up to {@code train.epochs()}.
     *
     * @param onBefore receives the test accuracy measured before the first epoch of this call
     * @param onEpoch  called after each epoch with its metrics
     */
    public static Result continueTraining(ComputationGraph net, List<EpochMetrics> history, EpochData data,
            TrainConfig train, CheckpointStore checkpoints, ProgressListener progress,
            java.util.function.DoubleConsumer onBefore, Consumer<EpochMetrics> onEpoch) {
        double before = Accuracy.of(net, data.test(), "SNN test accuracy before epoch " + (history.size() + 1),
                progress);
        onBefore.accept(before);
        List<NeuronState> drift = new ArrayList<>(neuronStates(net, history.size()));
        Trainer trainer = new Trainer(train, checkpoints, progress, m -> {
            drift.addAll(neuronStates(net, m.epoch()));
            onEpoch.accept(m);
        }, FineTuning::clampNeurons);
        List<EpochMetrics> all = trainer.train(net, data, history);
        return new Result(net, before, all, drift);
    }
}
