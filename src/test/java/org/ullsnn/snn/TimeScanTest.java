package org.ullsnn.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TimeScanTest {

    private static ComputationGraph scans(int steps, int width, TimeScanLayer.Direction... directions) {
        var g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .setInputTypes(InputType.feedForward(width));
        String last = "in";
        for (int i = 0; i < directions.length; i++) {
            g.addLayer("s" + i, new TimeScanLayer(steps, directions[i]), last);
            last = "s" + i;
        }
        ComputationGraph net = new ComputationGraph(g.setOutputs(last).build());
        net.init();
        return net;
    }

    @Test
    void accumulateSumsTheStepsSoFarAndDifferenceUndoesIt() {
        // T = 3, N = 2 samples of width 2: rows t*N + n
        INDArray in = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {1, 1}, {0, 0}, {0, 1}, {1, 1}});
        INDArray counts = scans(3, 2, TimeScanLayer.Direction.ACCUMULATE).outputSingle(in);
        assertArrayEquals(new float[] {1, 0, 0, 1, 2, 1, 0, 1, 2, 2, 1, 2}, counts.reshape(-1).toFloatVector());
        INDArray back = scans(3, 2, TimeScanLayer.Direction.DIFFERENCE).outputSingle(counts);
        assertEquals(in, back);
        assertEquals(in, scans(3, 2, TimeScanLayer.Direction.ACCUMULATE, TimeScanLayer.Direction.DIFFERENCE)
                .outputSingle(in));
    }

    /** The count-max pool's promise: spikes in, spikes out, and the output count is the largest input count. */
    @Test
    void aCountMaxPoolEmitsTheSpikesOfItsMostActiveInput() {
        int steps = 5;
        int samples = 3;
        Random r = new Random(9);
        INDArray spikes = Nd4j.create(DataType.FLOAT, steps * samples, 2, 4, 4);
        float[] flat = new float[(int) spikes.length()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = r.nextDouble() < 0.4 ? 1 : 0;
        }
        spikes.assign(Nd4j.createFromArray(flat).reshape(spikes.shape()));
        ComputationGraph pool = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(4, 4, 2))
                .addLayer("counts", new TimeScanLayer(steps, TimeScanLayer.Direction.ACCUMULATE), "in")
                .addLayer("max", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "counts")
                .addLayer("pool", new TimeScanLayer(steps, TimeScanLayer.Direction.DIFFERENCE), "max")
                .setOutputs("pool").build());
        pool.init();
        INDArray out = pool.outputSingle(spikes);
        for (float s : out.reshape(-1).toFloatVector()) {
            assertTrue(s == 0 || s == 1, "each step's output is a spike or none, got " + s);
        }
        boolean perStepDiffers = false;
        for (int n = 0; n < samples; n++) {
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 2; x++) {
                        float maxCount = 0;
                        float perStep = 0;
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                float count = 0;
                                for (int t = 0; t < steps; t++) {
                                    count += spikes.getFloat(t * samples + n, c, 2 * y + dy, 2 * x + dx);
                                }
                                maxCount = Math.max(maxCount, count);
                            }
                        }
                        float outCount = 0;
                        for (int t = 0; t < steps; t++) {
                            outCount += out.getFloat(t * samples + n, c, y, x);
                            float stepMax = 0;
                            for (int dy = 0; dy < 2; dy++) {
                                for (int dx = 0; dx < 2; dx++) {
                                    stepMax = Math.max(stepMax, spikes.getFloat(t * samples + n, c, 2 * y + dy,
                                            2 * x + dx));
                                }
                            }
                            perStep += stepMax;
                        }
                        assertEquals(maxCount, outCount, 0f, "sample " + n + " channel " + c + " at " + y + "," + x);
                        perStepDiffers |= perStep != maxCount;
                    }
                }
            }
        }
        assertTrue(perStepDiffers, "the test spikes must tell the two pools apart");
    }

    @Test
    void directionSurvivesJson() {
        ComputationGraphConfiguration conf = scans(4, 3, TimeScanLayer.Direction.DIFFERENCE).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        TimeScanLayer layer = (TimeScanLayer) ((LayerVertex) back.getVertices().get("s0")).getLayerConf().getLayer();
        assertEquals(TimeScanLayer.Direction.DIFFERENCE, layer.getDirection());
        assertEquals(4, layer.getTimesteps());
        assertEquals(conf, back);
    }
}
