package org.ullsnn.io;

/**
 * Turns labels such as strategy names ({@code fitted-dnn(c=1.3)}, {@code percentile:99.9}) into file-name stems
 * that need no quoting in a shell: every run of characters outside {@code [A-Za-z0-9._-]} becomes one {@code _}.
 */
public final class FileNames {

    private FileNames() {
    }

    /**
     * A shell-safe stem for {@code label}, e.g. {@code fitted-dnn(c=1.3)} to {@code fitted-dnn_c_1.3}.
     *
     * @throws IllegalArgumentException when nothing usable is left
     */
    public static String safe(String label) {
        String stem = label == null ? "" : label.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        if (stem.isEmpty() || stem.chars().allMatch(c -> c == '.')) {
            throw new IllegalArgumentException("'" + label + "' gives no usable file name");
        }
        return stem;
    }
}
