package org.ullsnn.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the {@link RunConfig} of any run folder: a training run or an imported network. */
public final class RunConfigs {

    private RunConfigs() {
    }

    /** The configuration saved in {@code runDir/config.json}. */
    public static RunConfig read(Path runDir) {
        JsonNode root = tree(runDir);
        Class<? extends RunConfig> type = isImport(root) ? ImportRunConfig.class : TrainRunConfig.class;
        try {
            return TrainRun.JSON.treeToValue(root.get("config"), type);
        } catch (IOException e) {
            throw new UncheckedIOException(runDir.resolve(TrainRun.CONFIG_FILE) + " is not a readable run "
                    + "configuration: " + e.getMessage(), e);
        }
    }

    /** Whether {@code runDir} holds an imported network rather than a training run. */
    public static boolean isImport(Path runDir) {
        return Files.isRegularFile(runDir.resolve(TrainRun.CONFIG_FILE)) && isImport(tree(runDir));
    }

    private static boolean isImport(JsonNode root) {
        return root.has("kind") && ImportRunConfig.KIND.equals(root.get("kind").asText());
    }

    static JsonNode tree(Path runDir) {
        Path file = runDir.resolve(TrainRun.CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no run in " + runDir + ": " + TrainRun.CONFIG_FILE + " is missing");
        }
        try {
            JsonNode root = TrainRun.JSON.readTree(file.toFile());
            if (root == null || !root.has("config")) {
                throw new IllegalArgumentException(file + " is not a run configuration: it has no \"config\"");
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not a readable run configuration: " + e.getMessage(), e);
        }
    }
}
