package org.ullsnn.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabPathsTest {

    @TempDir
    Path dir;

    @Test
    void findsTheRepositoryAboveTheNotebooksFolder() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path notebooks = Files.createDirectories(repo.resolve("notebooks"));
        LabPaths p = LabPaths.locate(Map.of(), notebooks, null);
        assertEquals(repo, p.root());
        assertEquals(repo.resolve("runs"), p.runs());
        assertEquals(repo.resolve("data"), p.data());
        assertEquals(repo.resolve("runs").resolve("x"), p.run("x"));
    }

    @Test
    void fallsBackToTheLibrarysOwnJarThenTheWorkingDirectory() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path jar = Files.createDirectories(repo.resolve("target")).resolve("ullsnn.jar");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertEquals(repo, LabPaths.locate(Map.of(), elsewhere, jar).root());
        assertEquals(elsewhere, LabPaths.locate(Map.of(), elsewhere, dir.resolve("lib.jar")).root());
    }

    @Test
    void environmentVariablesChooseRunsAndData() throws Exception {
        Path runs = dir.resolve("my-runs");
        Path data = dir.resolve("my-data");
        LabPaths p = LabPaths.locate(Map.of("ULLSNN_RUNS", runs.toString(), "ULLSNN_DATA", " " + data + " "),
                dir, null);
        assertEquals(runs, p.runs());
        assertEquals(data, p.data());
    }

    @Test
    void showsPathsWithoutTheMachinesFolders() {
        Path repo = dir.resolve("repo");
        LabPaths inside = new LabPaths(repo, repo.resolve("runs"), repo.resolve("data"));
        assertEquals("runs/c10/figures", inside.shown(repo.resolve("runs/c10/figures")));
        assertEquals(".", inside.shown(repo));
        assertEquals("<outside the repository>/x.png", inside.shown(dir.resolve("tmp/x.png")));

        LabPaths outside = new LabPaths(repo, dir.resolve("my-runs"), dir.resolve("my-data"));
        assertEquals("$ULLSNN_RUNS/c10/model.zip", outside.shown(dir.resolve("my-runs/c10/model.zip")));
        assertEquals("$ULLSNN_RUNS", outside.shown(dir.resolve("my-runs")));
        assertEquals("$ULLSNN_DATA/cifar-10-batches-bin", outside.shown(dir.resolve("my-data/cifar-10-batches-bin")));
        assertEquals("models/c10/model.zip", outside.shown(repo.resolve("models/c10/model.zip")));
    }
}
