package org.ullsnn.cli;

import java.nio.file.Path;
import java.util.Map;
import org.ullsnn.experiment.ModelZoo;
import org.ullsnn.experiment.RunLocation;
import org.ullsnn.lab.LabPaths;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which trained network a command reads and where it writes (a picocli {@code @Mixin}): {@code --run DIR} (a
 * training run, or a shipped model's folder) or {@code --model NAME} (the shipped model {@code <models>/NAME}), with
 * {@code --runs} and {@code --models}. {@link RunLocation} decides; a shipped model is checked against its SHA-256
 * first and never written: its outputs go to {@code <runs>/<name>/}.
 */
public class RunOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--run", paramLabel = "DIR",
            description = "The training run folder, e.g. runs/my-run, or a shipped model's folder, models/<name> "
                    + "(read only: its outputs go to <runs>/<name>/).")
    Path run;

    @Option(names = "--model", paramLabel = "NAME",
            description = "A shipped model: shorthand for --run <models>/NAME (see: ullsnn models).")
    String model;

    @Option(names = "--runs", paramLabel = "DIR",
            description = "Where a shipped model's outputs go, as <runs>/<name>/ (default: $" + RunLocation.RUNS_ENV
                    + ", else ./runs).")
    Path runs;

    @Option(names = "--models", paramLabel = "DIR", description = "The shipped models (default: <repository>/models).")
    Path models;

    /** The models folder: {@code --models}, else the repository's {@code models/}. */
    Path modelsDir() {
        return modelsDir(models);
    }

    /** The repository's {@code models/} (the repository above the working directory, else above the jar). */
    static Path defaultModelsDir() {
        return LabPaths.locate().models();
    }

    /** {@code models}, else {@link #defaultModelsDir()}: what a {@code --models DIR} option names. */
    static Path modelsDir(Path models) {
        return models != null ? models : defaultModelsDir();
    }

    /** Whether {@code --run} or {@code --model} was given. */
    boolean given() {
        return run != null || model != null;
    }

    /**
     * Where the command reads and writes, under the real environment.
     *
     * @throws CommandLine.ParameterException unless exactly one of {@code --run} and {@code --model} was given
     */
    RunLocation location() {
        return location(System.getenv());
    }

    /** As above, with {@code env} standing in for the environment. */
    RunLocation location(Map<String, String> env) {
        if (run == null && model == null) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "which network? give --run DIR (a training run or a model folder) or --model NAME");
        }
        if (run != null && model != null) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "give --run or --model, not both");
        }
        Path runsRoot = RunLocation.runsRoot(runs, env);
        RunLocation location = model != null ? RunLocation.ofModel(model, modelsDir(), runsRoot)
                : RunLocation.resolve(run, modelsDir(), runsRoot);
        if (location.isModel()) {
            ModelZoo.requireIntact(location.source());
        }
        return location;
    }
}
