package org.ullsnn.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link CifarDownloader#fetchIfMissing(CifarDataset, Path)} did.
 *
 * @param dataset         the dataset
 * @param folder          the dataset folder, complete now
 * @param status          whether anything was downloaded or unpacked
 * @param bytesDownloaded bytes received over the network by this call (0 when already present)
 * @param setAside        where an earlier, incomplete folder of the same name was moved, if there was one
 */
public record FetchResult(CifarDataset dataset, Path folder, Status status, long bytesDownloaded,
                          Optional<Path> setAside) {

    /** Whether the files had to be fetched. */
    public enum Status {
        /** Every data file was already there; nothing was downloaded. */
        ALREADY_PRESENT,
        /** The archive was downloaded, checked and unpacked. */
        DOWNLOADED,
        /** The official archive was found in the data directory (put there by hand), checked and unpacked. */
        UNPACKED_LOCAL_ARCHIVE
    }

    public FetchResult {
        Checks.notNull("dataset", dataset);
        Checks.notNull("folder", folder);
        Checks.notNull("status", status);
        if (bytesDownloaded < 0) {
            throw new IllegalArgumentException("bytesDownloaded must be >= 0, got " + bytesDownloaded);
        }
        Checks.notNull("setAside", setAside);
    }
}
