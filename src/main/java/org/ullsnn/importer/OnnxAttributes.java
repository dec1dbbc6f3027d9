package org.ullsnn.importer;

import onnx.Onnx;

/** Typed access to the attributes of an ONNX node, with the defaults the operator specifications give. */
final class OnnxAttributes {

    private final Onnx.NodeProto node;

    OnnxAttributes(Onnx.NodeProto node) {
        this.node = node;
    }

    private Onnx.AttributeProto find(String name) {
        for (Onnx.AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    boolean has(String name) {
        return find(name) != null;
    }

    long integer(String name, long fallback) {
        Onnx.AttributeProto a = find(name);
        return a == null ? fallback : a.getI();
    }

    double real(String name, double fallback) {
        Onnx.AttributeProto a = find(name);
        return a == null ? fallback : a.getF();
    }

    String string(String name, String fallback) {
        Onnx.AttributeProto a = find(name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    /** An integer list, or {@code fallback} when absent. */
    int[] integers(String name, int[] fallback) {
        Onnx.AttributeProto a = find(name);
        return a == null ? fallback : a.getIntsList().stream().mapToInt(Long::intValue).toArray();
    }

    Onnx.TensorProto tensor(String name) {
        Onnx.AttributeProto a = find(name);
        return a == null || !a.hasT() ? null : a.getT();
    }

    float[] reals(String name) {
        Onnx.AttributeProto a = find(name);
        if (a == null) {
            return null;
        }
        float[] v = new float[a.getFloatsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getFloats(i);
        }
        return v;
    }
}
