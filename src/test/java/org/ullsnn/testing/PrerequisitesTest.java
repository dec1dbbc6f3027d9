package org.ullsnn.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarLayout;

/** The prerequisite checks on a machine handed in (environment, repository, Python probe): nothing is uninstalled. */
class PrerequisitesTest {

    @TempDir
    Path dir;

    private static final Prerequisites.PythonProbe EVERYTHING_THERE = (python, modules) -> List.of();
    private static final Prerequisites.PythonProbe NO_PYTHON = (python, modules) -> List.copyOf(modules);

    private Prerequisites.Machine machine(Map<String, String> env, Prerequisites.PythonProbe probe) {
        return new Prerequisites.Machine(env, dir, probe);
    }

    @Test
    void missingJupyterModulesAreNamedWithTheirDebianPackagesAndTheAptGetCommand() {
        Prerequisites.PythonProbe lacksTwo = (python, modules) -> {
            assertEquals(Prerequisites.DEBIAN_PYTHON, python, "Debian's python, not the first python3 on PATH");
            return modules.stream().filter(m -> m.equals("nbclient") || m.equals("jupyter_kernel_test")).toList();
        };

        Prerequisites.Missing m = Prerequisites.debianJupyter(machine(Map.of(), lacksTwo)).orElseThrow();

        assertEquals(Prerequisite.DEBIAN_JUPYTER, m.prerequisite());
        assertEquals("install with: apt-get install -y python3-jupyter-kernel-test python3-nbclient", m.remedy());
        assertTrue(m.what().contains("/usr/bin/python3 cannot import jupyter_kernel_test, nbclient"), m.what());
        assertTrue(m.message().startsWith("Debian's Jupyter is missing: "), m.message());
        assertEquals(Optional.empty(), Prerequisites.debianJupyter(machine(Map.of(), EVERYTHING_THERE)));
    }

    @Test
    void withoutPythonEveryPackageIsListed() {
        Prerequisites.Missing m = Prerequisites.debianJupyter(machine(Map.of(), NO_PYTHON)).orElseThrow();

        assertEquals("install with: apt-get install -y jupyter-client python3-jupyter-kernel-test python3-nbclient "
                + "jupyter-nbconvert", m.remedy());
    }

    @Test
    void underCiAMissingPrerequisiteFailsNamingTheCommand() {
        Prerequisites.Machine ci = machine(Map.of("CI", "true"), NO_PYTHON);

        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Prerequisites.enforce(Prerequisites.debianJupyter(ci), ci));

        assertTrue(e.getMessage().contains("apt-get install -y jupyter-client"), e.getMessage());
        assertTrue(e.getMessage().contains("CI=true"), e.getMessage());
    }

    @Test
    void withoutCiAMissingPrerequisiteSkipsWithTheSameMessage() {
        for (String notCi : new String[] {"", "false", "0"}) {
            Prerequisites.Machine local = machine(notCi.isEmpty() ? Map.of() : Map.of("CI", notCi), NO_PYTHON);

            MissingPrerequisite e = assertThrows(MissingPrerequisite.class,
                    () -> Prerequisites.enforce(Prerequisites.debianJupyter(local), local), "CI=" + notCi);

            assertEquals(Prerequisite.DEBIAN_JUPYTER, e.prerequisite());
            assertTrue(e.getMessage().contains("apt-get install -y"), e.getMessage());
            assertTrue(e.remedy().startsWith("install with: apt-get install -y"), e.remedy());
        }
    }

    @Test
    void aPresentPrerequisitePassesEvenUnderCi() {
        Prerequisites.Machine ci = machine(Map.of("CI", "TRUE"), EVERYTHING_THERE);

        assertTrue(ci.ci());
        assertDoesNotThrow(() -> Prerequisites.enforce(Prerequisites.debianJupyter(ci), ci));
    }

    @Test
    void realDataNeedsTheVariableAndEveryFileOfTheDataSetsAsked() throws IOException {
        Prerequisites.Missing unset = Prerequisites.realCifar(machine(Map.of(), EVERYTHING_THERE)).orElseThrow();
        assertEquals(Prerequisite.REAL_CIFAR, unset.prerequisite());
        assertTrue(unset.what().startsWith("ULLSNN_DATA is not set"), unset.what());
        assertTrue(unset.remedy().contains("export ULLSNN_DATA=DIR"), unset.remedy());

        Path data = Files.createDirectories(dir.resolve("data"));
        CifarLayout c10 = CifarDataset.CIFAR10.layout();
        Path folder = Files.createDirectories(c10.folder(data));
        for (CifarLayout.DataFile f : c10.files()) {
            Files.writeString(folder.resolve(f.name()), "x");
        }
        Prerequisites.Machine m = machine(Map.of("ULLSNN_DATA", " " + data + " "), EVERYTHING_THERE);

        assertEquals(Optional.empty(), Prerequisites.realCifar(m, CifarDataset.CIFAR10));
        Prerequisites.Missing both = Prerequisites.realCifar(m).orElseThrow();
        assertTrue(both.what().contains("CIFAR-100 files missing in " + data.resolve("cifar-100-binary")),
                both.what());
        assertTrue(both.what().contains("train.bin, test.bin"), both.what());
    }

    @Test
    void labShNeedsTheVenvJupyterLabOrDebiansNotebook() throws IOException {
        Prerequisites.Missing none = Prerequisites.jupyterServer(machine(Map.of(), NO_PYTHON)).orElseThrow();
        assertTrue(none.remedy().contains("apt-get install -y jupyter-notebook"), none.remedy());
        assertTrue(none.remedy().contains("environment/setup.sh"), none.remedy());

        assertEquals(Optional.empty(), Prerequisites.jupyterServer(machine(Map.of(), EVERYTHING_THERE)));

        Path lab = Files.createDirectories(dir.resolve(".venv/bin")).resolve("jupyter-lab");
        Files.writeString(lab, "#!/bin/sh\n");
        Files.setPosixFilePermissions(lab, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Optional.empty(), Prerequisites.jupyterServer(machine(Map.of(), NO_PYTHON)));
    }

    @Test
    void theProbeReportsEveryModuleWhenThePythonDoesNotExist() {
        assertEquals(List.of("a", "b"), Prerequisites.probe(dir.resolve("no-python"), List.of("a", "b")));
    }

    @Test
    void theSummaryIsOneLineGroupingTestsByPrerequisiteWithTheirCommands() {
        SkippedPrerequisitesListener.Skips skips = new SkippedPrerequisitesListener.Skips();
        assertEquals(Optional.empty(), skips.summary(), "nothing skipped, nothing printed");

        skips.add(Prerequisite.REAL_CIFAR, "unpack it", "MainTest");
        skips.add(Prerequisite.DEBIAN_JUPYTER, "install with: apt-get install -y python3-nbclient", "NotebooksIT");
        skips.add(Prerequisite.REAL_CIFAR, "unpack it", "MainTest");
        skips.add(Prerequisite.REAL_CIFAR, "unpack it", "RealCifarDataTest");

        String line = skips.summary().orElseThrow();
        assertEquals("SKIPPED 4 tests for missing prerequisites (CI=true makes them fail): 1 needs Debian's Jupyter "
                + "(NotebooksIT): install with: apt-get install -y python3-nbclient; 3 need the real CIFAR data "
                + "(MainTest, RealCifarDataTest): unpack it", line);
        assertEquals(1, line.lines().count());
    }
}
