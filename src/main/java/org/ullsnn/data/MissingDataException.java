package org.ullsnn.data;

import java.io.IOException;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Data files are not where they should be (and, in offline mode, may not be downloaded). The message names
 * the missing files, the folder they belong in, and where to get them.
 */
public class MissingDataException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient List<Path> missing;

    /** {@code missing} lists the absent files (or the absent folder) with their full paths. */
    public MissingDataException(String message, List<Path> missing) {
        super(message);
        this.missing = List.copyOf(missing);
    }

    /**
     * The files of {@code layout} missing under {@code dataDir}: names them, the folder they belong in, the
     * archive to unpack there ({@code archiveUrl}), and the fetch command.
     */
    static MissingDataException of(CifarLayout layout, Path dataDir, List<Path> missing, URI archiveUrl) {
        CifarDataset d = layout.dataset();
        Path folder = layout.folder(dataDir);
        StringBuilder sb = new StringBuilder();
        if (!Files.isDirectory(folder)) {
            sb.append(d.displayName()).append(" folder ").append(folder).append(" does not exist. ");
        } else {
            sb.append(d.displayName()).append(" files missing in ").append(folder).append(": ")
                    .append(missing.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")))
                    .append(". ");
        }
        sb.append("Put the official binary files (")
                .append(layout.files().stream().map(CifarLayout.DataFile::name).collect(Collectors.joining(", ")))
                .append(") in ").append(folder).append(File.separator)
                .append(", e.g. by unpacking ").append(archiveUrl).append(" into ").append(dataDir)
                .append(", or run `ullsnn data fetch --dataset ").append(d.id()).append(" --data ").append(dataDir)
                .append("`.");
        return new MissingDataException(sb.toString(), missing);
    }

    /** The paths that were looked for and not found. */
    public List<Path> missing() {
        return missing;
    }
}
