package org.ullsnn.kernel.output;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Where a live display goes: shown once, then updated in place under its display id. */
public interface DisplaySink {

    /** Shows {@code data} (which carries a display id) as a new output. */
    void show(DisplayData data);

    /** Replaces the output shown under {@code data}'s display id. */
    void update(DisplayData data);

    /** The sink of a {@link CellOutput}. */
    static DisplaySink of(CellOutput output) {
        return new DisplaySink() {
            @Override
            public void show(DisplayData data) {
                output.display(data);
            }

            @Override
            public void update(DisplayData data) {
                output.updateDisplay(data);
            }
        };
    }
}
