package org.ullsnn.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * The data directory and where the choice came from. Rule: the {@code --data} flag if given, else the
 * environment variable {@value #ENV_VAR} if set and not blank, else {@code ./data}. Inside it, each
 * dataset has its own folder ({@link CifarDataset#folder()}).
 *
 * @param directory the data directory, absolute and normalised
 * @param source    which rule chose it
 */
public record DataLocation(Path directory, Source source) {

    /** The environment variable naming the data directory. */
    public static final String ENV_VAR = "ULLSNN_DATA";

    /** The directory used when neither the flag nor the variable is set, relative to the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("data");

    /** Which rule chose the directory. */
    public enum Source {
        /** The {@code --data} flag. */
        FLAG,
        /** The {@value DataLocation#ENV_VAR} environment variable. */
        ENVIRONMENT,
        /** Neither was set: {@code ./data}. */
        DEFAULT
    }

    public DataLocation {
        directory = Checks.notNull("directory", directory).toAbsolutePath().normalize();
        Checks.notNull("source", source);
    }

    /**
     * Resolves the data directory from the flag value ({@code null} when absent) and an environment map
     * (pass {@code System.getenv()} in production, a plain map in tests).
     */
    public static DataLocation resolve(Path flag, Map<String, String> env) {
        if (flag != null) {
            return new DataLocation(flag, Source.FLAG);
        }
        String fromEnv = env == null ? null : env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataLocation(Path.of(fromEnv.strip()), Source.ENVIRONMENT);
        }
        return new DataLocation(DEFAULT_DIRECTORY, Source.DEFAULT);
    }

    /** Resolves against the real environment. */
    public static DataLocation resolve(Path flag) {
        return resolve(flag, System.getenv());
    }

    /** For messages: {@code "/x/data (from --data)"}. */
    public String describe() {
        return directory + switch (source) {
            case FLAG -> " (from --data)";
            case ENVIRONMENT -> " (from " + ENV_VAR + ")";
            case DEFAULT -> " (default ./data; set --data or " + ENV_VAR + " to change it)";
        };
    }
}
