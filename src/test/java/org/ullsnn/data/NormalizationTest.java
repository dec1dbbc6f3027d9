package org.ullsnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void eachChannelIsScaledToUnitRangeThenShiftedAndDividedByItsOwnStatistics() {
        Normalization n = CifarDataset.CIFAR10.normalization();
        assertEquals((0 / 255.0 - 0.4914) / 0.2023, n.apply(0, 0), TOLERANCE);
        assertEquals((255 / 255.0 - 0.4822) / 0.1994, n.apply(1, 255), TOLERANCE);
        assertEquals((128 / 255.0 - 0.4465) / 0.2010, n.apply(2, 128), TOLERANCE);
    }

    @Test
    void cifarConstantsAreTheAuthorsValues() {
        Normalization c10 = CifarDataset.CIFAR10.normalization();
        Normalization c100 = CifarDataset.CIFAR100.normalization();
        double[][] expected = {
            {0.4914, 0.4822, 0.4465, 0.2023, 0.1994, 0.2010},
            {0.5071, 0.4867, 0.4408, 0.2675, 0.2565, 0.2761}};
        Normalization[] actual = {c10, c100};
        for (int d = 0; d < 2; d++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[d][c], actual[d].mean(c), 0);
                assertEquals(expected[d][3 + c], actual[d].std(c), 0);
            }
        }
    }

    @Test
    void unitScaleOnlyDividesBy255() {
        Normalization n = Normalization.unitScale(1);
        assertEquals(1.0, n.apply(0, 255), TOLERANCE);
        assertEquals(0.0, n.apply(0, 0), TOLERANCE);
    }

    @Test
    void aNonPositiveStdIsRejectedWithItsChannelAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Normalization.of(new double[] {0.5, 0.5}, new double[] {0.2, 0.0}));
        assertEquals("std[1] must be finite and > 0, got 0.0", e.getMessage());
    }

    @Test
    void meanAndStdMustHaveOneValuePerChannel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Normalization.of(new double[] {0.5}, new double[] {0.2, 0.2}));
        assertEquals("mean and std must give one value per channel (at least one), got 1 means and 2 stds",
                e.getMessage());
    }
}
