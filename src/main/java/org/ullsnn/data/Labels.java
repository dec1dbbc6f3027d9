package org.ullsnn.data;

import java.util.Arrays;
import java.util.List;

/**
 * The class labels of a set of images at one level, with the class names. Immutable: the values are
 * copied in and out.
 */
public final class Labels {

    private final int[] values;
    private final List<String> classNames;

    /**
     * @param values     one label per image, each in {@code [0, classNames.size())}
     * @param classNames the name of every class, index = label
     */
    public Labels(int[] values, List<String> classNames) {
        this(Checks.notNull("values", values).clone(), List.copyOf(Checks.notNull("classNames", classNames)), true);
    }

    private Labels(int[] values, List<String> classNames, boolean check) {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames must name at least one class, got none");
        }
        if (check) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0 || values[i] >= classNames.size()) {
                    throw new IllegalArgumentException("label of image " + i + " must be in [0, "
                            + classNames.size() + "), got " + values[i]);
                }
            }
        }
        this.values = values;
        this.classNames = classNames;
    }

    /** Takes ownership of {@code values}, which the caller has already checked to be in range. */
    static Labels wrapChecked(int[] values, List<String> classNames) {
        return new Labels(values, List.copyOf(classNames), false);
    }

    /** Number of images labelled. */
    public int size() {
        return values.length;
    }

    /** Label of image {@code i}. */
    public int get(int i) {
        return values[i];
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }

    /** Class names, index = label. */
    public List<String> classNames() {
        return classNames;
    }

    /** A copy of all labels. */
    public int[] toArray() {
        return values.clone();
    }

    /** Images per class, index = label. */
    public int[] counts() {
        int[] counts = new int[classNames.size()];
        for (int v : values) {
            counts[v]++;
        }
        return counts;
    }

    /** The labels of the images at {@code indices}, in that order. */
    public Labels select(int[] indices) {
        int[] selected = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            selected[i] = values[indices[i]];
        }
        return new Labels(selected, classNames, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && Arrays.equals(values, l.values) && classNames.equals(l.classNames);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + classNames.hashCode();
    }

    @Override
    public String toString() {
        return "Labels[" + values.length + " images, " + classNames.size() + " classes]";
    }
}
