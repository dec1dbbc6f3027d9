package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.NoOp;
import org.ullsnn.nn.ActivationKind;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;

class SpikingLayersTest {

    @Test
    void findsClipReluAndReluVerticesWithTheirInputsInTopologicalOrder() {
        List<SpikingLayer> layers = SpikingLayers.of(HandBuiltNet.build());
        assertEquals(List.of(new SpikingLayer("act", "fc", HandBuiltNet.MU),
                new SpikingLayer("relu", "fc2", Double.POSITIVE_INFINITY)), layers);
        assertTrue(layers.get(0).clipped());
        assertFalse(layers.get(1).clipped());
    }

    @Test
    void findsEveryActivationOfTheTinyNetworkByTheNamingScheme() {
        NetworkSpec spec = NetworkSpec.defaults(Architecture.TINY, 4).withInput(3, 8);
        ComputationGraph clip = Networks.build(spec, new NoOp(), 0, 1);
        assertEquals(List.of(new SpikingLayer("conv1_act", "conv1", 4.0), new SpikingLayer("conv2_act", "conv2", 4.0),
                new SpikingLayer("fc1_act", "fc1", 4.0)), SpikingLayers.of(clip));
        ComputationGraph relu = Networks.build(spec.withActivation(ActivationKind.RELU), new NoOp(), 0, 1);
        assertEquals(List.of("conv1_act", "conv2_act", "fc1_act"),
                SpikingLayers.of(relu).stream().map(SpikingLayer::name).toList());
        assertTrue(SpikingLayers.of(relu).stream().noneMatch(SpikingLayer::clipped));
    }
}
