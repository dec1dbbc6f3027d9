package org.ullsnn.importer;

import java.util.List;

/**
 * A layer of the imported network and the layers it reads.
 *
 * @param sourceNode the ONNX node or Keras layer it came from (for messages and the import map)
 * @param spec     what it computes
 * @param inputs   the layers it reads, in order; empty for the network input
 */
record LayerNode(String sourceNode, LayerSpec spec, List<LayerNode> inputs) {

    LayerNode {
        inputs = List.copyOf(inputs);
    }

    /** Whether it reads the image input directly. */
    boolean readsInput() {
        return inputs.isEmpty();
    }

    /** Its single input; null for the network input. */
    LayerNode input() {
        return inputs.isEmpty() ? null : inputs.get(0);
    }

    /** The same node with another spec. */
    LayerNode with(LayerSpec newSpec) {
        return new LayerNode(sourceNode, newSpec, inputs);
    }

    /** Identity, not value, equality: two layers with equal weights are still two layers. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
