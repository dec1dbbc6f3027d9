package org.ullsnn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ullsnn.io.FileTrees;
import org.ullsnn.progress.ConsoleProgressBar;
import org.ullsnn.progress.ProgressListener;

/**
 * Downloads a CIFAR dataset's official archive when its files are missing, checks the archive's MD5, and
 * unpacks it so that a failure at any point leaves nothing that looks complete:
 * <ol>
 *   <li>the archive is written to {@code <data>/<archive>.part}, resumed with HTTP range requests after a
 *       broken connection (a few automatic retries) or in a later run;</li>
 *   <li>its MD5 must equal the published one, else the part is deleted and a
 *       {@link ChecksumMismatchException} names the file and both digests;</li>
 *   <li>it is unpacked into a hidden temporary sibling folder {@code <data>/.<folder>.extract-*}, and the
 *       dataset folder is moved into place with one atomic rename;</li>
 *   <li>the part is deleted. An interrupted run leaves only the {@code .part} (resumed next time) and
 *       perhaps a hidden temporary folder (removed next time).</li>
 * </ol>
 * An official archive already in the data directory ({@code <data>/cifar-10-binary.tar.gz}, copied there by hand
 * on a machine without internet) is used instead of a download: its MD5 is checked, it is unpacked the same way,
 * and it is kept. In offline mode, missing files with no such archive fail at once with a
 * {@link MissingDataException} that says which files to put where and where to get them. A download that fails
 * names the cause (unknown host, host unreachable, connection refused, timeouts, HTTP status) and this offline
 * route. Instances are immutable; build them with {@link #builder()}.
 */
