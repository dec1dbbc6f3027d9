package org.ullsnn.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Starts a network from another's trained parameters, layer by layer and parameter by parameter, matched by name:
 * a network whose configuration differs only in what carries no parameters (a quantised activation, another
 * dropout) can be trained on from where a trained one stopped. Batch norm's running mean and variance are
 * parameters in DL4J and travel too; updater state does not.
 */
public final class WeightTransfer {

    private WeightTransfer() {
    }

    /**
     * Copies every parameter of {@code from} into the parameter of the same layer and name in {@code to}.
     *
     * @throws IllegalArgumentException naming every difference when the two do not have the same layers with
     *                                  parameters, the same parameter names or the same shapes; {@code to} is then
     *                                  left as it was
     */
    public static void copy(ComputationGraph from, ComputationGraph to) {
        List<String> problems = new ArrayList<>();
        Set<String> fromLayers = parameterLayers(from);
        Set<String> toLayers = parameterLayers(to);
        for (String name : toLayers) {
            if (!fromLayers.contains(name)) {
                problems.add("layer " + name + " is missing from the trained network");
                continue;
            }
            Map<String, INDArray> source = from.getLayer(name).paramTable();
            for (Map.Entry<String, INDArray> p : to.getLayer(name).paramTable().entrySet()) {
                INDArray s = source.get(p.getKey());
                if (s == null) {
                    problems.add(name + "." + p.getKey() + " is missing from the trained network");
                } else if (!java.util.Arrays.equals(s.shape(), p.getValue().shape())) {
                    problems.add(name + "." + p.getKey() + " has shape " + java.util.Arrays.toString(s.shape())
                            + " there, " + java.util.Arrays.toString(p.getValue().shape()) + " here");
                }
            }
        }
        for (String name : fromLayers) {
            if (!toLayers.contains(name)) {
                problems.add("the trained network's layer " + name + " has no place here");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the trained network does not fit this one: "
                    + String.join("; ", problems));
        }
        for (String name : toLayers) {
            Map<String, INDArray> source = from.getLayer(name).paramTable();
            for (Map.Entry<String, INDArray> p : to.getLayer(name).paramTable().entrySet()) {
                p.getValue().assign(source.get(p.getKey()).castTo(p.getValue().dataType()));
            }
        }
    }

    /** The names of the layers that have parameters, sorted. */
    private static Set<String> parameterLayers(ComputationGraph net) {
        Set<String> names = new TreeSet<>();
        for (Layer layer : net.getLayers()) {
            if (layer.numParams() > 0) {
                names.add(layer.conf().getLayer().getLayerName());
            }
        }
        return names;
    }
}
