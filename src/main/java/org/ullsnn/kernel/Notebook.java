package org.ullsnn.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.ullsnn.kernel.output.CellOutput;
import org.ullsnn.kernel.output.DisplaySink;
import org.ullsnn.kernel.output.ProgressDisplay;

/**
 * What cells can call without a receiver: {@code kernel/startup.jsh} imports these methods statically.
 * <pre>{@code
 * String id = display(chart);                    // show now, keep the id
 * updateDisplay(id, otherChart);                 // replace it in place
 * markdown("**accuracy** rises with T")          // as a cell's last line: shown as Markdown
 * latex("\\theta = \\mu / T")                    // shown with MathJax
 * var history = trainer.train(net, data, List.of());   // with new Trainer(config, store, progress(), m -> { })
 * }</pre>
 * These work only inside the kernel: the kernel hands the facade its renderer and output when it starts (a static
 * link is the only kind a cell's static call can reach).
 */
public final class Notebook {

    private static volatile Renderer renderer;
    private static volatile CellOutput output;

    private Notebook() {
    }

    /** Links the facade to the running kernel (once, at start). */
    static void bind(Renderer kernelRenderer, CellOutput kernelOutput) {
        renderer = kernelRenderer;
        output = kernelOutput;
    }

    private static Renderer renderer() {
        Renderer r = renderer;
        if (r == null) {
            throw new IllegalStateException("no kernel is running: Notebook's methods work in the ULL-SNN Java kernel");
        }
        return r;
    }

    private static CellOutput output() {
        renderer();
        return output;
    }

    /** Renders a value as the kernel would show it (a {@link DisplayData} is returned as is). */
    public static DisplayData render(Object value) {
        return value instanceof DisplayData d ? d : renderer().render(value);
    }

    /** Renders a value in the given MIME types (plus text/plain), e.g. {@code "text/plain"} alone for a table. */
    public static DisplayData render(Object value, String... mimeTypes) {
        return value instanceof DisplayData d ? d : renderer().renderAs(value, mimeTypes);
    }

    /** Shows a value now, as a new output of the running cell; returns its display id for {@link #updateDisplay}. */
    public static String display(Object value) {
        return show(render(value));
    }

    /** Shows a value in the given MIME types; returns its display id. */
    public static String display(Object value, String... mimeTypes) {
        return show(render(value, mimeTypes));
    }

    private static String show(DisplayData rendered) {
        DisplayData data = new DisplayData(rendered);
        String id = data.getDisplayId();
        if (id == null) {
            id = UUID.randomUUID().toString();
            data.setDisplayId(id);
        }
        output().display(data);
        return id;
    }

    /** Replaces what is shown under a display id (from {@link #display}) with a new value. */
    public static void updateDisplay(String id, Object value) {
        update(id, render(value));
    }

    /** Replaces what is shown under a display id, rendering the value in the given MIME types. */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        update(id, render(value, mimeTypes));
    }

    private static void update(String id, DisplayData rendered) {
        DisplayData data = new DisplayData(rendered);
        data.setDisplayId(id);
        output().updateDisplay(data);
    }

    /** Markdown, shown rendered when it is a cell's value or passed to {@link #display}. */
    public static DisplayData markdown(String markdown) {
        DisplayData data = new DisplayData(markdown);
        data.putMarkdown(markdown);
        return data;
    }

    /**
     * LaTeX math, rendered by the notebook's MathJax. Text without {@code $} or an environment is taken as one
     * displayed formula.
     */
    public static DisplayData latex(String latex) {
        boolean delimited = latex.contains("$") || latex.contains("\\begin") || latex.contains("\\[");
        DisplayData data = new DisplayData(latex);
        data.putLatex(delimited ? latex : "$$" + latex + "$$");
        return data;
    }

    /** HTML, shown rendered. */
    public static DisplayData html(String html) {
        DisplayData data = new DisplayData(html);
        data.putHTML(html);
        return data;
    }

    /**
     * A progress listener that draws the library's progress events as one bar updated in place in the running
     * cell; pass it wherever the library takes a {@code ProgressListener}.
     */
    public static ProgressDisplay progress() {
        return new ProgressDisplay(DisplaySink.of(output()), System::nanoTime);
    }

    /** Clears the running cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the running cell's output; with {@code wait}, only when new output arrives (no flicker in loops). */
    public static void clearOutput(boolean wait) {
        output().clear(wait);
    }

    /** Shows a value in the notebook's pager (the panel for help text) instead of the cell's output. */
    public static void page(Object value) {
        DisplayData data = render(value);
        Map<String, Object> bundle = new LinkedHashMap<>();
        for (MIMEType type : List.of(MIMEType.TEXT_PLAIN, MIMEType.TEXT_HTML, MIMEType.TEXT_MARKDOWN)) {
            Object content = data.getData(type);
            if (content != null) {
                bundle.put(type.toString(), content);
            }
        }
        output().page(bundle);
    }
}
