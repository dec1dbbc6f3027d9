package org.ullsnn.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labelled 8-bit images in memory: {@code size()} images of one {@link ImageShape}, pixels stored image
 * after image, each image channel plane after channel plane, each plane row-major (the CIFAR byte order),
 * with labels at one or more {@link LabelLevel}s. One level is selected: it is the class used by
 * {@link #label(int)}, {@link #classes()} and the iterators (CIFAR-100 keeps both fine and coarse labels;
 * {@link #atLevel(LabelLevel)} switches).
 *
 * <p>Immutable: the public constructors copy the pixels, and every derived set ({@link #select(int[])},
 * {@link #firstPerClass(int)}, {@link #shuffled(long)}) copies the images it keeps.
 */
public final class ImageSet {

    private final ImageShape shape;
    private final byte[] pixels;
    private final Map<LabelLevel, Labels> labels;
    private final LabelLevel level;

    /** Images with one level of labels ({@link LabelLevel#FINE}); {@code pixels} is copied. */
    public ImageSet(ImageShape shape, byte[] pixels, Labels labels) {
        this(shape, Checks.notNull("pixels", pixels).clone(), Map.of(LabelLevel.FINE, labels), LabelLevel.FINE,
                true);
    }

    /**
     * Images with labels at several levels, {@code level} selected; {@code pixels} is copied.
     *
     * @param pixels {@code size * shape.size()} bytes
     * @param labels every level's labels, all of the same size
     */
    public ImageSet(ImageShape shape, byte[] pixels, Map<LabelLevel, Labels> labels, LabelLevel level) {
        this(shape, Checks.notNull("pixels", pixels).clone(), labels, level, true);
    }

    private ImageSet(ImageShape shape, byte[] pixels, Map<LabelLevel, Labels> labels, LabelLevel level,
                     boolean check) {
        Checks.notNull("shape", shape);
        Checks.notNull("labels", labels);
        Checks.notNull("level", level);
        if (check) {
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("labels must hold at least one level, got none");
            }
            if (!labels.containsKey(level)) {
                throw new IllegalArgumentException("the selected level " + level + " must have labels, got levels "
                        + labels.keySet());
            }
            int size = labels.get(level).size();
            for (Map.Entry<LabelLevel, Labels> e : labels.entrySet()) {
                if (e.getValue().size() != size) {
                    throw new IllegalArgumentException("every level must label the same images, got " + size + " "
                            + level.id() + " labels and " + e.getValue().size() + " " + e.getKey().id() + " labels");
                }
            }
            long expected = (long) size * shape.size();
            if (pixels.length != expected) {
                throw new IllegalArgumentException("pixels must hold images x " + shape + " = " + expected
                        + " bytes for " + size + " images, got " + pixels.length);
            }
        }
        this.shape = shape;
        this.pixels = pixels;
        this.labels = Collections.unmodifiableMap(new EnumMap<>(labels));
        this.level = level;
    }

    /** Takes ownership of {@code pixels} without copying them (readers, generators). */
    static ImageSet wrap(ImageShape shape, byte[] pixels, Map<LabelLevel, Labels> labels, LabelLevel level) {
        return new ImageSet(shape, pixels, labels, level, true);
    }

    /** Number of images. */
    public int size() {
        return labels.get(level).size();
    }

    /** The shape of every image. */
    public ImageShape shape() {
        return shape;
    }

    /** The selected label level. */
    public LabelLevel level() {
        return level;
    }

    /** The levels labels exist for. */
    public Set<LabelLevel> levels() {
        return labels.keySet();
    }

    /** Labels at the selected level. */
    public Labels labels() {
        return labels.get(level);
    }

    /** Labels at {@code level}. */
    public Labels labels(LabelLevel level) {
        Labels l = labels.get(level);
        if (l == null) {
            throw new IllegalArgumentException("this set has no " + level.id() + " labels; its levels are "
                    + labels.keySet());
        }
        return l;
    }

    /** The same images with {@code level} selected (no pixels copied). */
    public ImageSet atLevel(LabelLevel level) {
        labels(level);
        return new ImageSet(shape, pixels, labels, level, false);
    }

    /** Label of image {@code i} at the selected level. */
    public int label(int image) {
        return labels().get(image);
    }

    /** Number of classes at the selected level. */
    public int classes() {
        return labels().classes();
    }

    /** Class names at the selected level, index = label. */
    public List<String> classNames() {
        return labels().classNames();
    }

    /** Images per class at the selected level, index = label. */
    public int[] classCounts() {
        return labels().counts();
    }

    /** Pixel {@code (channel, row, column)} of image {@code i} as an unsigned value in [0, 255]. */
    public int pixel(int image, int channel, int row, int column) {
        checkIndex(image);
        return pixels[image * shape.size() + shape.offset(channel, row, column)] & 0xff;
    }

    /** Copies the {@code shape().size()} bytes of image {@code i} into {@code dest} at {@code destOffset}. */
    public void copyImage(int image, byte[] dest, int destOffset) {
        checkIndex(image);
        System.arraycopy(pixels, image * shape.size(), dest, destOffset, shape.size());
    }

    /** A copy of image {@code i}'s bytes. */
    public byte[] image(int image) {
        byte[] copy = new byte[shape.size()];
        copyImage(image, copy, 0);
        return copy;
    }

    /** Read access for batch building, without a copy. */
    byte[] pixelArray() {
        return pixels;
    }

    /** The images at {@code indices}, in that order (repeats allowed), with all label levels. */
    public ImageSet select(int[] indices) {
        Checks.notNull("indices", indices);
        int imageSize = shape.size();
        byte[] selected = new byte[Math.multiplyExact(indices.length, imageSize)];
        for (int i = 0; i < indices.length; i++) {
            checkIndex(indices[i]);
            System.arraycopy(pixels, indices[i] * imageSize, selected, i * imageSize, imageSize);
        }
        Map<LabelLevel, Labels> selectedLabels = new EnumMap<>(LabelLevel.class);
        labels.forEach((l, values) -> selectedLabels.put(l, values.select(indices)));
        return new ImageSet(shape, selected, selectedLabels, level, false);
    }

    /**
     * A balanced subset: the first {@code perClass} images of every class (selected level) in record
     * order, kept in record order. Deterministic; shuffle the result if an order is wanted.
     *
     * @throws IllegalArgumentException if a class has fewer than {@code perClass} images
     */
    public ImageSet firstPerClass(int perClass) {
        Checks.positive("perClass", perClass);
        int[] counts = classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < perClass) {
                throw new IllegalArgumentException("each class must have at least perClass = " + perClass
                        + " images, but class " + c + " (" + classNames().get(c) + ") has " + counts[c]);
            }
        }
        int[] taken = new int[counts.length];
        List<Integer> keep = new ArrayList<>(perClass * counts.length);
        for (int i = 0; i < size(); i++) {
            int c = label(i);
            if (taken[c] < perClass) {
                taken[c]++;
                keep.add(i);
            }
        }
        return select(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    /** All images in the order {@link EpochOrder#shuffled(long, int, int)} gives for {@code (seed, 0)}. */
    public ImageSet shuffled(long seed) {
        return select(EpochOrder.shuffled(seed, 0, size()));
    }

    private void checkIndex(int image) {
        if (image < 0 || image >= size()) {
            throw new IndexOutOfBoundsException("image index must be in [0, " + size() + "), got " + image);
        }
    }

    @Override
    public String toString() {
        return "ImageSet[" + size() + " images of " + shape + ", " + classes() + " " + level.id() + " classes]";
    }
}
