package org.ullsnn.testing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line at the end of a test run (Surefire's unit tests, then Failsafe's integration tests) when tests
 * were skipped for a {@link MissingPrerequisite}: how many, which classes, and the command that provides each
 * prerequisite. Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class SkippedPrerequisitesListener implements TestExecutionListener {

    private final Skips skips = new Skips();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        skips.clear();
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED
                && result.getThrowable().orElse(null) instanceof MissingPrerequisite missing) {
            skips.add(missing.prerequisite(), missing.remedy(), className(id));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        skips.summary().ifPresent(line -> {
            System.out.println(line);
            System.out.flush();
        });
    }

    private static String className(TestIdentifier id) {
        TestSource source = id.getSource().orElse(null);
        String name = source instanceof MethodSource m ? m.getClassName()
                : source instanceof ClassSource c ? c.getClassName() : id.getDisplayName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The skips of one run, grouped by prerequisite. */
    static final class Skips {

        private record Group(String remedy, List<String> classes) {
        }

        private final Map<Prerequisite, Group> groups = new EnumMap<>(Prerequisite.class);

        synchronized void clear() {
            groups.clear();
        }

        /** One skipped test (or container) of class {@code className}. */
        synchronized void add(Prerequisite prerequisite, String remedy, String className) {
            groups.computeIfAbsent(prerequisite, p -> new Group(remedy, new ArrayList<>())).classes().add(className);
        }

        /**
         * {@code "SKIPPED 3 tests for missing prerequisites (CI=true makes them fail): 2 need Debian's Jupyter
         * (KernelStartupIT, NotebooksIT): install with: apt-get install -y ...; 1 needs ..."}, or empty when nothing
         * was skipped.
         */
        synchronized java.util.Optional<String> summary() {
            if (groups.isEmpty()) {
                return java.util.Optional.empty();
            }
            int total = groups.values().stream().mapToInt(g -> g.classes().size()).sum();
            List<String> parts = new ArrayList<>();
            for (Map.Entry<Prerequisite, Group> e : groups.entrySet()) {
                int n = e.getValue().classes().size();
                Set<String> classes = new LinkedHashSet<>(e.getValue().classes());
                parts.add(n + (n == 1 ? " needs " : " need ") + e.getKey().description() + " ("
                        + String.join(", ", classes) + "): " + e.getValue().remedy());
            }
            return java.util.Optional.of("SKIPPED " + total + (total == 1 ? " test" : " tests")
                    + " for missing prerequisites (CI=true makes them fail): "
                    + parts.stream().collect(Collectors.joining("; ")));
        }
    }
}
