package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ullsnn.progress.ProgressEvent;

class CifarDownloaderTest {

    private static final String ARCHIVE = "cifar-10-binary.tar.gz";

    @TempDir
    Path work;

    private Path dataDir;
    private byte[] archive;
    private LoopbackArchiveServer server;
    private final List<ProgressEvent> events = new ArrayList<>();

    @BeforeEach
    void serveASmallCifar10Archive() throws IOException {
        dataDir = work.resolve("data");
        archive = smallCifar10Archive(work.resolve("source"));
        server = new LoopbackArchiveServer(archive);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** A .tar.gz of a small CIFAR-10 folder in the official format, built with commons-compress. */
    private static byte[] smallCifar10Archive(Path scratch) throws IOException {
        Path folder = CifarFixtures.write(CifarFixtures.smallCifar10(), scratch);
        CifarFixtures.writeNames(folder, CifarDataset.CIFAR10, LabelLevel.FINE, "class");
        byte[] incompressible = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(incompressible);
        Files.write(folder.resolve("readme.html"), incompressible);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.putArchiveEntry(new TarArchiveEntry("cifar-10-batches-bin/"));
            tar.closeArchiveEntry();
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.sorted().toList();
            }
            for (Path f : files) {
                TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/" + f.getFileName());
                byte[] content = Files.readAllBytes(f);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private ArchiveSource source(String md5) {
        return new ArchiveSource(server.uri(ARCHIVE), ARCHIVE, archive.length, md5, "cifar-10-batches-bin");
    }

    private ArchiveSource source() {
        return source(md5(archive));
    }

    private static String md5(byte[] bytes) {
        java.security.MessageDigest d = FileDigest.create(FileDigest.MD5);
        return java.util.HexFormat.of().formatHex(d.digest(bytes));
    }

    private CifarDownloader downloader(ArchiveSource source, int attempts) {
        return CifarDownloader.builder()
                .sources(d -> source)
                .listener(events::add)
                .maxAttempts(attempts)
                .retryDelay(Duration.ZERO)
                .requestTimeout(Duration.ofSeconds(10))
                .build();
    }

    private List<String> dataDirListing() throws IOException {
        if (!Files.exists(dataDir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dataDir)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private void assertUnpackedAndReadable() throws IOException {
        assertEquals(List.of("cifar-10-batches-bin"), dataDirListing(), "only the final folder is left");
        ImageSet test = new CifarReader(CifarFixtures.smallCifar10()).read(dataDir, Split.TEST);
        assertEquals(20, test.size());
        assertEquals("class3", test.classNames().get(3));
        assertEquals(CifarFixtures.pixel(Split.TEST, 7, 100), test.image(7)[100] & 0xff);
    }

    @Test
    void missingFilesAreDownloadedCheckedAndUnpackedIntoPlace() throws IOException {
        FetchResult result = downloader(source(), 4).fetchIfMissing(CifarDataset.CIFAR10, dataDir);

        assertEquals(FetchResult.Status.DOWNLOADED, result.status());
        assertEquals(dataDir.resolve("cifar-10-batches-bin").toAbsolutePath(), result.folder().toAbsolutePath());
        assertEquals(archive.length, result.bytesDownloaded());
        assertEquals(List.of("-"), server.ranges());
        assertUnpackedAndReadable();
        ProgressEvent last = events.get(events.size() - 1);
        assertTrue(last.finished());
        assertEquals("B", last.unit());
        assertEquals(archive.length, last.done());
        assertEquals("download " + ARCHIVE, last.task());
    }

    @Test
    void presentFilesAreNotDownloadedAgain() throws IOException {
        downloader(source(), 4).fetchIfMissing(CifarDataset.CIFAR10, dataDir);

        FetchResult again = downloader(source(), 4).fetchIfMissing(CifarDataset.CIFAR10, dataDir);

        assertEquals(FetchResult.Status.ALREADY_PRESENT, again.status());
        assertEquals(1, server.ranges().size(), "no second request");
    }

    @Test
    void aCutConnectionIsResumedWithARangeRequestAtTheRightOffset() throws IOException {
        server.cutFirstResponseAfter(archive.length / 2, dataDir.resolve(ARCHIVE + ".part"));

        FetchResult result = downloader(source(), 4).fetchIfMissing(CifarDataset.CIFAR10, dataDir);

        List<String> ranges = server.ranges();
        assertEquals(2, ranges.size(), ranges.toString());
        assertEquals("-", ranges.get(0));
        long kept = server.partSizesAtRequests().get(1);
        assertTrue(kept > 0 && kept <= server.bytesSentBeforeCut(), "part held " + kept + " bytes");
        assertEquals("bytes=" + kept + "-", ranges.get(1), "resumes exactly where the part ends");
        assertEquals(archive.length, result.bytesDownloaded());
        assertTrue(events.stream().anyMatch(e -> e.detail().startsWith("resumed at")), events.toString());
        assertUnpackedAndReadable();
    }

    @Test
    void aDownloadThatRunsOutOfAttemptsLeavesOnlyThePartAndTheNextRunResumesIt() throws IOException {
        Path part = dataDir.resolve(ARCHIVE + ".part");
        server.cutFirstResponseAfter(archive.length / 3, part);

        IOException e = assertThrows(IOException.class,
                () -> downloader(source(), 1).fetchIfMissing(CifarDataset.CIFAR10, dataDir));

        assertTrue(e.getMessage().contains("failed after 1 attempts") && e.getMessage().contains(".part"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(last: connection broken after ")
                || e.getMessage().contains("(last: connection closed after "), e.getMessage());
        assertEquals(List.of(ARCHIVE + ".part"), dataDirListing(), "nothing that looks complete");
        long kept = Files.size(part);
        assertTrue(kept > 0 && kept <= archive.length / 3, "part held " + kept + " bytes");

        downloader(source(), 1).fetchIfMissing(CifarDataset.CIFAR10, dataDir);

        assertEquals("bytes=" + kept + "-", server.ranges().get(1));
        assertUnpackedAndReadable();
    }

    @Test
    void aServerThatIgnoresTheRangeMakesTheDownloadRestartFromByteZero() throws IOException {
        Files.createDirectories(dataDir);
        byte[] stale = new byte[100];
        Arrays.fill(stale, (byte) 0x5a);
        Files.write(dataDir.resolve(ARCHIVE + ".part"), stale);
        server.ignoreRange();

        downloader(source(), 2).fetchIfMissing(CifarDataset.CIFAR10, dataDir);

        assertEquals(List.of("bytes=100-"), server.ranges());
        assertUnpackedAndReadable();
    }

    @Test
    void aCompletePartOfUnknownSizeIsConfirmedByA416AndUnpacked() throws IOException {
        Files.createDirectories(dataDir);
        Files.write(dataDir.resolve(ARCHIVE + ".part"), archive);
        ArchiveSource unknownSize = new ArchiveSource(server.uri(ARCHIVE), ARCHIVE, -1, md5(archive),
                "cifar-10-batches-bin");

        FetchResult result = downloader(unknownSize, 2).fetchIfMissing(CifarDataset.CIFAR10, dataDir);

        assertEquals(List.of("bytes=" + archive.length + "-"), server.ranges());
        assertEquals(0, result.bytesDownloaded());
        assertUnpackedAndReadable();
    }

    @Test
    void aChecksumMismatchDeletesThePartAndNamesFileExpectedAndActualMd5() throws IOException {
        String wrong = "0123456789abcdef0123456789abcdef";

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> downloader(source(wrong), 4).fetchIfMissing(CifarDataset.CIFAR10, dataDir));

        assertEquals(wrong, e.expected());
        assertEquals(md5(archive), e.actual());
        assertTrue(e.getMessage().contains(ARCHIVE), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + wrong) && e.getMessage().contains(md5(archive)),
                e.getMessage());
        assertEquals(List.of(), dataDirListing(), "no part, no archive, no folder");
    }

    @Test
    void aServerErrorOtherThan5xxFailsAtOnceWithoutRetrying() {
        server.answerWith(404);

        IOException e = assertThrows(IOException.class,
                () -> downloader(source(), 4).fetchIfMissing(CifarDataset.CIFAR10, dataDir));

        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertEquals(1, server.ranges().size());
    }

    @Test
    void anIncompleteFolderIsSetAsideAndReplacedByTheDownload() throws IOException {
        Path old = Files.createDirectories(dataDir.resolve("cifar-10-batches-bin"));
        Files.writeString(old.resolve("notes.txt"), "mine");

        FetchResult result = downloader(source(), 4).fetchIfMissing(CifarDataset.CIFAR10, dataDir);

        assertTrue(result.setAside().isPresent());
        assertEquals("mine", Files.readString(result.setAside().get().resolve("notes.txt")));
        assertTrue(Files.isRegularFile(dataDir.resolve("cifar-10-batches-bin/test_batch.bin")));
    }

    @Test
    void offlineModeFailsAtOnceNamingTheFilesTheFolderAndTheUrl() throws IOException {
        CifarDownloader offline = CifarDownloader.builder().sources(d -> sourceUnchecked()).offline(true)
                .listener(events::add).build();

        MissingDataException e = assertThrows(MissingDataException.class,
                () -> offline.fetchIfMissing(CifarDataset.CIFAR10, dataDir));

        String m = e.getMessage();
        assertTrue(m.startsWith("Offline mode"), m);
        assertTrue(m.contains(dataDir.resolve("cifar-10-batches-bin").toString()), m);
        assertTrue(m.contains("data_batch_1.bin") && m.contains("test_batch.bin"), m);
        assertTrue(m.contains(server.uri(ARCHIVE).toString()), m);
        assertTrue(m.contains("Or copy " + ARCHIVE + " into " + dataDir), m);
        assertEquals(List.of(), server.ranges(), "no request made");
        assertFalse(Files.exists(dataDir));
    }

    @Test
    void anOfficialArchiveCopiedIntoTheDataDirectoryIsCheckedAndUnpackedOfflineAndKept() throws IOException {
        Files.createDirectories(dataDir);
        Files.write(dataDir.resolve(ARCHIVE), archive);
        CifarDownloader offline = CifarDownloader.builder().sources(d -> source()).offline(true)
                .listener(events::add).build();

        FetchResult result = offline.fetchIfMissing(CifarDataset.CIFAR10, dataDir);

        assertEquals(FetchResult.Status.UNPACKED_LOCAL_ARCHIVE, result.status());
        assertEquals(0, result.bytesDownloaded());
        assertEquals(List.of(), server.ranges(), "no request made");
        assertEquals(List.of("cifar-10-batches-bin", ARCHIVE), dataDirListing(), "the user's archive is kept");
        assertEquals(20, new CifarReader(CifarFixtures.smallCifar10()).read(dataDir, Split.TEST).size());
    }

    @Test
    void aLocalArchiveWithTheWrongMd5IsKeptAndTheMessageSaysToReplaceIt() throws IOException {
        Files.createDirectories(dataDir);
        byte[] damaged = Arrays.copyOf(archive, archive.length / 2);
        Files.write(dataDir.resolve(ARCHIVE), damaged);

        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> downloader(source(), 1).fetchIfMissing(CifarDataset.CIFAR10, dataDir));

        assertEquals(md5(damaged), e.actual());
        assertTrue(e.getMessage().contains(dataDir.resolve(ARCHIVE).toString()) && e.getMessage().contains("replace it"),
                e.getMessage());
        assertEquals(List.of(ARCHIVE), dataDirListing());
        assertEquals(List.of(), server.ranges(), "no download instead");
    }

    /** A source on this machine where nothing listens: the port of a socket opened and closed again. */
    private static ArchiveSource closedPortSource() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return sourceAt(URI.create("http://127.0.0.1:" + port + "/files/" + ARCHIVE));
    }

    private static ArchiveSource sourceAt(URI url) {
        return new ArchiveSource(url, ARCHIVE, 1000, "0123456789abcdef0123456789abcdef", "cifar-10-batches-bin");
    }

    @Test
    void aRefusedConnectionIsNamedInTheFinalMessageWithTheOfflineRoute() throws IOException {
        ArchiveSource closed = closedPortSource();

        IOException e = assertThrows(IOException.class,
                () -> downloader(closed, 2).fetchIfMissing(CifarDataset.CIFAR10, dataDir));

        String m = e.getMessage();
        assertTrue(m.contains("failed after 2 attempts (last: connection refused by 127.0.0.1:" + closed.url().getPort()
                + " (nothing listens there))"), m);
        assertTrue(m.contains("Without internet: copy " + ARCHIVE), m);
        assertTrue(m.contains(dataDir.toAbsolutePath().toString()) && m.contains("--offline"), m);
        assertFalse(m.contains("null"), m);
        assertFalse(m.contains("partial file"), "no part was written: " + m);
    }

    @Test
    void anUnresolvableHostIsAnUnknownHost() {
        ArchiveSource invalid = sourceAt(URI.create("http://cifar-archive.invalid/" + ARCHIVE));

        IOException e = assertThrows(IOException.class,
                () -> downloader(invalid, 1).fetchIfMissing(CifarDataset.CIFAR10, dataDir));

        assertTrue(e.getMessage().contains("(last: unknown host cifar-archive.invalid (the DNS lookup failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--offline"), e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersIsAReadTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ArchiveSource s = sourceAt(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/files/" + ARCHIVE));
            CifarDownloader quick = CifarDownloader.builder().sources(d -> s).listener(events::add).maxAttempts(1)
                    .retryDelay(Duration.ZERO).requestTimeout(Duration.ofMillis(300)).build();

            IOException e = assertThrows(IOException.class, () -> quick.fetchIfMissing(CifarDataset.CIFAR10, dataDir));

            assertTrue(e.getMessage().contains("(last: read timeout: 127.0.0.1 sent no response within 0.3 s)"),
                    e.getMessage());
        }
    }

    @Test
    void aServerErrorIsRetriedAndItsStatusNamed() {
        server.answerWith(503);

        IOException e = assertThrows(IOException.class,
                () -> downloader(source(), 2).fetchIfMissing(CifarDataset.CIFAR10, dataDir));

        assertTrue(e.getMessage().contains("failed after 2 attempts (last: HTTP 503 from " + server.uri(ARCHIVE)),
                e.getMessage());
        assertEquals(2, server.ranges().size());
    }

    @Test
    void theOfficialSourcesCanBeMovedToAMirrorKeepingTheirChecksums() {
        CifarDownloader mirrored = CifarDownloader.builder()
                .baseUri(java.net.URI.create("http://127.0.0.1:9/mirror")).listener(events::add).build();

        ArchiveSource s = mirrored.source(CifarDataset.CIFAR100);

        assertEquals("http://127.0.0.1:9/mirror/cifar-100-binary.tar.gz", s.url().toString());
        assertEquals("03b5dce01913d631647c71ecec9e9cb8", s.md5());
        assertEquals(168_513_733L, s.bytes());
    }

    private ArchiveSource sourceUnchecked() {
        return source(md5(archive));
    }
}
