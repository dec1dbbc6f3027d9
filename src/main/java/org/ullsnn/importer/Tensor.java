package org.ullsnn.importer;

import java.util.Arrays;

/**
 * A constant tensor of an ONNX model (an initializer or a {@code Constant} node) as float32 values in row-major
 * order.
 *
 * @param values the elements, row-major ('c' order); not copied
 * @param shape  the dimensions; empty for a scalar
 */
record Tensor(float[] values, long[] shape) {

    public Tensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + values.length);
        }
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    /** The single value of a scalar or one-element tensor. */
    public float scalar() {
        if (values.length != 1) {
            throw new IllegalStateException("not a scalar: shape " + Arrays.toString(shape));
        }
        return values[0];
    }

    /** The transpose of a matrix {@code [r, c]}, as a {@code [c, r]} matrix. */
    public Tensor transposed() {
        if (shape.length != 2) {
            throw new IllegalStateException("not a matrix: shape " + Arrays.toString(shape));
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] t = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = values[r * cols + c];
            }
        }
        return new Tensor(t, new long[] {cols, rows});
    }

    /** Every value times {@code factor}, same shape. */
    public Tensor scaled(double factor) {
        float[] s = new float[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (values[i] * factor);
        }
        return new Tensor(s, shape);
    }

    /** The same values with another shape of the same size. */
    public Tensor reshaped(long... newShape) {
        return new Tensor(values, newShape);
    }
}
