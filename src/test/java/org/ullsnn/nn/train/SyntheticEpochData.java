package org.ullsnn.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Four classes of 3x8x8 images: class k has a bright 4x4 quadrant k on noise. Learnable in a few epochs by
 * the tiny net; the order of epoch e is a seeded shuffle of (seed, e).
 */
final class SyntheticEpochData implements EpochData {

    static final int SIZE = 8;
    static final int CLASSES = 4;

    private final List<DataSet> train;
    private final List<DataSet> test;
    private final int batch;
    private final long seed;

    SyntheticEpochData(int trainCount, int testCount, int batch, long seed) {
        this.train = examples(trainCount, seed);
        this.test = examples(testCount, seed + 1);
        this.batch = batch;
        this.seed = seed;
    }

    private static List<DataSet> examples(int n, long seed) {
        Random r = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i % CLASSES;
            float[] pixels = new float[3 * SIZE * SIZE];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        boolean bright = (y < SIZE / 2 ? 0 : 2) + (x < SIZE / 2 ? 0 : 1) == k;
                        pixels[(c * SIZE + y) * SIZE + x] = (float) (r.nextGaussian() * 0.5 + (bright ? 1.5 : 0));
                    }
                }
            }
            INDArray features = Nd4j.create(pixels, new long[] {1, 3, SIZE, SIZE}, DataType.FLOAT);
            INDArray label = Nd4j.zeros(DataType.FLOAT, 1, CLASSES).putScalar(0, k, 1);
            out.add(new DataSet(features, label));
        }
        return out;
    }

    @Override
    public DataSetIterator train(int epoch) {
        List<DataSet> order = new ArrayList<>(train);
        java.util.Collections.shuffle(order, new Random(seed * 31 + epoch));
        return new ListDataSetIterator<>(order, batch);
    }

    @Override
    public long trainExamples() {
        return train.size();
    }

    @Override
    public DataSetIterator test() {
        return new ListDataSetIterator<>(test, batch);
    }
}
