package org.ullsnn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.Normalization;
import org.ullsnn.experiment.ImportRun;
import org.ullsnn.experiment.RunLocation;
import org.ullsnn.importer.ImportedNetwork;
import org.ullsnn.importer.KerasImporter;
import org.ullsnn.importer.OnnxImporter;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ullsnn import}: reads a DNN trained elsewhere (ONNX or Keras HDF5) and writes it as a run folder that convert, evaluate,
 * finetune and energy take like a training run ({@link ImportRun}).
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import a DNN trained elsewhere (ONNX, e.g. from PyTorch, or a tf.keras 2.x HDF5 file) as the "
                + "run <runs>/<name>/: "
                + "model.zip, config.json (source file and its SHA-256, ONNX opset, producer, input normalisation) "
                + "and import_map.csv (each vertex and the ONNX node or Keras layer it came from). Then: convert/evaluate/finetune/energy "
                + "--run <runs>/<name>.",
            "Supported operators: Conv, Gemm, MatMul (+ bias Add), BatchNormalization, Relu, Clip(0, mu) (and its "
                    + "Max/Min forms; becomes a ClipReLU with that mu), MaxPool, Flatten/Reshape before the "
                    + "classifier, Add (residual), Dropout/Identity (dropped), Softmax on the output. Anything else "
                    + "is refused, naming the node.",
            "PyTorch: torch.onnx.export(model.eval(), torch.randn(1, 3, 32, 32), 'm.onnx', input_names=['input'], "
                    + "output_names=['logits']); with dynamo=True keep the .onnx.data file beside the .onnx.",
            "Keras: Sequential or Functional models of InputLayer, Conv2D, BatchNormalization, Activation, ReLU, "
                    + "MaxPooling2D, Flatten, Dense, Dropout and Add (read with DL4J's Keras import); Keras 3 files: "
                    + "export ONNX (tf2onnx)."})
public final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Which file to import: exactly one of --onnx and --keras. */
    static final class Source {
        @Option(names = "--onnx", paramLabel = "FILE", description = "An ONNX model.")
        Path onnx;

        @Option(names = "--keras", paramLabel = "FILE", description = "A Keras 2 HDF5 model (.h5).")
        Path keras;
    }

    @Option(names = "--name", required = true, description = "The run's name, its folder under <runs>/.")
    String name;

    @Option(names = "--dataset", defaultValue = "cifar10",
            description = "cifar10 or cifar100: what the network classifies (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--mean", split = ",", paramLabel = "R,G,B",
            description = "Per-channel input mean the network was trained with, in units of x/255 (default: the "
                    + "data set's, as our own runs use).")
    double[] mean;

    @Option(names = "--std", split = ",", paramLabel = "R,G,B",
            description = "Per-channel input standard deviation, in units of x/255 (default: the data set's).")
    double[] std;

    @Option(names = "--runs", paramLabel = "DIR",
            description = "Folder holding the runs (default: $" + RunLocation.RUNS_ENV + ", else ./runs).")
    Path runs;

    @Override
    public Integer call() throws Exception {
        if ((mean == null) != (std == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give both --mean and --std, or neither");
        }
        Path file = source.onnx != null ? source.onnx : source.keras;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + file);
        }
        CifarDataset ds = CifarDataset.fromId(dataset);
        Normalization normalization = mean != null ? Normalization.of(mean, std) : ds.normalization();
        ImportedNetwork imported = source.onnx != null ? OnnxImporter.read(file) : KerasImporter.read(file);
        Path runDir = ImportRun.write(imported, name, ds, normalization,
                RunLocation.runsRoot(runs, System.getenv()));
        PrintWriter out = spec.commandLine().getOut();
        ImportedNetwork.Source s = imported.source();
        out.printf(Locale.ROOT, "imported %s (%s%s, SHA-256 %s): %d layers, %,d parameters, %d classes%n",
                file.getFileName(), s.producer().isEmpty() ? "unknown producer" : s.producer(),
                s.opset() == null ? "" : ", ONNX opset " + s.opset(), s.sha256(), imported.layers().size(),
                imported.net().numParams(), imported.classes());
        out.printf(Locale.ROOT, "input normalisation: mean %s, std %s (%s)%n", values(normalization, true),
                values(normalization, false), mean != null ? "given" : ds.displayName() + "'s; give --mean and --std "
                        + "if the network was trained with others");
        out.printf(Locale.ROOT, "wrote %s: model.zip, config.json, %s; next: ullsnn convert --run %s%n", runDir,
                ImportRun.MAP_FILE, runDir);
        return 0;
    }

    private static String values(Normalization n, boolean mean) {
        StringBuilder s = new StringBuilder("(");
        for (int c = 0; c < n.channels(); c++) {
            s.append(c > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4f", mean ? n.mean(c) : n.std(c)));
        }
        return s.append(')').toString();
    }
}
