package org.ullsnn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a {@code .tar.gz} into a folder. Only directories and regular files are written; links and
 * device entries are skipped, and an entry whose path would leave the target folder is an error.
 */
final class TarGzExtractor {

    private TarGzExtractor() {
    }

    /** Unpacks {@code archive} under {@code target}, which must exist; returns the bytes written. */
    static long extract(Path archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        long written = 0;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 20);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry; (entry = tar.getNextTarEntry()) != null; ) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root) || out.equals(root) && !entry.isDirectory()) {
                    throw new CifarFormatException(archive, "entry '" + entry.getName()
                            + "' would be written outside the folder it is unpacked into");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    written += Files.copy(tar, out);
                }
            }
        } catch (IOException e) {
            if (e instanceof CifarFormatException) {
                throw e;
            }
            throw new IOException("unpacking " + archive + " into " + root + " failed: " + e.getMessage(), e);
        }
        return written;
    }
}
