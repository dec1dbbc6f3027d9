package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class SyntheticImagesTest {

    @Test
    void theSameSeedGivesTheSameImages() {
        ImageSet a = SyntheticImages.small(5);
        ImageSet b = SyntheticImages.small(5);
        ImageSet c = SyntheticImages.small(6);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.image(i), b.image(i));
        }
        assertEquals(false, java.util.Arrays.equals(a.image(0), c.image(0)));
    }

    @Test
    void classesComeRoundRobinAndBalanced() {
        ImageSet s = SyntheticImages.generate(5, 3, new ImageShape(3, 6, 6), 1);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, s.labels().toArray());
        assertArrayEquals(new int[] {3, 3, 3, 3, 3}, s.classCounts());
    }

    @Test
    void everyClassHasADistinctName() {
        List<String> names = SyntheticImages.generate(SyntheticImages.MAX_CLASSES, 1, new ImageShape(3, 4, 4), 1)
                .classNames();
        assertEquals(SyntheticImages.MAX_CLASSES, new HashSet<>(names).size());
        assertEquals("red-hstripes", names.get(0));
    }

    @Test
    void aNearestClassMeanClassifierSeparatesAllThirtyTwoClasses() {
        ImageShape shape = new ImageShape(3, 8, 8);
        ImageSet train = SyntheticImages.generate(32, 4, shape, 1);
        ImageSet test = SyntheticImages.generate(32, 2, shape, 2);
        double[][] means = new double[32][shape.size()];
        for (int i = 0; i < train.size(); i++) {
            byte[] img = train.image(i);
            for (int k = 0; k < img.length; k++) {
                means[train.label(i)][k] += (img[k] & 0xff) / 4.0;
            }
        }
        for (int i = 0; i < test.size(); i++) {
            byte[] img = test.image(i);
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < 32; c++) {
                double d = 0;
                for (int k = 0; k < img.length; k++) {
                    double diff = (img[k] & 0xff) - means[c][k];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            assertEquals(test.label(i), best, "test image " + i);
        }
    }

    @Test
    void aSmallDenseNetworkLearnsTheSmallSetInAFewEpochs() {
        ImageSet train = SyntheticImages.small(1);
        ImageSet test = SyntheticImages.small(2);
        Normalization norm = SyntheticImages.normalization(3);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Adam(1e-2))
                .list()
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ImageSetIterator it = new ImageSetIterator(train, norm, IteratorOptions.training(16).withPrefetch(0)
                .withAugmentation(Augmentation.NONE));

        net.fit(it, 10);

        Evaluation eval = net.evaluate(new ImageSetIterator(test, norm, IteratorOptions.evaluation(16)));
        assertEquals(1.0, eval.accuracy(), 0.0, eval.stats());
    }

    @Test
    void tooManyClassesAreRejectedWithTheLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticImages.generate(33, 1, ImageShape.CIFAR, 1));
        assertEquals("classes must be in [1, 32], got 33", e.getMessage());
    }
}
