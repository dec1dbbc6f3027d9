package org.ullsnn.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds one batch: the images at positions {@code [from, to)} of an epoch's order, each augmented with a
 * generator seeded by {@code (seed, epoch, position)} (so the result does not depend on the thread or on
 * how batches were cut), then normalised. Features are float32 {@code [B, C, H, W]}, labels one-hot float32
 * {@code [B, classes]}. Arrays are created outside any workspace, so a batch built on a background thread
 * stays valid after later batches are built. Stateless apart from its inputs: safe to call from any
 * thread.
 */
final class BatchAssembler {

    /** Separates the augmentation stream from the shuffle stream derived from the same seed. */
    private static final long AUGMENTATION_STREAM = 0x4155474dL;

    private final ImageSet images;
    private final Normalization normalization;
    private final Augmentation augmentation;
    private final long seed;

    BatchAssembler(ImageSet images, Normalization normalization, Augmentation augmentation, long seed) {
        if (normalization.channels() != images.shape().channels()) {
            throw new IllegalArgumentException("normalization must cover the images' " + images.shape().channels()
                    + " channels, got " + normalization.channels());
        }
        this.images = images;
        this.normalization = normalization;
        this.augmentation = augmentation;
        this.seed = seed;
    }

    @SuppressWarnings("try") // the workspace scope is only entered and left, never referenced
    DataSet assemble(int[] order, int epoch, int from, int to) {
        ImageShape shape = images.shape();
        int size = shape.size();
        int planeSize = shape.height() * shape.width();
        int classes = images.classes();
        int b = to - from;
        float[] features = new float[Math.multiplyExact(b, size)];
        float[] labels = new float[b * classes];
        byte[] pixels = images.pixelArray();
        byte[] scratch = new byte[size];
        for (int i = 0; i < b; i++) {
            int position = from + i;
            int image = order[position];
            byte[] source = pixels;
            int sourceOffset = image * size;
            if (!augmentation.isIdentity()) {
                SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, AUGMENTATION_STREAM, epoch, position));
                augmentation.sample(rng).apply(pixels, sourceOffset, shape, scratch, 0);
                source = scratch;
                sourceOffset = 0;
            }
            int out = i * size;
            for (int c = 0; c < shape.channels(); c++) {
                float[] table = normalization.table(c);
                int base = c * planeSize;
                for (int k = 0; k < planeSize; k++) {
                    features[out + base + k] = table[source[sourceOffset + base + k] & 0xff];
                }
            }
            labels[i * classes + images.label(image)] = 1f;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray f = Nd4j.create(features, new long[] {b, shape.channels(), shape.height(), shape.width()},
                    DataType.FLOAT);
            INDArray l = Nd4j.create(labels, new long[] {b, classes}, DataType.FLOAT);
            DataSet batch = new DataSet(f, l);
            batch.setLabelNames(images.classNames());
            return batch;
        }
    }
}
