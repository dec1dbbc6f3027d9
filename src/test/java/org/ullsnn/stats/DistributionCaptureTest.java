package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.progress.ProgressEvent;
import tech.tablesaw.api.Table;

class DistributionCaptureTest {

    private static final int IMAGES = 10;
    private static final int BATCH = 4;
    private static final int BINS = 5;

    private static ComputationGraph net;
    private static double[][] pixels;
    private static INDArray images;

    @BeforeAll
    static void build() {
        net = HandBuiltNet.build();
        pixels = HandBuiltNet.pixels(IMAGES);
        images = HandBuiltNet.images(pixels);
    }

    private static void assertMatchesBruteForce(LayerDistribution d, double[] z, double mu) {
        assertEquals(z.length, d.count());
        assertEquals(Arrays.stream(z).filter(v -> v <= 0).count(), d.atOrBelowZero());
        assertEquals(Arrays.stream(z).filter(v -> v > 0 && v < mu).count(), d.inside());
        assertEquals(Arrays.stream(z).filter(v -> v >= mu).count(), d.clipped());
        assertEquals(Arrays.stream(z).min().orElseThrow(), d.min());
        assertEquals(Arrays.stream(z).max().orElseThrow(), d.max());
        double[] edges = Histogram.equalEdges(d.min(), d.max(), BINS);
        assertArrayEquals(edges, d.histogram().edges());
        assertArrayEquals(HistogramTest.linearScan(edges, z), d.histogram().counts());
    }

    @Test
    void countsExtremesAndHistogramEqualABruteForceReference() {
        double[] z1 = HandBuiltNet.z1(pixels);
        double[] z2 = HandBuiltNet.z2(pixels);
        assertTrue(Arrays.stream(z1).anyMatch(v -> v == 0) && Arrays.stream(z1).anyMatch(v -> v == HandBuiltNet.MU),
                "the fixture should hit z = 0 and z = mu exactly");
        NetworkDistribution d = DistributionCapture.run(net, images, new CaptureConfig(BATCH, 1000, BINS, 1));
        assertEquals(IMAGES, d.images());
        assertMatchesBruteForce(d.layer("act"), z1, HandBuiltNet.MU);
        assertMatchesBruteForce(d.layer("relu"), z2, Double.POSITIVE_INFINITY);
        assertTrue(d.layer("act").exact());
        assertArrayEquals(z1, d.layer("act").samples(), "all values kept, in image order");
        assertArrayEquals(z2, d.layer("relu").samples(), "dropout is off in inference mode");
    }

    @Test
    void aSmallReservoirSamplesWhileCountsAndHistogramStayExact() {
        List<ProgressEvent> events = new ArrayList<>();
        NetworkDistribution d = DistributionCapture.run(net, images, new CaptureConfig(BATCH, 5, BINS, 1),
                events::add);
        double[] z1 = HandBuiltNet.z1(pixels);
        LayerDistribution act = d.layer("act");
        assertMatchesBruteForce(act, z1, HandBuiltNet.MU);
        assertFalse(act.exact());
        assertEquals(5, act.sampleSize());
        Set<Double> all = Arrays.stream(z1).boxed().collect(Collectors.toSet());
        assertTrue(Arrays.stream(act.samples()).allMatch(all::contains));
        // 3 batches per pass, two passes (the reservoirs did not hold everything)
        assertEquals(6, events.size());
        assertEquals(List.of("capture pass 1/2", "capture pass 1/2", "capture pass 1/2", "capture pass 2/2",
                "capture pass 2/2", "capture pass 2/2"), events.stream().map(ProgressEvent::task).toList());
        assertEquals(List.of(false, false, true, false, false, true),
                events.stream().map(ProgressEvent::finished).toList());
    }

    @Test
    void theSameSeedGivesTheSameCapture() {
        CaptureConfig config = new CaptureConfig(3, 4, BINS, 9);
        assertEquals(DistributionCapture.run(net, images, config), DistributionCapture.run(net, images, config));
    }

    @Test
    void tableHasOneRowPerLayerWithFractionsAndPercentiles() {
        NetworkDistribution d = DistributionCapture.run(net, images, new CaptureConfig(BATCH, 1000, BINS, 1));
        Table t = d.toTable();
        assertEquals(2, t.rowCount());
        assertEquals(List.of("index", "layer", "mu", "count", "frac_z_le_0", "frac_inside", "frac_clipped", "min_z",
                "max_z", "p50_a", "p99_a", "p99.9_a", "p99.99_a", "samples", "exact"), t.columnNames());
        assertEquals("act", t.stringColumn("layer").get(0));
        assertEquals(d.layer("act").activationPercentile(99), t.doubleColumn("p99_a").get(0));
        assertTrue(t.booleanColumn("exact").get(0));
    }

    @Test
    void capturesEveryValueOfAConvolutionalNetwork() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.TINY, 4).withInput(3, 8);
        ComputationGraph tiny = Networks.build(spec, new NoOp(), 0, 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 3, 8, 8).subi(0.5);
        NetworkDistribution d = DistributionCapture.run(tiny, x, new CaptureConfig(2, 100, 10, 1));
        assertEquals(List.of("conv1_act", "conv2_act", "fc1_act"),
                d.layers().stream().map(LayerDistribution::layer).toList());
        long[] perImage = {8 * 8 * spec.scaled(8), 4 * 4 * spec.scaled(16), spec.scaled(32)};
        for (int l = 0; l < 3; l++) {
            LayerDistribution layer = d.layers().get(l);
            assertEquals(5 * perImage[l], layer.count(), layer.layer());
            assertEquals(layer.count(), layer.histogram().total());
        }
    }
}
