package org.ullsnn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ullsnn.data.CifarDataset;
import org.ullsnn.data.CifarDownloader;
import org.ullsnn.data.CifarVerifier;
import org.ullsnn.data.DataLocation;
import org.ullsnn.data.DatasetSummary;
import org.ullsnn.data.FetchResult;
import org.ullsnn.data.Normalization;
import org.ullsnn.data.VerificationReport;
import org.ullsnn.progress.ConsoleProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ullsnn data fetch|verify|info}: get, check and describe the CIFAR datasets in the data directory.
 * Exit codes: 0 success, 1 a dataset is missing, damaged or could not be fetched, 2 usage error.
 * Output goes to the command line's out and err writers; download progress goes to standard error.
 */
@Command(name = "data",
        description = "Fetch, verify and describe the CIFAR-10/100 files in the data directory.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Verify.class, DataCommand.Info.class})
public class DataCommand implements Callable<Integer> {

    /** Exit code when a dataset is missing, damaged or could not be fetched. */
    public static final int EXIT_PROBLEM = 1;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    /** Without a subcommand: a usage error listing the subcommands. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "data needs a subcommand: fetch, verify or info");
    }

    /** {@code -h, --help} on every data command. */
    static final class HelpOption {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;
    }

    /** Options naming the datasets a subcommand works on. */
    static final class DatasetChoice {
        @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "all",
                description = "cifar10, cifar100 or all (default: ${DEFAULT-VALUE}).")
        private String dataset;

        List<CifarDataset> datasets(CommandSpec spec) {
            String d = dataset.trim().toLowerCase(Locale.ROOT);
            if (d.equals("all")) {
                return Arrays.asList(CifarDataset.values());
            }
            try {
                return List.of(CifarDataset.fromId(d));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--dataset must be " + String.join(", ", CifarDataset.ids()) + " or all, got '" + dataset
                                + "'");
            }
        }
    }

    /**
     * A data subcommand that works on each chosen dataset in turn: it names the data directory, handles every
     * dataset (an {@link IOException} counts as that dataset's failure, with its message, and the others still
     * run) and exits with {@link #EXIT_PROBLEM} if any failed.
     */
    abstract static class PerDataset implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions data;

        @Mixin
        DatasetChoice choice;

        @Mixin
        HelpOption help;

        /** Handles one dataset; false when it has a problem (already reported). */
        abstract boolean handle(CifarDataset dataset, DataLocation location, PrintWriter out, PrintWriter err)
                throws IOException;

        /** Called after every dataset, with the number that failed. */
        void finish(PrintWriter out, int failures) {
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<CifarDataset> datasets = choice.datasets(spec);
            DataLocation location = data.location();
            out.println("data directory: " + location.describe());
            int failures = 0;
            for (CifarDataset d : datasets) {
                try {
                    if (!handle(d, location, out, err)) {
                        failures++;
                    }
                } catch (IOException e) {
                    failures++;
                    err.println(d.displayName() + ": " + e.getMessage());
                }
            }
            finish(out, failures);
            out.flush();
            err.flush();
            return failures == 0 ? 0 : EXIT_PROBLEM;
        }
    }

    /** {@code data fetch}: download and unpack whatever is missing. */
    @Command(name = "fetch",
            description = "Download the official archive of each dataset whose files are missing, check its MD5 "
                    + "and unpack it (resumes an interrupted download). An official archive already in the data "
                    + "directory is unpacked instead, with --offline too.")
    public static class Fetch extends PerDataset {
        @Option(names = "--mirror", paramLabel = "URL",
                description = "Base URL to fetch the official archives from instead of "
                        + "https://www.cs.toronto.edu/~kriz/ (same files and MD5s).")
        private URI mirror;

        private CifarDownloader downloader;

        @Override
        boolean handle(CifarDataset d, DataLocation location, PrintWriter out, PrintWriter err) throws IOException {
            FetchResult r = downloader().fetchIfMissing(d, location.directory());
            out.println(d.displayName() + ": " + switch (r.status()) {
                case ALREADY_PRESENT -> "already present in ";
                case DOWNLOADED -> "downloaded and unpacked into ";
                case UNPACKED_LOCAL_ARCHIVE -> "unpacked " + d.officialArchive().fileName() + " (found in "
                        + location.directory() + ", MD5 checked, kept) into ";
            } + r.folder());
            r.setAside().ifPresent(p -> out.println("  the incomplete folder found there was moved to " + p));
            return true;
        }

        private CifarDownloader downloader() {
            if (downloader == null) {
                CifarDownloader.Builder builder = CifarDownloader.builder()
                        .offline(data.offline())
                        .listener(ConsoleProgressBar.onStderr());
                if (mirror != null) {
                    builder.baseUri(mirror);
                }
                downloader = builder.build();
            }
            return downloader;
        }
    }

    /** {@code data verify}: structural and hash checks; exit 1 on any problem. */
    @Command(name = "verify",
            description = "Check each dataset's files: sizes, record counts, label ranges, per-class counts, and "
                    + "SHA-256 where the hash of this copy is known. Exits with 1 on any problem.")
    public static class Verify extends PerDataset {
        @Override
        boolean handle(CifarDataset d, DataLocation location, PrintWriter out, PrintWriter err) throws IOException {
            VerificationReport report = CifarVerifier.of(d).verify(location.directory());
            out.print(report.summary());
            if (report.passed()) {
                return true;
            }
            err.println(d.displayName() + " in " + report.folder() + " failed verification:");
            report.problems().forEach(p -> err.println("  " + p));
            if (report.filesMissing()) {
                err.println("  get the missing files with `ullsnn data fetch --dataset " + d.id()
                        + "`, or put the official files in " + report.folder());
            }
            return false;
        }

        @Override
        void finish(PrintWriter out, int failures) {
            out.println(failures == 0 ? "verify: OK" : "verify: FAILED");
        }
    }

    /** {@code data info}: what each dataset folder holds. */
    @Command(name = "info",
            description = "Describe each dataset: folder, files present and their sizes and records, classes and "
                    + "their names, images per class, normalisation and the official archive.")
    public static class Info extends PerDataset {
        @Override
        boolean handle(CifarDataset d, DataLocation location, PrintWriter out, PrintWriter err) throws IOException {
            DatasetSummary summary = DatasetSummary.of(d.layout(), location.directory());
            out.print(summary.describe());
            Normalization n = d.normalization();
            out.println("  normalisation mean " + triple(n, true) + " std " + triple(n, false));
            out.println("  archive  " + d.officialArchive().url() + String.format(Locale.ROOT,
                    " (%,d bytes, md5 %s)", d.officialArchive().bytes(), d.officialArchive().md5()));
            if (!summary.complete()) {
                out.println("  incomplete: run `ullsnn data fetch --dataset " + d.id() + "`");
            }
            return true;
        }

        private static String triple(Normalization n, boolean mean) {
            return java.util.stream.IntStream.range(0, n.channels())
                    .mapToObj(c -> String.format(Locale.ROOT, "%.4f", mean ? n.mean(c) : n.std(c)))
                    .collect(Collectors.joining(", ", "(", ")"));
        }
    }
}