public final class CifarDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(CifarDownloader.class);

    private final HttpClient client;
    private final Function<CifarDataset, ArchiveSource> sources;
    private final ProgressListener listener;
    private final boolean offline;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final Duration requestTimeout;

    private CifarDownloader(Builder b) {
        this.client = b.client != null ? b.client : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(b.connectTimeout)
                .build();
        this.sources = b.sources;
        this.listener = b.listener != null ? b.listener : ConsoleProgressBar.onStderr();
        this.offline = b.offline;
        this.maxAttempts = b.maxAttempts;
        this.retryDelay = b.retryDelay;
        this.requestTimeout = b.requestTimeout;
    }

    /** A builder with the defaults: official archives, console progress bar on stderr, 4 attempts. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether this downloader refuses to download. */
    public boolean offline() {
        return offline;
    }

    /** The archive this downloader fetches for {@code dataset}. */
    public ArchiveSource source(CifarDataset dataset) {
        return sources.apply(dataset);
    }

    /**
     * Makes sure every data file of {@code dataset} is in {@code dataDir/<folder>}; when any is missing, unpacks
     * the official archive found in {@code dataDir}, else downloads it (unless offline) and unpacks it.
     *
     * @throws MissingDataException      offline, files are missing and no archive is in {@code dataDir}
     * @throws ChecksumMismatchException the downloaded or local archive's MD5 is not the published one
     * @throws CifarFormatException      the archive lacks the dataset folder or some of its files
     */
    public FetchResult fetchIfMissing(CifarDataset dataset, Path dataDir) throws IOException {
        CifarLayout layout = dataset.layout();
        List<Path> missing = layout.missingFiles(dataDir);
        Path folder = layout.folder(dataDir);
        if (missing.isEmpty()) {
            return new FetchResult(dataset, folder, FetchResult.Status.ALREADY_PRESENT, 0, Optional.empty());
        }
        ArchiveSource source = source(dataset);
        List<String> required = layout.files().stream().map(CifarLayout.DataFile::name).toList();
        Path local = dataDir.resolve(source.fileName());
        if (Files.isRegularFile(local)) {
            Unpacked u = unpack(dataset.id(), source, local, false, dataDir, required, System.nanoTime(), 0);
            return new FetchResult(dataset, u.folder(), FetchResult.Status.UNPACKED_LOCAL_ARCHIVE, 0, u.setAside());
        }
        if (offline) {
            MissingDataException e = MissingDataException.of(layout, dataDir, missing, source.url());
            throw new MissingDataException("Offline mode, nothing is downloaded. " + e.getMessage() + " Or copy "
                    + source.fileName() + " into " + dataDir + ": it is checked and unpacked from there, offline too.",
                    e.missing());
        }
        Unpacked u = download(dataset.id(), source, dataDir, required);
        return new FetchResult(dataset, u.folder(), FetchResult.Status.DOWNLOADED, u.received(), u.setAside());
    }

    /**
     * Downloads {@code source}, checks its MD5 and moves its folder into {@code dataDir}, whatever is there
     * already (an existing folder of that name is renamed to {@code <folder>.incomplete-<millis>}).
     *
     * @return the dataset folder's path
     */
    public Path download(ArchiveSource source, Path dataDir) throws IOException {
        if (offline) {
            throw new MissingDataException("Offline mode, nothing is downloaded: get " + source.url()
                    + " yourself and unpack it into " + dataDir.toAbsolutePath() + " (it holds the folder "
                    + source.folder() + "/)", List.of(dataDir.resolve(source.folder())));
        }
        return download(source.folder(), source, dataDir, List.of()).folder();
    }

    /** The unpacked folder, the bytes received for it, and where an older folder was set aside. */
    private record Unpacked(Path folder, long received, Optional<Path> setAside) {
        Unpacked withReceived(long bytes) {
            return new Unpacked(folder, bytes, setAside);
        }
    }

    private Unpacked download(String name, ArchiveSource source, Path dataDir, List<String> required)
            throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(dataDir);
        Path part = dataDir.resolve(source.fileName() + ".part");
        long resumedFrom = Files.exists(part) ? Files.size(part) : 0;
        ResumableDownload http = new ResumableDownload(client, requestTimeout, maxAttempts, retryDelay, listener);
        long received;
        try {
            received = http.fetch(source.url(), part, source.bytes(), "download " + source.fileName());
        } catch (ResumableDownload.DownloadFailedException e) {
            throw new IOException(e.getMessage() + ". " + offlineRoute(source, dataDir), e);
        }
        return unpack(name, source, part, true, dataDir, required, started, resumedFrom).withReceived(received);
    }

    /**
     * What to do without a network: put the archive (or its unpacked folder) into {@code dataDir} and use
     * {@code --offline}.
     */
    static String offlineRoute(ArchiveSource source, Path dataDir) {
        return "Without internet: copy " + source.fileName() + " (from " + source.url() + ", MD5 " + source.md5()
                + ") into " + dataDir.toAbsolutePath() + " and fetch again (it is checked and unpacked from there, "
                + "with --offline too), or unpack it there yourself (folder " + source.folder() + "/); --offline "
                + "never downloads and says which files are missing. See README, \"Data without internet\".";
    }

    /**
     * Checks {@code archive}'s MD5 and moves its dataset folder into {@code dataDir}. A downloaded archive (the
     * {@code .part}) is deleted afterwards, and also when its MD5 is wrong; an archive the user put there is kept.
     */
    private Unpacked unpack(String name, ArchiveSource source, Path archive, boolean downloaded, Path dataDir,
                            List<String> required, long started, long resumedFrom) throws IOException {
        long archiveBytes = Files.size(archive);
        String md5 = FileDigest.of(archive, FileDigest.MD5);
        if (!md5.equals(source.md5())) {
            if (downloaded) {
                Files.deleteIfExists(archive);
                throw new ChecksumMismatchException(source.fileName() + " (from " + source.url() + ")", "MD5",
                        source.md5(), md5);
            }
            throw new ChecksumMismatchException(archive.toString(), "MD5", source.md5(), md5,
                    "it is not the official " + source.fileName() + " (or it is damaged or incomplete); replace it "
                            + "with a good copy, or delete it and fetch again");
        }

        removeStaleExtractions(dataDir, source.folder());
        Path target = dataDir.resolve(source.folder());
        Path temp = Files.createTempDirectory(dataDir, "." + source.folder() + ".extract-");
        Optional<Path> setAside = Optional.empty();
        try {
            TarGzExtractor.extract(archive, temp);
            Path extracted = temp.resolve(source.folder());
            if (!Files.isDirectory(extracted)) {
                throw new CifarFormatException(archive, "holds no folder " + source.folder() + "/");
            }
            List<String> absent = required.stream().filter(f -> !Files.isRegularFile(extracted.resolve(f))).toList();
            if (!absent.isEmpty()) {
                throw new CifarFormatException(archive, "folder " + source.folder() + "/ lacks " + absent);
            }
            if (Files.exists(target)) {
                Path aside = dataDir.resolve(source.folder() + ".incomplete-" + System.currentTimeMillis());
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                LOG.warn("moved the incomplete folder {} aside to {}", target, aside);
                setAside = Optional.of(aside);
            }
            Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.delete(temp);
        }
        if (downloaded) {
            Files.deleteIfExists(archive);
        }
        LOG.info("fetch dataset={} archive={} source={} bytes={} resumed_from={} md5=ok folder={} elapsed_ms={}",
                name, source.fileName(), downloaded ? "download" : archive, archiveBytes, resumedFrom, target,
                (System.nanoTime() - started) / 1_000_000);
        return new Unpacked(target, 0, setAside);
    }

    private static void removeStaleExtractions(Path dataDir, String folder) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir, "." + folder + ".extract-*")) {
            entries.forEach(stale::add);
        }
        for (Path p : stale) {
            FileTrees.delete(p);
        }
    }

    /** Options of a {@link CifarDownloader}; every setter returns this builder. */
    public static final class Builder {
        private HttpClient client;
        private Function<CifarDataset, ArchiveSource> sources = CifarDataset::officialArchive;
        private ProgressListener listener;
        private boolean offline;
        private int maxAttempts = 4;
        private Duration retryDelay = Duration.ofSeconds(2);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The HTTP client to use; default: HTTP/1.1, following redirects, 30 s connect timeout. */
        public Builder httpClient(HttpClient client) {
            this.client = Checks.notNull("client", client);
            return this;
        }

        /** Fetch the official archives from a mirror: {@code base.resolve(<archive file name>)}, same MD5s. */
        public Builder baseUri(URI base) {
            Checks.notNull("base", base);
            this.sources = d -> d.officialArchive().at(base);
            return this;
        }

        /** Where each dataset's archive comes from (tests serve small archives with their own MD5). */
        public Builder sources(Function<CifarDataset, ArchiveSource> sources) {
            this.sources = Checks.notNull("sources", sources);
            return this;
        }

        /** Receives download progress in bytes (unit {@code "B"}); default {@link ConsoleProgressBar#onStderr()}. */
        public Builder listener(ProgressListener listener) {
            this.listener = Checks.notNull("listener", listener);
            return this;
        }

        /** Refuse to download: missing files fail at once with a message saying what to put where. */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /** Requests per download before giving up, each resuming the last; default 4. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = Checks.positive("maxAttempts", maxAttempts);
            return this;
        }

        /** Wait between attempts; default 2 s. */
        public Builder retryDelay(Duration retryDelay) {
            if (retryDelay == null || retryDelay.isNegative()) {
                throw new IllegalArgumentException("retryDelay must be >= 0, got " + retryDelay);
            }
            this.retryDelay = retryDelay;
            return this;
        }

        /** Time allowed until the response headers arrive; default 60 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be > 0, got " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** The downloader. */
        public CifarDownloader build() {
            return new CifarDownloader(this);
        }
    }
}
