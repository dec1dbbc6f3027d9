package org.ullsnn.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ullsnn.convert.ConversionResult;
import org.ullsnn.convert.ConvertConfig;
import org.ullsnn.convert.Converter;
import org.ullsnn.convert.LayerConversion;
import org.ullsnn.convert.ThresholdStrategy;
import org.ullsnn.nn.ActivationKind;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.progress.ProgressListener;

/**
 * Converting an imported network gives the SNN that converting the same network built by {@link Networks} gives:
 * the same vertices, weights, thresholds and simulated logits at every time step. The fixtures are {@code TINY} at
 * width 0.5 on 8x8 images, with biases; the native net gets the imported weights by vertex name (batch norm's
 * variance as DL4J's default log10 standard deviation).
 */
class ImportedConversionTest {

    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @CsvSource({"vgg_bn, max-norm", "vgg_bn, half-shift", "vgg_clip, half-shift", "vgg_clip, trained-clip"})
    void convertingAnImportedNetGivesTheSameSnnAsTheNativeNet(String fixture, String strategy) {
        OnnxFixture f = OnnxFixture.load(fixture);
        ComputationGraph imported = OnnxImporter.read(f.file()).net();
        boolean clip = fixture.equals("vgg_clip");
        NetworkSpec spec = NetworkSpec.defaults(Architecture.TINY, 10).withWidth(0.5).withInput(3, 8)
                .withBatchNorm(!clip).withActivation(clip ? ActivationKind.CLIP_RELU : ActivationKind.RELU)
                .withBias(true).withConvDropout(0).withFcDropout(0);
        ComputationGraph nativeNet = Networks.build(spec, new NoOp(), 0, 1);
        copyByVertexName(imported, nativeNet);

        ThresholdStrategy s = ThresholdStrategy.parse(strategy);
        ConversionResult fromImport = Converter.convert(imported, ConvertConfig.of(s, 2, f.input()),
                ProgressListener.silent());
        ConversionResult fromNative = Converter.convert(nativeNet, ConvertConfig.of(s, 2, f.input()),
                ProgressListener.silent());

        assertEquals(vertexTypes(fromNative.snn().graph()), vertexTypes(fromImport.snn().graph()));
        List<LayerConversion> a = fromImport.layers();
        List<LayerConversion> b = fromNative.layers();
        assertEquals(b.size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(b.get(i).layer(), a.get(i).layer());
            assertClose(b.get(i).threshold().theta(), a.get(i).threshold().theta(), a.get(i).layer() + " theta");
            assertClose(b.get(i).threshold().v(), a.get(i).threshold().v(), a.get(i).layer() + " v");
        }
        Map<String, INDArray> pa = fromImport.snn().graph().paramTable();
        Map<String, INDArray> pb = fromNative.snn().graph().paramTable();
        assertEquals(pb.keySet(), pa.keySet());
        pb.forEach((k, v) -> assertTrue(relative(pa.get(k), v) <= TOLERANCE, k + ": " + relative(pa.get(k), v)));
        String logits = fromImport.snn().logitsVertex();
        INDArray perStepA = fromImport.snn().graph().feedForward(f.input(), false).get(logits);
        INDArray perStepB = fromNative.snn().graph().feedForward(f.input(), false).get(logits);
        assertTrue(relative(perStepA, perStepB) <= 1e-4, "simulated logits differ: " + relative(perStepA, perStepB));
    }

    @org.junit.jupiter.api.Test
    void anImportedResidualBlockConvertsWithOurResNetVertices() {
        OnnxFixture f = OnnxFixture.load("resnet_block");
        ConversionResult c = Converter.convert(OnnxImporter.read(f.file()).net(),
                ConvertConfig.of(ThresholdStrategy.parse("max-norm"), 2, f.input()), ProgressListener.silent());
        assertEquals(List.of("conv1_act", "s1b1_act1", "s1b1_act2"), c.layers().stream().map(LayerConversion::layer)
                .toList());
        var vertices = c.snn().graph().getConfiguration().getVertices().keySet();
        assertTrue(vertices.contains("s1b1_add") && vertices.contains("s1b1_short"), vertices.toString());
    }

    /** Imported parameters into the native net, vertex by vertex; batch-norm variance as log10 of the std. */
    private static void copyByVertexName(ComputationGraph from, ComputationGraph to) {
        from.paramTable().forEach((key, value) -> {
            int sep = key.lastIndexOf('_');
            String vertex = key.substring(0, sep);
            String param = key.substring(sep + 1);
            var layer = to.getLayer(vertex);
            if (param.equals("var")) {
                layer.getParam("log10stdev").assign(Transforms.log(value, 10.0).muli(0.5));
            } else {
                layer.getParam(param).assign(value);
            }
        });
    }

    private static Map<String, String> vertexTypes(ComputationGraph g) {
        Map<String, String> types = new TreeMap<>();
        g.getConfiguration().getVertices().forEach((name, v) -> types.put(name, v.toString().replaceAll("@.*", "")
                .replaceAll("\\(.*", "")));
        return types;
    }

    private static double relative(INDArray a, INDArray b) {
        double scale = Math.max(b.amaxNumber().doubleValue(), 1e-12);
        return a.castTo(b.dataType()).sub(b).amaxNumber().doubleValue() / scale;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }
}
