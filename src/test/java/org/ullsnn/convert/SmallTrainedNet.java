package org.ullsnn.convert;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.ullsnn.data.ImageSet;
import org.ullsnn.data.ImageSetIterator;
import org.ullsnn.data.IteratorOptions;
import org.ullsnn.data.Normalization;
import org.ullsnn.data.SyntheticImages;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;
import org.ullsnn.nn.Networks;
import org.ullsnn.nn.train.TrainConfig;

/**
 * The tiny net (2 conv + 1 FC, ClipReLU) trained for a few epochs on synthetic 3x8x8 images: a small
 * trained DNN for conversion tests, built once per JVM. Callers must not change it.
 */
public final class SmallTrainedNet {

    private static ComputationGraph net;
    private static ImageSet train;
    private static ImageSet test;
    private static Normalization normalization;

    private SmallTrainedNet() {
    }

    public static synchronized ComputationGraph get() {
        if (net == null) {
            var shape = new org.ullsnn.data.ImageShape(3, 8, 8);
            train = SyntheticImages.generate(4, 64, shape, 11);
            test = SyntheticImages.generate(4, 16, shape, 12);
            normalization = SyntheticImages.normalization(3);
            TrainConfig t = TrainConfig.defaults().withEpochs(4).withBatchSize(16).withLearningRate(0.05).withSeed(3);
            NetworkSpec spec = NetworkSpec.defaults(Architecture.TINY, 4).withInput(3, 8).withWidth(1).withConvDropout(0)
                    .withFcDropout(0).withInitialMu(2.0);
            ComputationGraph g = Networks.build(spec, t.updater(), t.l2(), t.seed());
            for (int e = 0; e < t.epochs(); e++) {
                ImageSetIterator it = new ImageSetIterator(train, normalization, IteratorOptions.training(16)
                        .withPrefetch(0).withStartEpoch(e).withAugmentation(org.ullsnn.data.Augmentation.NONE));
                while (it.hasNext()) {
                    g.fit(it.next());
                }
                g.incrementEpochCount();
            }
            net = g;
        }
        return net;
    }

    public static INDArray calibrationImages() {
        get();
        return all(train);
    }

    public static INDArray testImages() {
        get();
        return all(test);
    }

    /** Pre-softmax output of the DNN. */
    public static INDArray logits(ComputationGraph dnn, INDArray x) {
        INDArray hidden = dnn.feedForward(x, false).get("fc1_act");
        return hidden.mmul(dnn.getLayer("output").getParam("W"));
    }

    /** Training and test batches of the synthetic data, for fine-tuning tests. */
    public static org.ullsnn.nn.train.EpochData epochData(int batchSize) {
        get();
        return new org.ullsnn.nn.train.EpochData() {
            @Override
            public org.nd4j.linalg.dataset.api.iterator.DataSetIterator train(int epoch) {
                return new ImageSetIterator(train, normalization, IteratorOptions.training(batchSize).withPrefetch(0)
                        .withStartEpoch(epoch).withAugmentation(org.ullsnn.data.Augmentation.NONE));
            }

            @Override
            public long trainExamples() {
                return train.size();
            }

            @Override
            public org.nd4j.linalg.dataset.api.iterator.DataSetIterator test() {
                return testBatches(batchSize);
            }
        };
    }

    /** The synthetic test set as labelled batches. */
    public static org.nd4j.linalg.dataset.api.iterator.DataSetIterator testBatches(int batchSize) {
        get();
        return new ImageSetIterator(test, normalization, IteratorOptions.evaluation(batchSize));
    }

    private static INDArray all(ImageSet set) {
        DataSet d = new ImageSetIterator(set, normalization, IteratorOptions.evaluation(set.size())).next();
        return d.getFeatures();
    }
}
