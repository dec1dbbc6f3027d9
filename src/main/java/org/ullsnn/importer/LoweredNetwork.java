package org.ullsnn.importer;

import java.util.List;

/**
 * A network read from a file, as layers in topological order, before it becomes a DL4J graph.
 *
 * @param layers   the layers, each after the layers it reads
 * @param output   the classifier (a {@link LayerSpec.Dense} producing the logits)
 * @param channels image channels
 * @param height   image height
 * @param width    image width
 */
record LoweredNetwork(List<LayerNode> layers, LayerNode output, int channels, int height, int width) {

    LoweredNetwork {
        layers = List.copyOf(layers);
    }
}
