package org.ullsnn.nn.train;

import java.util.Locale;

/** The shape of a run's learning-rate schedule. */
public enum ScheduleKind {
    /** Divide by a factor at fixed fractions of the run ({@link StepSchedule}; the paper's, METHOD.md §1). */
    STEP,
    /** Linear warm-up, then cosine annealing to zero ({@link CosineSchedule}). */
    COSINE;

    /** The CLI name: {@code step} or {@code cosine}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a CLI name, case-insensitively. */
    public static ScheduleKind parse(String name) {
        for (ScheduleKind k : values()) {
            if (k.cliName().equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown schedule '" + name + "'; expected step or cosine");
    }
}
