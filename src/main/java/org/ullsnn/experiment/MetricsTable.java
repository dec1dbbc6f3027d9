package org.ullsnn.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ullsnn.nn.train.EpochMetrics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

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

    /**
     * Reads a {@code metrics.csv} written by {@link #writeCsv}: one {@link EpochMetrics} per row, in file order.
     *
     * @throws UncheckedIOException naming the file when it is missing or not such a table
     */
    public static List<EpochMetrics> readCsv(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new IOException("no metrics table at " + file));
        }
        try {
            Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(new ColumnType[] {
                ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.LONG,
                ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.LONG}));
            List<EpochMetrics> out = new ArrayList<>();
            for (int i = 0; i < t.rowCount(); i++) {
                out.add(new EpochMetrics(t.intColumn("epoch").getInt(i), t.doubleColumn("learning_rate").getDouble(i),
                        t.doubleColumn("train_loss").getDouble(i), t.doubleColumn("test_accuracy").getDouble(i),
                        t.longColumn("train_images").getLong(i), t.doubleColumn("train_seconds").getDouble(i),
                        t.doubleColumn("img_per_s").getDouble(i), t.doubleColumn("eval_seconds").getDouble(i),
                        t.longColumn("peak_rss_mb").getLong(i)));
            }
            return out;
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException(file + " is not a readable metrics table: " + e.getMessage(), e));
        }
    }

    /** Writes {@link #of(List)} as CSV to {@code file}, replacing it atomically. */
    public static void writeCsv(List<EpochMetrics> history, Path file) {
        Tables.writeCsv(of(history), file);
    }
}
