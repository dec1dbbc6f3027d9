package org.ullsnn.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarLayout;
import org.ullsnn.data.DataLocation;
import picocli.CommandLine.Option;

/**
 * The data-directory options shared by every command that reads datasets; use it as a picocli
 * {@code @Mixin}. The directory is the {@code --data} flag, else {@code $ULLSNN_DATA}, else {@code ./data}
 * ({@link DataLocation#resolve(Path, Map)}).
 */
public class DataOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory holding cifar-10-batches-bin/ and cifar-100-binary/ "
                    + "(default: $" + DataLocation.ENV_VAR + ", else ./data).")
    private Path data;

    @Option(names = "--offline",
            description = "Never download: fail at once, saying which files to put where (an official archive "
                    + "copied into the data directory is still checked and unpacked).")
    private boolean offline;

    /** The CIFAR file layout per data set: the official one; tests set smaller ones. */
    Function<CifarDataset, CifarLayout> layouts = CifarLayout::official;

    /** The {@code --data} value, or {@code null} when not given. */
    public Path dataFlag() {
        return data;
    }

    /** Whether {@code --offline} was given. */
    public boolean offline() {
        return offline;
    }

    /** The CIFAR file layout per data set (the official files, except in tests). */
    public Function<CifarDataset, CifarLayout> layouts() {
        return layouts;
    }

    /** The data directory under the real environment. */
    public DataLocation location() {
        return location(System.getenv());
    }

    /** The data directory with {@code env} standing in for the environment (tests). */
    public DataLocation location(Map<String, String> env) {
        return DataLocation.resolve(data, env);
    }
}
