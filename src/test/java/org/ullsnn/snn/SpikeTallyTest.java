package org.ullsnn.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpikeTallyTest {

    private static final int STEPS = 3;

    /** Random 0/1 spikes, time-folded: {@code [T*n, 2, 3, 4]}. */
    private static INDArray spikes(long n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, STEPS * n, 2, 3, 4).gt(0.6).castTo(DataType.FLOAT);
    }

    /** The counts computed one element at a time: per step, then per neuron over all steps and images. */
    private static void addByHand(INDArray spikes, long[] perStep, long[] perNeuron) {
        long rows = spikes.size(0);
        long n = rows / STEPS;
        INDArray flat = spikes.reshape('c', rows, perNeuron.length);
        for (long r = 0; r < rows; r++) {
            for (int j = 0; j < perNeuron.length; j++) {
                long s = (long) flat.getDouble(r, j);
                perStep[(int) (r / n)] += s;
                perNeuron[j] += s;
            }
        }
    }

    @Test
    void countsEverySpikePerStepAndPerNeuronOverBatches() {
        SpikeTally tally = new SpikeTally("if1", STEPS);
        long[] perStep = new long[STEPS];
        long[] perNeuron = new long[24];
        for (INDArray batch : new INDArray[] {spikes(5, 1), spikes(2, 2)}) {
            tally.add(batch);
            addByHand(batch, perStep, perNeuron);
        }
        LayerSpikes r = tally.result();
        assertEquals(7, r.samples());
        assertEquals(24, r.neuronsPerSample());
        assertArrayEquals(perStep, r.spikesPerStep());
        assertArrayEquals(perNeuron, r.perNeuron());
    }

    @Test
    void countsSurviveTheWorkspaceTheyWereMadeIn() {
        // as in a simulation: every batch is counted inside a workspace that is reset for the next one
        WorkspaceConfiguration config = WorkspaceConfiguration.builder().initialSize(0)
                .policyLearning(LearningPolicy.FIRST_LOOP).policySpill(SpillPolicy.REALLOCATE).build();
        SpikeTally tally = new SpikeTally("if1", STEPS);
        long[] perStep = new long[STEPS];
        long[] perNeuron = new long[24];
        for (int b = 0; b < 3; b++) {
            INDArray batch = spikes(4, 10 + b);
            addByHand(batch, perStep, perNeuron);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(config, "TALLY_TEST")) {
                tally.add(batch.dup()); // the spikes themselves lie in the workspace
            }
        }
        Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread("TALLY_TEST").destroyWorkspace();
        assertEquals(12, tally.samples());
        assertArrayEquals(perStep, tally.result().spikesPerStep());
        assertArrayEquals(perNeuron, tally.result().perNeuron());
    }

    @Test
    void refusesBatchesThatAreNotWholeStepsOrChangeTheLayer() {
        SpikeTally tally = new SpikeTally("if1", STEPS);
        assertThrows(IllegalArgumentException.class, () -> tally.add(Nd4j.zeros(DataType.FLOAT, 4, 2)));
        tally.add(Nd4j.zeros(DataType.FLOAT, 6, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tally.add(Nd4j.zeros(DataType.FLOAT, 6, 3)));
        assertEquals(true, e.getMessage().contains("if1"));
        assertThrows(IllegalArgumentException.class, () -> new SpikeTally("x", 0));
    }
}
