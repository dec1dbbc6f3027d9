package org.ullsnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ullsnn.nn.Architecture;
import org.ullsnn.progress.ProgressListener;
import tech.tablesaw.api.Table;

class TrainBenchmarkTest {

    @Test
    void measuresEachWidthWithAndWithoutOneDnn() {
        Table t = new TrainBenchmark(Architecture.TINY, List.of(1.0, 0.5), 8, 0, 1, 1).run(ProgressListener.silent());
        assertEquals(4, t.rowCount());
        assertEquals(List.of(false, true, false, true), t.booleanColumn("oneDNN").asList());
        for (int i = 0; i < 4; i++) {
            assertTrue(t.doubleColumn("img_per_s").getDouble(i) > 0);
        }
        assertEquals(1.0, t.doubleColumn("oneDNN_speedup").getDouble(0), 0);
        double ratio = t.doubleColumn("img_per_s").getDouble(1) / t.doubleColumn("img_per_s").getDouble(0);
        assertEquals(ratio, t.doubleColumn("oneDNN_speedup").getDouble(1), 1e-9);
    }

    @Test
    void rejectsAnEmptyWidthList() {
        assertThrows(IllegalArgumentException.class,
                () -> new TrainBenchmark(Architecture.TINY, List.of(), 8, 0, 1, 1));
    }
}
