package org.ullsnn.nn.train;

import java.nio.file.Path;
import java.util.List;

/**
 * A checkpoint on disk: the model after {@code epoch} completed epochs (with its updater state) and the
 * metrics of those epochs.
 */
public record Checkpoint(int epoch, Path model, List<EpochMetrics> history) {

    public Checkpoint {
        history = List.copyOf(history);
        if (history.size() != epoch) {
            throw new IllegalArgumentException("checkpoint of epoch " + epoch + " must carry " + epoch
                    + " epochs of metrics, got " + history.size());
        }
    }
}
