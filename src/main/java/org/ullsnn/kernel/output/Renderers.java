package org.ullsnn.kernel.output;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.common.Text;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/**
 * Rich forms of the library's types, registered by type on jjava's {@link Renderer}; each MIME type is computed only
 * when asked for. Every result also has {@code text/plain}.
 *
 * <ul>
 *   <li>XChart charts: {@code image/png} drawn at {@value #PNG_SCALE}x and shown at the chart's own size (sharp on
 *       high-density screens).</li>
 *   <li>Tablesaw tables: {@code text/html}, the first {@value #HEAD_ROWS} and last {@value #TAIL_ROWS} rows of
 *       long tables, with the shape in a caption.</li>
 *   <li>ND4J arrays: shape and data type above ND4J's own (abbreviated) text.</li>
 *   <li>{@link java.awt.image.RenderedImage}s ({@code BufferedImage}) and strings: jjava's renderers.</li>
 * </ul>
 */
public final class Renderers {

    static final int PNG_SCALE = 2;
    static final int HEAD_ROWS = 20;
    static final int TAIL_ROWS = 5;

    private Renderers() {
    }

    /** A renderer for everything above. */
    public static Renderer create() {
        Renderer renderer = new Renderer();
        Image.registerAll(renderer);
        Text.registerAll(renderer);
        registerCharts(renderer);
        registerTables(renderer);
        registerArrays(renderer);
        return renderer;
    }

    @SuppressWarnings("rawtypes") // XChart's Chart is generic in its styler and series types, which do not matter here
    static void registerCharts(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> describe(chart));
                    context.renderIfRequested(MIMEType.IMAGE_PNG, (type, out) -> out.putData(type, png(chart),
                            Map.of("width", chart.getWidth(), "height", chart.getHeight())));
                });
    }

    static void registerTables(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.print(HEAD_ROWS + TAIL_ROWS));
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(table));
                });
    }

    static void registerArrays(Renderer renderer) {
        renderer.createRegistration(INDArray.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((array, context) -> context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> describe(array)));
    }

    static String describe(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : " \"" + chart.getTitle() + "\"";
        return chart.getClass().getSimpleName() + title + " (" + chart.getWidth() + "x" + chart.getHeight() + ")";
    }

    /** Base64 PNG of the chart, drawn at {@value #PNG_SCALE}x. */
    static String png(Chart<?, ?> chart) {
        int w = chart.getWidth();
        int h = chart.getHeight();
        BufferedImage image = new BufferedImage(w * PNG_SCALE, h * PNG_SCALE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(PNG_SCALE, PNG_SCALE);
            chart.paint(g, w, h);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as PNG", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** An HTML table; long tables show their head and tail with a row between saying how many rows are left out. */
    static String html(Table table) {
        int rows = table.rowCount();
        boolean cut = rows > HEAD_ROWS + TAIL_ROWS;
        StringBuilder sb = new StringBuilder("<div class=\"ullsnn-table\">");
        sb.append("<p style=\"margin:0 0 4px 0;font-size:90%;color:#555\">")
                .append(escape(table.name() == null ? "" : table.name()))
                .append(table.name() == null || table.name().isEmpty() ? "" : ": ")
                .append(rows).append(rows == 1 ? " row" : " rows").append(" &times; ")
                .append(table.columnCount()).append(table.columnCount() == 1 ? " column" : " columns").append("</p>");
        sb.append(tableHtml(cut ? table.first(HEAD_ROWS) : table));
        if (cut) {
            sb.append("<p style=\"margin:2px 0;color:#555\">&hellip; ")
                    .append(rows - HEAD_ROWS - TAIL_ROWS).append(" rows not shown &hellip;</p>");
            sb.append(tableHtml(table.last(TAIL_ROWS)));
        }
        return sb.append("</div>").toString();
    }

    private static String tableHtml(Table table) {
        StringWriter html = new StringWriter();
        try {
            new HtmlWriter().write(table, HtmlWriteOptions.builder(html).escapeText(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the table as HTML", e);
        }
        return html.toString();
    }

    static String describe(INDArray array) {
        return "INDArray " + Arrays.toString(array.shape()) + " " + array.dataType().name().toLowerCase(Locale.ROOT)
                + "\n" + array;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
