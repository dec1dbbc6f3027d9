package org.ullsnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

class GraphForwardTest {

    /** A ResNet-20 at width 1/16 with BN: shortcuts (two-input vertices), preprocessors and BN in inference mode. */
    private static ComputationGraph resnet() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.RESNET20, 10).withWidth(1.0 / 16).withInput(3, 16)
                .withBatchNorm(true);
        return Networks.build(spec, new NoOp(), 0, 7);
    }

    /** A VGG-16 at width 1/16 with BN: dense layers behind a CNN-to-dense preprocessor. */
    private static ComputationGraph vgg() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.VGG16, 10).withWidth(1.0 / 16).withInput(3, 32)
                .withBatchNorm(true);
        return Networks.build(spec, new NoOp(), 0, 7);
    }

    @Test
    void everyVertexSeesWhatDl4jsOwnInferencePassComputes() {
        everyVertexAsDl4j(resnet(), 16);
        everyVertexAsDl4j(vgg(), 32);
    }

    private static void everyVertexAsDl4j(ComputationGraph graph, int size) {
        Nd4j.getRandom().setSeed(7);
        List<String> names = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex v = graph.getVertices()[index];
            if (!v.isInputVertex()) {
                names.add(v.getVertexName());
            }
        }
        for (int round = 0; round < 2; round++) { // the second batch runs in the learned workspace
            INDArray x = Nd4j.randn(DataType.FLOAT, 5 - round, 3, size, size);
            // DL4J M2.1's output(names) fails on inner vertices of residual graphs; feedForward gives them all
            Map<String, INDArray> expected = graph.feedForward(x, false);
            Map<String, INDArray> seen = new LinkedHashMap<>();
            Map<String, INDArray> atEnd = new LinkedHashMap<>();
            GraphForward.SHARED.run(graph, x, new GraphForward.Visitor() {
                @Override
                public void onVertex(String vertex, INDArray output) {
                    assertTrue(output.isAttached(), vertex + " should lie in the pass's workspace");
                    seen.put(vertex, output.detach());
                }

                @Override
                public void onEnd(Map<String, INDArray> outputs) {
                    outputs.forEach((k, v) -> atEnd.put(k, v.detach()));
                }
            });
            assertEquals(names, new ArrayList<>(seen.keySet()), "every vertex once, in topological order");
            for (int i = 0; i < names.size(); i++) {
                assertTrue(expected.get(names.get(i)).equalsWithEps(seen.get(names.get(i)), 1e-5), names.get(i));
                assertTrue(expected.get(names.get(i)).equalsWithEps(atEnd.get(names.get(i)), 1e-5), names.get(i));
            }
        }
    }

    @Test
    void aSegmentRunsFromTheSourcesItIsGiven() {
        ComputationGraph graph = resnet();
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 3, 16, 16);
        List<String> order = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex v = graph.getVertices()[index];
            if (!v.isInputVertex()) {
                order.add(v.getVertexName());
            }
        }
        String first = order.get(0);
        String second = order.get(1);
        Map<String, INDArray> all = graph.feedForward(x, false);
        INDArray firstOut = all.get(first);
        INDArray expected = all.get(second);
        INDArray[] got = new INDArray[1];
        GraphForward.SHARED.run(graph, List.of(second), x, () -> Map.of(first, firstOut), new GraphForward.Visitor() {
            @Override
            public void onVertex(String vertex, INDArray output) {
                got[0] = output.detach();
            }
        });
        assertTrue(expected.equalsWithEps(got[0], 1e-5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphForward.SHARED.run(graph,
                List.of(second), x, Map::of, new GraphForward.Visitor() {
                }));
        assertTrue(e.getMessage().contains(first), e.getMessage());
        assertFalse(Nd4j.getMemoryManager().getCurrentWorkspace() != null, "no workspace left open after a failure");
        GraphForward.SHARED.release();
    }
}
