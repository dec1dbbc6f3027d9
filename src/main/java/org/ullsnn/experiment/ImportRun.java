package org.ullsnn.experiment;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.LabelLevel;
import org.ullsnn.data.Normalization;
import org.ullsnn.importer.ImportedNetwork;
import org.ullsnn.io.FileTrees;
import org.ullsnn.nn.Graphs;
import org.ullsnn.nn.OneDnnHelpers;

/**
 * Writes an imported network as a run folder {@code <runs>/<name>/} that {@code convert}, {@code evaluate},
 * {@code finetune}, {@code energy} and the notebooks read as they read a training run:
 * <ul>
 *   <li>{@code model.zip}: the network (no updater state);</li>
 *   <li>{@code config.json}: {@code "kind": "import"}, the {@link ImportRunConfig} (data set, input normalisation,
 *       source file, its SHA-256, format, ONNX opset, producer) and the {@link Provenance} of the import;</li>
 *   <li>{@value #MAP_FILE}: each vertex, its layer kind and the ONNX node or Keras layer it came from.</li>
 * </ul>
 * The folder is written under a temporary name and renamed at the end, so a failed import leaves nothing.
 */
public final class ImportRun {

    /** The vertex-to-ONNX-node table in an import run. */
    public static final String MAP_FILE = "import_map.csv";

    private ImportRun() {
    }

    /**
     * Checks that {@code imported} fits {@code dataset} (image shape, class count) and writes its run folder.
     *
     * @return the run folder
     * @throws IllegalArgumentException when it does not fit, or the folder exists
     */
    public static Path write(ImportedNetwork imported, String name, CifarDataset dataset, Normalization normalization,
            Path runsRoot) throws IOException {
        LabelLevel level = labelLevel(imported, dataset);
        int size = 32;
        if (imported.channels() != 3 || imported.height() != size || imported.width() != size) {
            throw new IllegalArgumentException("the model takes " + imported.channels() + "x" + imported.height() + "x"
                    + imported.width() + " images; " + dataset.displayName() + " images are 3x32x32");
        }
        if (normalization.channels() != imported.channels()) {
            throw new IllegalArgumentException("the normalisation covers " + normalization.channels()
                    + " channels; the model takes " + imported.channels());
        }
        double[] mean = new double[normalization.channels()];
        double[] std = new double[normalization.channels()];
        for (int c = 0; c < mean.length; c++) {
            mean[c] = normalization.mean(c);
            std[c] = normalization.std(c);
        }
        ImportedNetwork.Source source = imported.source();
        ImportRunConfig config = new ImportRunConfig(name, dataset, level, mean, std,
                source.file().getFileName().toString(), source.sha256(), source.format(), source.opset(),
                source.irVersion(), source.producer());
        Path runDir = runsRoot.resolve(name);
        if (Files.exists(runDir)) {
            throw new IllegalArgumentException("run folder " + runDir + " already exists; pick another --name");
        }
        Files.createDirectories(runsRoot);
        Path tmp = Files.createTempDirectory(runsRoot, "." + name + ".tmp-");
        try {
            Graphs.saveWithoutUpdater(imported.net(), tmp.resolve(TrainRun.MODEL_FILE));
            Provenance provenance = Provenance.capture(0, OneDnnHelpers.backendSupportsOneDnn(),
                    Map.of(config.sourceFile(), config.sourceSha256()), TrainRun.JSON.convertValue(config, Map.class));
            TrainRun.JSON.writeValue(tmp.resolve(TrainRun.CONFIG_FILE).toFile(),
                    Map.of("kind", ImportRunConfig.KIND, "config", config, "provenance", provenance));
            Files.write(tmp.resolve(MAP_FILE), mapLines(imported));
            move(tmp, runDir);
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(tmp);
            throw e;
        }
        return runDir;
    }

    /** The label level whose class count is the classifier's output count. */
    private static LabelLevel labelLevel(ImportedNetwork imported, CifarDataset dataset) {
        return dataset.levels().stream().filter(l -> dataset.classes(l) == imported.classes()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the model has " + imported.classes() + " outputs; "
                        + dataset.displayName() + " has " + dataset.levels().stream()
                        .map(l -> dataset.classes(l) + " (" + l.id() + ")")
                        .toList() + " classes: is --dataset right?"));
    }

    private static List<String> mapLines(ImportedNetwork imported) {
        List<String> lines = new ArrayList<>();
        lines.add("vertex,kind,source_node");
        for (ImportedNetwork.Row r : imported.layers()) {
            lines.add(csv(r.vertex()) + "," + csv(r.kind()) + "," + csv(r.sourceNode()));
        }
        return lines;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
