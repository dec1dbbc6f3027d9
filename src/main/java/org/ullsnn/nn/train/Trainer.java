package org.ullsnn.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ullsnn.progress.ProgressEvent;
import org.ullsnn.progress.ProgressListener;

/**
 * Trains a network epoch by epoch (METHOD.md §1): after each epoch it measures test accuracy, saves a
 * checkpoint and reports {@link EpochMetrics}.
 *
 * <ul>
 *   <li>The learning-rate schedule lives in the network's updater (built from {@link TrainConfig#updater()})
 *       and follows DL4J's epoch counter, which this class advances; a network loaded from a checkpoint
 *       therefore resumes with the same schedule.</li>
 *   <li>Epoch {@code e} reseeds ND4J's RNG (dropout masks) from {@code (seed, e)}, and the data order comes
 *       from {@link EpochData#train(int)}, so a resumed run repeats what an uninterrupted one does.</li>
 *   <li>A batch loss that is not finite or above {@link TrainConfig#divergenceLoss()} stops the run with a
 *       {@link TrainingDivergedException}, and so do parameters that are no longer finite (checked after every
 *       batch), so the last checkpoint on disk is always a good one.</li>
 *   <li>A thread interrupt stops the run between batches with a {@link CancellationException}.</li>
 * </ul>
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final long EPOCH_SEED_STRIDE = 1_000_003L;

    private final TrainConfig config;
    private final CheckpointStore checkpoints;
    private final ProgressListener progress;
    private final Consumer<EpochMetrics> onEpoch;
    private final Consumer<ComputationGraph> afterStep;

    /**
     * @param config      the run's settings (epochs, batch, seed, divergence limit)
     * @param checkpoints where to save a checkpoint after every epoch
     * @param progress    receives one event per training batch and per test batch
     * @param onEpoch     called after every epoch, once its checkpoint is saved
     */
    public Trainer(TrainConfig config, CheckpointStore checkpoints, ProgressListener progress,
            Consumer<EpochMetrics> onEpoch) {
        this(config, checkpoints, progress, onEpoch, net -> { });
    }

    /**
     * As above, with {@code afterStep} run after every parameter update (e.g. to clamp a parameter to its
     * allowed range).
     */
    public Trainer(TrainConfig config, CheckpointStore checkpoints, ProgressListener progress,
            Consumer<EpochMetrics> onEpoch, Consumer<ComputationGraph> afterStep) {
        this.config = config;
        this.checkpoints = checkpoints;
        this.progress = progress;
        this.onEpoch = onEpoch;
        this.afterStep = afterStep;
    }

    /**
     * Trains from the network's current epoch ({@code net.getEpochCount()}) to {@link TrainConfig#epochs()}.
     *
     * @param net     a new network, or one loaded from a checkpoint
     * @param data    training and test batches
     * @param history the metrics of the epochs already done (empty for a new run), one per epoch
     * @return the metrics of all epochs, earlier ones included
     */
    public List<EpochMetrics> train(ComputationGraph net, EpochData data, List<EpochMetrics> history) {
        int start = net.getEpochCount();
        if (history.size() != start) {
            throw new IllegalArgumentException("the network has done " + start + " epochs but the history has "
                    + history.size() + "; resume from a matching checkpoint");
        }
        List<EpochMetrics> all = new ArrayList<>(history);
        for (int epoch = start; epoch < config.epochs(); epoch++) {
            EpochMetrics m = trainEpoch(net, data, epoch);
            all.add(m);
            checkpoints.save(net, all);
            LOG.info(String.format(Locale.ROOT,
                    "train epoch=%d/%d lr=%.3g loss=%.4f test_acc=%.4f img_per_s=%.1f train_s=%.1f eval_s=%.1f"
                            + " peak_rss_mb=%d",
                    m.epoch(), config.epochs(), m.learningRate(), m.trainLoss(), m.testAccuracy(),
                    m.imagesPerSecond(), m.trainSeconds(), m.evalSeconds(), m.peakRssMb()));
            onEpoch.accept(m);
        }
        return all;
    }

    private EpochMetrics trainEpoch(ComputationGraph net, EpochData data, int epoch) {
        Nd4j.getRandom().setSeed(config.seed() * EPOCH_SEED_STRIDE + epoch);
        double lr = config.schedule().at(epoch);
        String task = "epoch " + (epoch + 1) + "/" + config.epochs();
        long totalBatches = (data.trainExamples() + config.batchSize() - 1) / config.batchSize();
        DataSetIterator it = data.train(epoch);
        try {
            return trainEpoch(net, data, epoch, it, task, totalBatches, lr);
        } finally {
            if (it instanceof AutoCloseable closeable) { // stops a prefetch thread when leaving an epoch early
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing the training iterator failed: {}", e.toString());
                }
            }
        }
    }

    private EpochMetrics trainEpoch(ComputationGraph net, EpochData data, int epoch, DataSetIterator it, String task,
            long totalBatches, double lr) {
        long images = 0;
        long batches = 0;
        double lossSum = 0;
        long startNanos = System.nanoTime();
        while (it.hasNext()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("training interrupted in epoch " + (epoch + 1) + " at batch "
                        + batches + "; the last checkpoint is in " + checkpoints.dir());
            }
            DataSet batch = it.next();
            net.fit(batch);
            afterStep.accept(net);
            double loss = net.score();
            if (data.freshBatches()) {
                Batches.release(batch);
            }
            batches++;
            images += batch.numExamples();
            if (!Double.isFinite(loss) || loss > config.divergenceLoss()) {
                throw diverged(epoch, batches, "loss " + loss);
            }
            // NaN inputs can leave the clipped cross-entropy finite while poisoning the weights: check them too
            // (one reduction over the flat parameter array, negligible beside a training step)
            if (!Double.isFinite(net.params().sumNumber().doubleValue())) {
                throw diverged(epoch, batches, "parameters became NaN or infinite");
            }
            lossSum += loss;
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            progress.onProgress(ProgressEvent.of(task, batches, Math.max(totalBatches, batches), "batch",
                    String.format(Locale.ROOT, "loss %.4f  %.0f img/s", lossSum / batches, images / seconds)));
        }
        if (batches == 0) {
            throw new IllegalArgumentException("epoch " + (epoch + 1) + " had no training batch: the data is empty");
        }
        double trainSeconds = (System.nanoTime() - startNanos) / 1e9;
        net.incrementEpochCount();
        String detail = String.format(Locale.ROOT, "loss %.4f  %.0f img/s", lossSum / batches, images / trainSeconds);
        progress.onProgress(ProgressEvent.done(task, batches, batches, "batch", detail));

        long evalStart = System.nanoTime();
        double accuracy = Accuracy.of(net, data.test(), "test after epoch " + (epoch + 1), progress,
                data.freshBatches());
        double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
        return new EpochMetrics(epoch + 1, lr, lossSum / batches, accuracy, images, trainSeconds,
                images / trainSeconds, evalSeconds, ProcessMemory.peakRssMb());
    }

    private TrainingDivergedException diverged(int epoch, long batch, String what) {
        String kept = checkpoints.latest()
                .map(c -> "The last good checkpoint is " + c.model() + " (epoch " + c.epoch() + ", test accuracy "
                        + String.format(Locale.ROOT, "%.2f %%", 100 * c.history().get(c.epoch() - 1).testAccuracy())
                        + "); resume from it with a lower learning rate.")
                .orElse("No checkpoint was written yet; start again with a lower learning rate.");
        return new TrainingDivergedException("training diverged in epoch " + (epoch + 1) + " at batch " + batch
                + ": " + what + " (limit " + config.divergenceLoss() + "). " + kept);
    }
}
