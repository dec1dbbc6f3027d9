package org.ullsnn.stats;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.ullsnn.nn.layers.ClipReLU;

/**
 * Finds the spiking layers of a DNN: the activation vertices that become IF neurons after conversion.
 * <p>A vertex is a spiking layer when its layer is
 * <ul>
 *   <li>a {@link ClipReLU} ({@code a = clip(z, 0, mu)}, {@code mu} its current value);</li>
 *   <li>a DL4J {@link ActivationLayer} with ReLU: plain ({@code mu = +Infinity}), with a maximum
 *       ({@code ReLU(max)}: {@code mu = max}) or ReLU6 ({@code mu = 6}). Leaky or thresholded ReLUs are not
 *       spiking layers.</li>
 * </ul>
 * A ReLU fused into a dense or convolution layer ({@code .activation(RELU)} on the weight layer) is not
 * found: its pre-activation is not the output of any vertex. The networks of {@code org.ullsnn.nn.Networks}
 * always give each activation its own vertex.
 */
public final class SpikingLayers {

    private SpikingLayers() {
    }

    /**
     * The spiking layers of {@code dnn}, in topological order.
     *
     * @throws IllegalArgumentException if a spiking layer does not have exactly one input vertex
     */
    public static List<SpikingLayer> of(ComputationGraph dnn) {
        Checks.notNull("dnn", dnn);
        ComputationGraphConfiguration conf = dnn.getConfiguration();
        GraphVertex[] vertices = dnn.getVertices();
        List<SpikingLayer> found = new ArrayList<>();
        for (int index : dnn.topologicalSortOrder()) {
            GraphVertex vertex = vertices[index];
            if (!vertex.hasLayer()) {
                continue;
            }
            double mu = clipValue(vertex.getLayer());
            if (Double.isNaN(mu)) {
                continue;
            }
            String name = vertex.getVertexName();
            List<String> inputs = conf.getVertexInputs().get(name);
            if (inputs == null || inputs.size() != 1) {
                throw new IllegalArgumentException("spiking layer '" + name + "' must have exactly one input vertex"
                        + " (its pre-activation z), got " + inputs);
            }
            found.add(new SpikingLayer(name, inputs.get(0), mu));
        }
        return List.copyOf(found);
    }

    /** {@code mu} of a spiking layer's activation, or NaN when the layer is not a spiking layer. */
    private static double clipValue(Layer layer) {
        if (layer instanceof ClipReLU clip) {
            return clip.mu();
        }
        if (layer.conf() != null && layer.conf().getLayer() instanceof ActivationLayer act) {
            IActivation fn = act.getActivationFn();
            if (fn instanceof ActivationReLU6) {
                return 6.0;
            }
            if (fn instanceof ActivationReLU relu && isZero(relu.getThreshold()) && isZero(relu.getNegativeSlope())) {
                Double max = relu.getMax();
                if (max == null) {
                    return Double.POSITIVE_INFINITY;
                }
                return max > 0 ? max : Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static boolean isZero(Double value) {
        return value == null || value == 0.0;
    }
}
