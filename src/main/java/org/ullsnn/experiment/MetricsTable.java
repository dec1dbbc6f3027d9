package org.ullsnn.experiment;

import java.nio.file.Path;
import java.util.List;
import org.ullsnn.nn.train.EpochMetrics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/** Per-epoch training metrics as a Tablesaw table, and its {@code metrics.csv} form. */
public final class MetricsTable {

    private MetricsTable() {
    }

    /** One row per epoch: epoch, lr, train_loss, test_accuracy, images, seconds, img_per_s, peak RSS. */
    public static Table of(List<EpochMetrics> history) {
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn lr = DoubleColumn.create("learning_rate");
        DoubleColumn loss = DoubleColumn.create("train_loss");
        DoubleColumn acc = DoubleColumn.create("test_accuracy");
        LongColumn images = LongColumn.create("train_images");
        DoubleColumn trainSeconds = DoubleColumn.create("train_seconds");
        DoubleColumn rate = DoubleColumn.create("img_per_s");
        DoubleColumn evalSeconds = DoubleColumn.create("eval_seconds");
        LongColumn rss = LongColumn.create("peak_rss_mb");
        for (EpochMetrics m : history) {
            epoch.append(m.epoch());
            lr.append(m.learningRate());
            loss.append(m.trainLoss());
            acc.append(m.testAccuracy());
            images.append(m.trainImages());
            trainSeconds.append(m.trainSeconds());
            rate.append(m.imagesPerSecond());
            evalSeconds.append(m.evalSeconds());
            rss.append(m.peakRssMb());
        }
        return Table.create("training metrics", epoch, lr, loss, acc, images, trainSeconds, rate, evalSeconds, rss);
    }

    /** Writes {@link #of(List)} as CSV to {@code file}, replacing it atomically. */
    public static void writeCsv(List<EpochMetrics> history, Path file) {
        Tables.writeCsv(of(history), file);
    }
}
