package org.ullsnn.plot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.ullsnn.io.AtomicFile;

/**
 * Writes charts to files, and says where a run's figures go.
 * <ul>
 *   <li>The format follows the extension, case-insensitive ({@link FigureFormat}): {@code .png}, {@code .svg},
 *       {@code .pdf}; anything else is an {@link IllegalArgumentException} naming the path.</li>
 *   <li>Parent folders are created; the file is written atomically ({@link AtomicFile}): readers see the old
 *       figure or the complete new one, never half a file.</li>
 *   <li>PNG is drawn at {@code dpi / 72} times the chart's pixel size and carries the DPI in its metadata (XChart's
 *       {@code BitmapEncoder.saveBitmapWithDPI}); SVG and PDF are vector graphics of the chart's size and ignore
 *       the DPI.</li>
 *   <li>Works headless ({@code -Djava.awt.headless=true}): nothing opens a window.</li>
 * </ul>
 * <pre>{@code
 * Plots.save(AccuracyChart.vsTimesteps(sweep), Plots.figuresDir(runDir).resolve("accuracy_vs_T.pdf"));
 * }</pre>
 */
public final class Plots {

    /** Default PNG resolution: 300 DPI, what journals ask of raster figures. */
    public static final int DEFAULT_DPI = 300;

    /** The DPI at which a PNG has exactly the chart's own pixel size. */
    public static final int SCREEN_DPI = 72;

    /** The folder of a run that holds its figures. */
    public static final String FIGURES_DIR = "figures";

    private Plots() {
    }

    /** {@code runDir/figures}: where a run's figures go (not created here; {@link #save} creates it). */
    public static Path figuresDir(Path runDir) {
        if (runDir == null) {
            throw new IllegalArgumentException("figuresDir needs a run folder, got null");
        }
        return runDir.resolve(FIGURES_DIR);
    }

    /**
     * Writes {@code chart} to {@code path} in the format of its extension, PNG at {@value #DEFAULT_DPI} DPI.
     *
     * @return {@code path}
     * @throws IllegalArgumentException when the extension is not {@code .png}, {@code .svg} or {@code .pdf}
     * @throws java.io.UncheckedIOException naming the path when writing fails
     */
    public static Path save(Chart<?, ?> chart, Path path) {
        return save(chart, path, DEFAULT_DPI);
    }

    /**
     * Writes {@code chart} to {@code path} in the format of its extension; a PNG is drawn at {@code dpi}
     * ({@value #SCREEN_DPI} = the chart's own pixel size), vector formats ignore it.
     *
     * @param dpi PNG resolution, in [1, 2400]
     * @return {@code path}
     * @throws IllegalArgumentException when the extension is not {@code .png}, {@code .svg} or {@code .pdf}, or
     *                                  the DPI is out of range
     * @throws java.io.UncheckedIOException naming the path when writing fails
     */
    public static Path save(Chart<?, ?> chart, Path path, int dpi) {
        if (chart == null) {
            throw new IllegalArgumentException("cannot save a null chart to " + path);
        }
        FigureFormat format = FigureFormat.of(path);
        if (dpi < 1 || dpi > 2400) {
            throw new IllegalArgumentException("dpi must be in [1, 2400], got " + dpi);
        }
        AtomicFile.write(path, tmp -> {
            switch (format) {
                case PNG -> writePng(chart, tmp, dpi);
                case SVG -> writeVector(chart, tmp, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                case PDF -> writeVector(chart, tmp, VectorGraphicsEncoder.VectorGraphicsFormat.PDF);
            }
        });
        return path;
    }

    /**
     * XChart's DPI encoder takes a file name and appends {@code .png} unless it ends so, so it writes a
     * {@code .png} sibling of the temporary file, which is then renamed onto it.
     */
    private static void writePng(Chart<?, ?> chart, Path tmp, int dpi) throws IOException {
        Path png = tmp.resolveSibling(tmp.getFileName() + "." + FigureFormat.PNG.extension());
        try {
            BitmapEncoder.saveBitmapWithDPI(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG, dpi);
            Files.move(png, tmp, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(png);
        }
    }

    private static void writeVector(Chart<?, ?> chart, Path tmp, VectorGraphicsEncoder.VectorGraphicsFormat format)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, format);
        }
    }
}
