package org.ullsnn.experiment;

import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.io.FileNames;
import org.ullsnn.nn.train.DistilledEpochData;
import org.ullsnn.nn.train.TrainConfig;
import org.ullsnn.snn.FineTuneSettings;

/**
 * A fine-tuning run of a converted SNN, saved as {@code config.json} in {@code <run>/finetune/<name>/} so that
 * {@code --resume} continues with the same settings.
 *
 * @param name              folder name under {@code <run>/finetune/}
 * @param strategy          the threshold strategy the SNN was converted with
 * @param timesteps         T
 * @param calibrationImages images used to convert
 * @param settings          surrogate, dropout, detached reset
 * @param training          optimiser (AMSGrad), schedule, epochs, batch, seed
 * @param trainPerClass     first N training images per class (0: all)
 * @param testPerClass      first N test images per class (0: all)
 * @param augment           random crop and flip during fine-tuning
 * @param distillation      share of the source DNN's probabilities in the training labels ({@link DistilledEpochData});
 *                          0 trains on the one-hot labels alone (the paper's loss; also what configs saved before this
 *                          setting read as)
 * @param countMaxPool      convert with count-max pools ({@link ConvertConfig#withCountMaxPool}) and fine-tune them;
 *                          false (the paper's per-step max-pools) is also what configs saved before it read as
 */
public record FineTuneRunConfig(String name, String strategy, int timesteps, int calibrationImages,
        FineTuneSettings settings, TrainConfig training, int trainPerClass, int testPerClass, boolean augment,
        double distillation, boolean countMaxPool) {

    /**
     * The folder name {@code ullsnn finetune} gives a run without {@code --name}: the strategy as written on the
     * command line, made file-safe, and T, e.g. {@code fitted-dnn:1.3} at T = 2 to {@code fitted-dnn_1.3-T2}.
     */
    public static String defaultName(String strategy, int timesteps) {
        return FileNames.safe(strategy) + "-T" + timesteps;
    }

    public FineTuneRunConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run name must match [A-Za-z0-9._-]+, got '" + name + "'");
        }
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps T must be >= 1, got " + timesteps);
        }
        if (calibrationImages < 1 || trainPerClass < 0 || testPerClass < 0) {
            throw new IllegalArgumentException("need calibration images >= 1 and per-class counts >= 0, got "
                    + calibrationImages + ", " + trainPerClass + ", " + testPerClass);
        }
        if (!(distillation >= 0 && distillation <= 1)) {
            throw new IllegalArgumentException("distillation weight must be in [0, 1], got " + distillation);
        }
        if (settings == null || training == null || strategy == null) {
            throw new IllegalArgumentException("strategy, settings and training must be set");
        }
    }
}
