package org.ullsnn.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class PlotsTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int WIDTH = 200;
    private static final int HEIGHT = 120;

    private static XYChart chart() {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("accuracy vs T").xAxisTitle("T")
                .yAxisTitle("accuracy").build();
        c.addSeries("max-norm", new double[] {1, 2, 4}, new double[] {10, 40, 80});
        return c;
    }

    private static byte[] head(Path file, int n) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOf(all, Math.min(n, all.length));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void pngStartsWithThePngSignatureAndCreatesTheFolders(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run/figures/acc.png");
        assertEquals(target, Plots.save(chart(), target, Plots.SCREEN_DPI));
        assertArrayEquals(PNG_MAGIC, head(target, 8));
        assertEquals(List.of(target), files(target.getParent()), "no temporary file is left beside the figure");
    }

    @Test
    void pngIsDrawnAtDpiOver72TimesTheChartSize(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("acc.png");
        Plots.save(chart(), target, 2 * Plots.SCREEN_DPI);
        ByteBuffer ihdr = ByteBuffer.wrap(head(target, 24));
        // signature (8), chunk length (4), "IHDR" (4), then width and height, big-endian
        assertEquals("IHDR", new String(head(target, 16), 12, 4, StandardCharsets.US_ASCII));
        assertEquals(2 * WIDTH, ihdr.getInt(16));
        assertEquals(2 * HEIGHT, ihdr.getInt(20));
    }

    @Test
    void defaultPngIs300Dpi(@TempDir Path dir) throws IOException {
        Path target = Plots.save(chart(), dir.resolve("acc.png"));
        assertEquals(WIDTH * Plots.DEFAULT_DPI / (double) Plots.SCREEN_DPI, ByteBuffer.wrap(head(target, 24)).getInt(16),
                1.0);
    }

    @Test
    void svgIsAnXmlSvgDocument(@TempDir Path dir) throws IOException {
        Path target = Plots.save(chart(), dir.resolve("acc.svg"));
        String text = Files.readString(target, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml") || text.startsWith("<svg"), text.substring(0, Math.min(80, text.length())));
        assertTrue(text.contains("<svg"), "an <svg element");
        assertEquals(List.of(target), files(dir));
    }

    @Test
    void pdfStartsWithThePdfHeader(@TempDir Path dir) throws IOException {
        Path target = Plots.save(chart(), dir.resolve("acc.pdf"));
        assertEquals("%PDF", new String(head(target, 4), StandardCharsets.US_ASCII));
        assertEquals(List.of(target), files(dir));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ACC.PNG", "acc.Svg", "acc.PDF"})
    void theExtensionIsReadCaseInsensitively(String name, @TempDir Path dir) throws IOException {
        Path target = Plots.save(chart(), dir.resolve(name), Plots.SCREEN_DPI);
        byte[] head = head(target, 8);
        switch (FigureFormat.of(target)) {
            case PNG -> assertArrayEquals(PNG_MAGIC, head);
            case SVG -> assertTrue(new String(head, StandardCharsets.US_ASCII).startsWith("<"));
            case PDF -> assertEquals("%PDF", new String(head, 0, 4, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void savingAgainReplacesTheFigure(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("acc.png");
        Plots.save(chart(), target, Plots.SCREEN_DPI);
        Plots.save(chart(), target, 2 * Plots.SCREEN_DPI);
        assertEquals(2 * WIDTH, ByteBuffer.wrap(head(target, 24)).getInt(16));
        assertEquals(List.of(target), files(dir));
    }

    @Test
    void anUnknownExtensionIsRefusedNamingThePathAndTheSupportedOnes(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("acc.gif");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.save(chart(), target));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(".gif") && e.getMessage().contains(".png, .svg, .pdf"), e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), files(dir));
    }

    @Test
    void aPathWithoutExtensionIsRefused(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.save(chart(), dir.resolve("figure")));
        assertTrue(e.getMessage().contains("no extension") && e.getMessage().contains(".png, .svg, .pdf"),
                e.getMessage());
    }

    @Test
    void dpiOutOfRangeIsRefused(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> Plots.save(chart(), dir.resolve("a.png"), 0));
    }

    @Test
    void figuresGoUnderTheRunFolder() {
        assertEquals(Path.of("runs", "my-run", "figures"), Plots.figuresDir(Path.of("runs", "my-run")));
    }
}
