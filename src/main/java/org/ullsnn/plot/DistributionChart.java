package org.ullsnn.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ullsnn.stats.DistributionFitter;
import org.ullsnn.stats.FamilyFit;
import org.ullsnn.stats.Histogram;
import org.ullsnn.stats.LayerDistribution;
import org.ullsnn.stats.LayerFit;
import org.ullsnn.stats.ZeroInflated;

/**
 * One layer's pre-activations {@code z > 0} (METHOD.md §4): the exact histogram as a density, every fitted family
 * and the uniform-on-{@code (0, mu)} assumption drawn over it on the same scale.
 * <p>All curves are densities of the whole zero-inflated distribution on {@code z > 0}, so each has area
 * {@code P(z > 0) = 1 - p0}, not 1; the atom {@code P(z <= 0) = p0} has no density and is not drawn (the title
 * gives it):
 * <pre>
 * histogram   h_i = #(z in bin_i, z &gt; 0) / (count * width_i)      exact counts over all values of z
 * family      (1 - p0) f(z)                                          ZeroInflated.density, z &gt; 0
 * uniform     (1 - p0) / mu  on (0, mu), 0 beyond                   the uniform assumption
 * </pre>
 * <ul>
 *   <li>The bin that holds 0 keeps only its part above 0, and its exact count of {@code z > 0} (all values up to
 *       that bin's top minus the exact {@code #(z <= 0)}); when that part is under half a bin wide it is merged into
 *       the next bin, so a sliver does not show as a spike.</li>
 *   <li>Families are drawn on {@value #GRID_POINTS} points over {@code (0, max z]}; points where a density is
 *       infinite (gamma with shape {@code < 1} at 0) are left out.</li>
 *   <li>The y axis stops at {@value #Y_HEADROOM} times the highest of the histogram and the uniform line, so a
 *       density that shoots up near 0 does not flatten the figure.</li>
 *   <li>A plain ReLU ({@code mu = +Infinity}) has no uniform assumption: that series is left out.</li>
 *   <li>A vertical line marks {@code mu}, labelled {@code "mu = 3.21"} at the top of the plot.</li>
 * </ul>
 * <pre>{@code
 * XYChart c = DistributionChart.of(network.layer("conv3_act"), fits.layer("conv3_act"));
 * }</pre>
 */
public final class DistributionChart {

    /** Points each fitted density is drawn on. */
    public static final int GRID_POINTS = 200;

    /** The histogram's series name. */
    public static final String HISTOGRAM = "histogram of z > 0 (exact counts)";

    /** The uniform assumption's series name. */
    public static final String UNIFORM_ASSUMPTION = "uniform on (0, mu) assumption";

    static final double Y_HEADROOM = 1.25;

    private DistributionChart() {
    }

    /** The layer with every family fitted to it here ({@link DistributionFitter#fit(LayerDistribution)}). */
    public static XYChart of(LayerDistribution layer) {
        if (layer == null) {
            throw new IllegalArgumentException("the distribution chart needs a layer distribution, got null");
        }
        return of(layer, DistributionFitter.fit(layer));
    }

