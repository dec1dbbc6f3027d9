package org.ullsnn.data;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a dataset archive comes from and how to recognise it.
 *
 * @param url      where to download the {@code .tar.gz} from
 * @param fileName the archive's file name, e.g. {@code cifar-10-binary.tar.gz}; the download is kept as
 *                 {@code fileName + ".part"} until it is complete and checked
 * @param bytes    the archive's size in bytes, or {@code -1} when unknown
 * @param md5      the published MD5 of the archive, 32 lower-case hex digits
 * @param folder   the top-level folder the archive unpacks to, e.g. {@code cifar-10-batches-bin}
 */
public record ArchiveSource(URI url, String fileName, long bytes, String md5, String folder) {

    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public ArchiveSource {
        Checks.notNull("url", url);
        if (fileName == null || !SIMPLE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("fileName must be a plain file name (letters, digits, . _ -), got '"
                    + fileName + "'");
        }
        if (bytes < -1) {
            throw new IllegalArgumentException("bytes must be >= 0, or -1 when unknown, got " + bytes);
        }
        md5 = md5 == null ? null : md5.toLowerCase(Locale.ROOT);
        if (md5 == null || !MD5.matcher(md5).matches()) {
            throw new IllegalArgumentException("md5 must be 32 hex digits, got '" + md5 + "'");
        }
        if (folder == null || !SIMPLE_NAME.matcher(folder).matches() || folder.startsWith(".")) {
            throw new IllegalArgumentException("folder must be a plain folder name, got '" + folder + "'");
        }
    }

    /** The same archive fetched from {@code base} (a mirror): {@code base.resolve(fileName)}. */
    public ArchiveSource at(URI base) {
        String b = base.toString();
        URI dir = URI.create(b.endsWith("/") ? b : b + "/");
        return new ArchiveSource(dir.resolve(fileName), fileName, bytes, md5, folder);
    }
}
