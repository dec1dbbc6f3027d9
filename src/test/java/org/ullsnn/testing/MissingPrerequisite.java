package org.ullsnn.testing;

import org.opentest4j.TestAbortedException;

/**
 * A test was skipped because the machine lacks a {@link Prerequisite} (never thrown when {@code CI=true}: there the
 * test fails). {@link SkippedPrerequisitesListener} collects these into one line at the end of the run.
 */
public final class MissingPrerequisite extends TestAbortedException {

    private static final long serialVersionUID = 1L;

    private final Prerequisite prerequisite;
    private final String remedy;

    MissingPrerequisite(Prerequisites.Missing missing) {
        super(missing.message());
        this.prerequisite = missing.prerequisite();
        this.remedy = missing.remedy();
    }

    /** What is missing. */
    public Prerequisite prerequisite() {
        return prerequisite;
    }

    /** The command that installs or provides it. */
    public String remedy() {
        return remedy;
    }
}