    /**
     * The layer with the given fits; series: {@link #HISTOGRAM}, one {@code "<family> fit"} per fitted family (the
     * smallest AIC marked {@code "(best AIC)"}), and {@link #UNIFORM_ASSUMPTION} when {@code mu} is finite.
     *
     * @throws IllegalArgumentException when the fits are of another layer, or the layer has no {@code z > 0}
     */
    public static XYChart of(LayerDistribution layer, LayerFit fit) {
        if (layer == null || fit == null) {
            throw new IllegalArgumentException("the distribution chart needs a layer distribution and its fits");
        }
        if (!fit.layer().equals(layer.layer())) {
            throw new IllegalArgumentException("the fits are of layer '" + fit.layer() + "', the distribution of '"
                    + layer.layer() + "'");
        }
        if (layer.atOrBelowZero() == layer.count()) {
            throw new IllegalArgumentException("layer '" + layer.layer() + "' has no pre-activation z > 0 to draw: all "
                    + layer.count() + " values are <= 0");
        }
        double p0 = layer.fractionAtOrBelowZero();
        double[][] bins = positiveDensity(layer);
        double[] edges = bins[0];
        double[] density = bins[1];
        double top = edges[edges.length - 1];
        double mu = layer.mu();

        XYChart chart = ChartDefaults.xy(String.format(Locale.ROOT,
                "%s: density of z > 0 (area 1 - p0); p0 = P(z <= 0) = %.3f not drawn", layer.layer(), p0),
                "pre-activation z", "density of z (z > 0)");
        // the tail on the right is nearly empty: the legend goes there and the plot keeps the full width
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        XYSeries hist = chart.addSeries(HISTOGRAM, outlineX(edges), outlineY(density));
        hist.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        hist.setMarker(SeriesMarkers.NONE);

        double highest = max(density);
        Optional<FamilyFit> best = fit.best();
        for (FamilyFit f : fit.fits()) {
            ZeroInflated model = new ZeroInflated(p0, f.distribution());
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int j = 0; j < GRID_POINTS; j++) {
                double z = top * (j + 0.5) / GRID_POINTS;
                double y = model.density(z);
                if (Double.isFinite(y)) {
                    xs.add(z);
                    ys.add(y);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = f.family() + " fit" + (best.isPresent() && best.get() == f ? " (best AIC)" : "");
            XYSeries s = chart.addSeries(name, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
        }
        if (Double.isFinite(mu)) {
            double h = (1 - p0) / mu;
            double end = Math.max(top, mu);
            XYSeries u = chart.addSeries(UNIFORM_ASSUMPTION, new double[] {0, mu, mu, end}, new double[] {h, h, 0, 0});
            ChartDefaults.reference(u);
            highest = Math.max(highest, h);
            chart.addAnnotation(new AnnotationLine(mu, true, false));
            // the label sits just inside the top of the plot, centred on the line
            chart.addAnnotation(new AnnotationText(muLabel(mu), mu, 0.93 * Y_HEADROOM * highest, false));
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Y_HEADROOM * highest);
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }

    /** The label of the vertical line at the clip value: {@code "mu = 3.21"}. */
    static String muLabel(double mu) {
        return String.format(Locale.ROOT, "mu = %.3g", mu);
    }

    /**
     * The histogram restricted to {@code z > 0}: {@code [edges, densities]} with {@code B' + 1} edges and
     * {@code B'} densities, each {@code count / (total count * width)}.
     */
    static double[][] positiveDensity(LayerDistribution layer) {
        Histogram h = layer.histogram();
        double[] e = h.edges();
        long[] c = h.counts();
        int first = 0;
        long upToFirst = c[0];
        // bins before `first` end at or below 0, so hold only z < 0; `first` is the bin holding the smallest z > 0
        while (first < c.length - 1 && e[first + 1] <= 0) {
            first++;
            upToFirst += c[first];
        }
        // exact: every z <= 0 lies in bins 0..first; clamped against the capture's end-bin rounding
        long positiveInFirst = Math.max(0, upToFirst - layer.atOrBelowZero());
        double lower = Math.max(0.0, e[first]);
        double binWidth = e[first + 1] - e[first];
        int next = first + 1;
        if (e[first + 1] - lower < 0.5 * binWidth && next < c.length) {
            positiveInFirst += c[next];
            next++;
        }
        List<Double> edges = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        edges.add(lower);
        counts.add(positiveInFirst);
        edges.add(e[next]);
        for (int i = next; i < c.length; i++) {
            counts.add(c[i]);
            edges.add(e[i + 1]);
        }
        double[] outEdges = edges.stream().mapToDouble(Double::doubleValue).toArray();
        double[] density = new double[counts.size()];
        double total = layer.count();
        for (int i = 0; i < density.length; i++) {
            double w = outEdges[i + 1] - outEdges[i];
            density[i] = w > 0 ? counts.get(i) / (total * w) : 0.0;
        }
        return new double[][] {outEdges, density};
    }

    /** The x of a bar outline: {@code e0, e0, e1, e1, ..., eB, eB}. */
    private static double[] outlineX(double[] edges) {
        double[] x = new double[2 * edges.length];
        for (int i = 0; i < edges.length; i++) {
            x[2 * i] = edges[i];
            x[2 * i + 1] = edges[i];
        }
        return x;
    }

    /** The y of a bar outline: {@code 0, h0, h0, h1, ..., h_{B-1}, 0}. */
    private static double[] outlineY(double[] density) {
        double[] y = new double[2 * density.length + 2];
        for (int i = 0; i < density.length; i++) {
            y[2 * i + 1] = density[i];
            y[2 * i + 2] = density[i];
        }
        return y;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
