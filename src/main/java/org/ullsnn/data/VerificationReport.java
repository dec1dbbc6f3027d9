package org.ullsnn.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link CifarVerifier} checked in one dataset folder and what it found: one {@link Entry} per file
 * (data and names files) and per split (per-class counts), each with its {@link Check}s.
 *
 * @param dataset the dataset checked
 * @param folder  the folder checked
 * @param entries files first (layout order), then names files, then splits
 */
public record VerificationReport(CifarDataset dataset, Path folder, List<Entry> entries) {

    /** The outcome of one check. */
    public enum Status {
        /** The check ran and the data satisfies it. */
        PASSED,
        /** The check ran and the data violates it. */
        FAILED,
        /** The check did not apply (no known hash, file absent but optional, earlier check failed). */
        SKIPPED
    }

    /**
     * One check.
     *
     * @param name   what was checked: {@code present}, {@code size}, {@code labels}, {@code sha256},
     *               {@code names}, {@code per-class fine}, {@code per-class coarse}, {@code fine-to-coarse}
     * @param status its outcome
     * @param detail the rule and the value found, e.g. {@code "30,730,000 bytes = 10,000 records of 3,073 bytes"}
     */
    public record Check(String name, Status status, String detail) {
        public Check {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a check must be named, got '" + name + "'");
            }
            Checks.notNull("status", status);
            detail = detail == null ? "" : detail;
        }

        static Check passed(String name, String detail) {
            return new Check(name, Status.PASSED, detail);
        }

        static Check failed(String name, String detail) {
            return new Check(name, Status.FAILED, detail);
        }

        static Check skipped(String name, String detail) {
            return new Check(name, Status.SKIPPED, detail);
        }
    }

    /**
     * The checks of one subject.
     *
     * @param subject a file name ({@code data_batch_1.bin}) or a split ({@code train split})
     * @param checks  in the order they ran
     */
    public record Entry(String subject, List<Check> checks) {
        public Entry {
            Checks.notNull("subject", subject);
            checks = List.copyOf(checks);
        }

        /** No check failed. */
        public boolean passed() {
            return checks.stream().noneMatch(c -> c.status() == Status.FAILED);
        }
    }

    public VerificationReport {
        Checks.notNull("dataset", dataset);
        Checks.notNull("folder", folder);
        entries = List.copyOf(entries);
    }

    /** No check of any entry failed. */
    public boolean passed() {
        return entries.stream().allMatch(Entry::passed);
    }

    /** Every failed check as {@code "<subject>: <check>: <detail>"}. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Entry e : entries) {
            for (Check c : e.checks()) {
                if (c.status() == Status.FAILED) {
                    problems.add(e.subject() + ": " + c.name() + ": " + c.detail());
                }
            }
        }
        return problems;
    }

    /** Whether a required data file is absent (then fetching is the fix). */
    public boolean filesMissing() {
        return entries.stream().flatMap(e -> e.checks().stream())
                .anyMatch(c -> c.name().equals("present") && c.status() == Status.FAILED);
    }

    /** One line per check, grouped by subject, ending with an overall verdict. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(dataset.displayName()).append(" in ").append(folder).append('\n');
        for (Entry e : entries) {
            sb.append("  ").append(e.subject()).append('\n');
            for (Check c : e.checks()) {
                sb.append(String.format(Locale.ROOT, "    %-7s %-17s %s%n", c.status(), c.name(), c.detail()));
            }
        }
        List<String> problems = problems();
        sb.append(problems.isEmpty() ? "  OK: every check passed" : "  FAILED: " + problems.size() + " problem(s)");
        return sb.append('\n').toString();
    }

    /**
     * Throws unless {@link #passed()}: a {@link MissingDataException} when data files are absent, else a
     * {@link CifarFormatException} on the folder listing every problem.
     */
    public void requirePassed() throws java.io.IOException {
        if (passed()) {
            return;
        }
        String message = dataset.displayName() + " verification failed: " + String.join("; ", problems());
        if (filesMissing()) {
            List<Path> missing = new ArrayList<>();
            for (Entry e : entries) {
                boolean absent = e.checks().stream()
                        .anyMatch(c -> c.name().equals("present") && c.status() == Status.FAILED);
                if (absent) {
                    missing.add(folder.resolve(e.subject()));
                }
            }
            throw new MissingDataException(message, missing);
        }
        throw new CifarFormatException(folder, message);
    }
}
