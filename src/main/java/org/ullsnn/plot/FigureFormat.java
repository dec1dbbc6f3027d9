package org.ullsnn.plot;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The file formats {@link Plots#save} writes, chosen by the file's extension (case-insensitive).
 * <ul>
 *   <li>{@link #PNG}: a raster image through XChart's {@code BitmapEncoder}, scaled to a DPI;</li>
 *   <li>{@link #SVG}: vector graphics through XChart's {@code VectorGraphicsEncoder} (VectorGraphics2D);</li>
 *   <li>{@link #PDF}: one vector page through {@code VectorGraphicsEncoder} (PdfBox-Graphics2D).</li>
 * </ul>
 */
public enum FigureFormat {
    PNG("png"),
    SVG("svg"),
    PDF("pdf");

    private final String extension;

    FigureFormat(String extension) {
        this.extension = extension;
    }

    /** The extension without the dot, lower case: {@code png}. */
    public String extension() {
        return extension;
    }

    /**
     * The format of {@code path}, from its extension.
     *
     * @throws IllegalArgumentException naming the path and the supported extensions when the extension is missing
     *                                  or unknown
     */
    public static FigureFormat of(Path path) {
        if (path == null || path.getFileName() == null) {
            throw new IllegalArgumentException("a figure needs a file path ending in " + supported() + ", got " + path);
        }
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (FigureFormat f : values()) {
            if (f.extension.equals(ext)) {
                return f;
            }
        }
        throw new IllegalArgumentException("cannot save a figure to " + path + ": "
                + (ext.isEmpty() ? "it has no extension" : "unknown extension '." + ext + "'") + "; supported: "
                + supported());
    }

    /** The supported extensions, for messages: {@code .png, .svg, .pdf}. */
    public static String supported() {
        return Arrays.stream(values()).map(f -> "." + f.extension).collect(Collectors.joining(", "));
    }
}
