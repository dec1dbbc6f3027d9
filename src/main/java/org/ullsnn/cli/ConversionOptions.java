package org.ullsnn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.ullsnn.experiment.RunInputs;
import org.ullsnn.experiment.RunLocation;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.ResetMode;
import picocli.CommandLine.Option;

/**
 * The conversion settings that every command converting a trained network shares (a picocli {@code @Mixin}):
 * calibration images, SNN-mode sample pairs, simulation batch and IF reset; and the one way such a command loads its
 * network and images.
 */
public class ConversionOptions {

    @Option(names = "--calibration-images", defaultValue = "1024",
            description = "Training images used for calibration, evenly over classes (default: ${DEFAULT-VALUE}).")
    int calibrationImages;

    @Option(names = "--snn-pairs", defaultValue = "50000",
            description = "Samples per layer in SNN-mode calibration (default: ${DEFAULT-VALUE}).")
    int snnPairs;

    @Option(names = "--batch", defaultValue = "100", description = "Images per simulation batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--reset", defaultValue = "SUBTRACT", description = "IF reset: SUBTRACT or ZERO (default: ${DEFAULT-VALUE}).")
    ResetMode reset;

    /**
     * The network of {@code run} (after printing, for a shipped model, which one is read and where outputs go), its
     * calibration images and its first {@code testPerClass} test images per class (0: all).
     */
    RunInputs load(RunLocation run, DataOptions data, int testPerClass, PrintWriter out, ProgressListener progress)
            throws IOException {
        if (run.isModel()) {
            out.println(run.note());
            out.flush();
        }
        return RunInputs.load(run.source(), data.location().directory(), data.offline(), calibrationImages,
                testPerClass, data.layouts(), progress);
    }
}
