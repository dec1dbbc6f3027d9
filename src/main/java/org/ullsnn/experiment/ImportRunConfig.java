package org.ullsnn.experiment;

import java.util.Arrays;
import java.util.Locale;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.data.Normalization;

/**
 * A run holding a network trained elsewhere and imported ({@code ullsnn import}). Saved as {@code config.json}
 * (with {@code "kind": "import"}) in the run folder.
 *
 * @param name         run folder name ({@code [A-Za-z0-9._-]+})
 * @param dataset      the data set the network classifies
 * @param labelLevel   its label level
 * @param mean         per-channel input mean, in units of {@code x / 255}
 * @param std          per-channel input standard deviation, in units of {@code x / 255}
 * @param sourceFile   the imported file's name
 * @param sourceSha256 SHA-256 of the imported file
 * @param format       the file's format: {@code onnx} or {@code keras-h5}
 * @param opset        the ONNX operator set version; null for Keras
 * @param irVersion    the ONNX IR version; null for Keras
 * @param producer     the program that wrote the file, e.g. {@code pytorch 2.13.0} or {@code keras 2.15.0 (tensorflow)}
 */
public record ImportRunConfig(String name, CifarDataset dataset, LabelLevel labelLevel, double[] mean, double[] std,
        String sourceFile, String sourceSha256, String format, Long opset, Long irVersion, String producer)
        implements RunConfig {

    /** The value of {@code kind} in an import run's {@code config.json}. */
    public static final String KIND = "import";

    public ImportRunConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run name must match [A-Za-z0-9._-]+, got '" + name + "'");
        }
        if (dataset == null || labelLevel == null || sourceFile == null || sourceSha256 == null || format == null
                || producer == null) {
            throw new IllegalArgumentException("dataset, labelLevel, sourceFile, sourceSha256, format and producer "
                    + "must be set");
        }
        Normalization.of(mean, std); // checks the values
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public Normalization normalization() {
        return Normalization.of(mean, std);
    }

    @Override
    public String describeNetwork() {
        return String.format(Locale.ROOT, "imported from %s (%s%s)", sourceFile,
                producer.isEmpty() ? "unknown producer" : producer, opset == null ? "" : ", ONNX opset " + opset);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImportRunConfig c && name.equals(c.name) && dataset == c.dataset
                && labelLevel == c.labelLevel && Arrays.equals(mean, c.mean) && Arrays.equals(std, c.std)
                && sourceFile.equals(c.sourceFile) && sourceSha256.equals(c.sourceSha256) && format.equals(c.format)
                && java.util.Objects.equals(opset, c.opset) && java.util.Objects.equals(irVersion, c.irVersion)
                && producer.equals(c.producer);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + sourceSha256.hashCode();
    }

    @Override
    public String toString() {
        return "ImportRunConfig[" + name + ", " + describeNetwork() + ", " + dataset.id() + " " + labelLevel
                + ", mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + "]";
    }
}
