package org.ullsnn.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class RenderersTest {

    private final Renderer renderer = Renderers.create();

    @Test
    void aChartIsASharpPngShownAtItsOwnSize() throws Exception {
        XYChart chart = new XYChartBuilder().width(300).height(200).title("accuracy vs T").build();
        chart.addSeries("fitted", new double[] {1, 2, 4}, new double[] {0.6, 0.8, 0.9});
        DisplayData data = renderer.render(chart);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder()
                .decode((String) data.getData(MIMEType.IMAGE_PNG))));
        assertEquals(600, png.getWidth());
        assertEquals(400, png.getHeight());
        assertEquals("XYChart \"accuracy vs T\" (300x200)", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void aTableIsHtmlWithItsShapeAndTheMiddleOfLongTablesLeftOut() {
        Table small = Table.create("runs", IntColumn.create("T", 1, 2, 4));
        String html = (String) renderer.render(small).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table") && html.contains("runs: 3 rows &times; 1 column"), html);
        int[] values = new int[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1000 + i;
        }
        String longHtml = (String) renderer.render(Table.create("long", IntColumn.create("v", values)))
                .getData(MIMEType.TEXT_HTML);
        assertTrue(longHtml.contains("1000") && longHtml.contains("1099") && !longHtml.contains("1050"));
        assertTrue(longHtml.contains("75 rows not shown"), longHtml);
    }

    @Test
    void tableCellsAreEscaped() {
        Table t = Table.create("t", tech.tablesaw.api.StringColumn.create("s", "<script>x</script>"));
        assertTrue(!((String) renderer.render(t).getData(MIMEType.TEXT_HTML)).contains("<script>"));
    }

    @Test
    void anArrayShowsItsShapeAndType() {
        String text = (String) renderer.render(Nd4j.zeros(2, 3)).getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.startsWith("INDArray [2, 3] float\n"), text);
    }

    @Test
    void everythingHasPlainText() {
        assertEquals("42", renderer.render(42).getData(MIMEType.TEXT_PLAIN));
        assertEquals(Map.of("a", 1).toString(), renderer.render(Map.of("a", 1)).getData(MIMEType.TEXT_PLAIN));
    }
}
