package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.stats.MptcpOptionsCollector;
import org.mpcap.reports.batch.Batch;
import org.mpcap.reports.batch.BatchLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpcap batch [NAME=]DIR... -o OUT}: many captures into partitioned Parquet tables, resumable. */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyses many captures on all cores into partitioned Parquet tables: "
                + "OUT/TABLE/scenario=S/run=R/part-0.parquet (Hive layout: DuckDB, Spark, pandas read scenario and run "
                + "from the path), plus OUT/captures/... with one row of facts per capture.",
                "The scenario of a capture is NAME when given as NAME=DIR, else the name of the directory holding "
                        + "it; its run is its file name without extensions. Directories are searched recursively.",
                "Resumable: captures already written (and unchanged since) are skipped, so an interrupted batch is "
                        + "simply run again. A capture that cannot be analysed is reported (and listed in "
                        + "OUT/_batch/failed/) and the others go on; the exit code is then 3."})
final class BatchCommand implements Callable<Integer> {
    /**
     * Heap a worker may need for one capture with the export defaults: the bulk capture (12 M packets) peaks at
     * about 200 MB for the whole process; with this margin a worker per 384 MiB of -Xmx.
     */
    static final long WORKER_HEAP_BYTES = 384L << 20;

    @Mixin
    CommonOptions common;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Output directory (created; an existing one is added to, never cleared).")
    Path outDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Captures analysed at once (default: the number of cores, at most one per 384 MiB of "
                    + "JVM heap).")
    Integer jobs;

    @Option(names = "--table", split = ",", paramLabel = "NAME",
            description = "Tables to write (default: every table but mptcp-options, which has a row per MPTCP "
                    + "option: millions on a bulk transfer). The captures table is always written.")
    List<String> tables;

    @Parameters(arity = "1..*", paramLabel = "[NAME=]PATH", description = "Capture files or directories.")
    List<String> inputs;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> chosen = chosenTables();
        Analyzer analyzer = new Analyzer(AnalysisOptions.DEFAULTS
                .withMptcpOptionRows(chosen.contains(MptcpOptionsCollector.NAME)));
        List<Batch.Capture> captures = captures();
        int workers = workers(err);
        Batch batch = new Batch(outDir, analyzer, chosen, workers);
        Progress progress = Progress.forTerminal(err, common.quiet());
        long t0 = System.nanoTime();
        progress.start(String.format(Locale.ROOT, "batch of %d capture%s, %d job%s", captures.size(),
                captures.size() == 1 ? "" : "s", workers, workers == 1 ? "" : "s"), captures.size());
        Batch.Outcome o = batch.run(captures, (c, failure, warning) -> {
            synchronized (this) {
                if (failure != null) err.println("mpcap: batch: " + failure);
                else if (warning != null && !common.quiet()) err.println("mpcap: warning: " + warning);
                if (failure != null || warning != null) err.flush();
                progress.advance(1, c.scenario() + "/" + c.run());
            }
        });
        progress.finish();
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.println(String.format(Locale.ROOT, "wrote %s: %d capture%s analysed, %d already done, %d failed%s "
                        + "(%.1f s, %.2f captures/s)", outDir, o.analysed(), o.analysed() == 1 ? "" : "s", o.skipped(),
                o.failures().size(), o.failures().isEmpty() ? "" : " (listed in " + outDir.resolve(Batch.META)
                        .resolve("failed") + ")", seconds, o.analysed() / Math.max(seconds, 1e-9)));
        out.flush();
        return o.failures().isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private List<String> chosenTables() {
        List<String> all = new Analyzer(AnalysisOptions.DEFAULTS.withMptcpOptionRows(true)).tableNames();
        if (tables == null) {
            List<String> out = new ArrayList<>(all);
            out.remove(MptcpOptionsCollector.NAME);
            return out;
        }
        List<String> out = new ArrayList<>();
        for (String t : tables) {
            String n = t.trim();
            if (n.equals(BatchLayout.CAPTURES_TABLE)) continue;
            if (!all.contains(n)) {
                throw new ParameterException(spec.commandLine(), "unknown table '" + n + "'; valid tables: "
                        + String.join(", ", all));
            }
            out.add(n);
        }
        return out;
    }

    private int workers(PrintWriter err) {
        int cores = Runtime.getRuntime().availableProcessors();
        long heap = Runtime.getRuntime().maxMemory();
        int byHeap = (int) Math.max(1, Math.min(Integer.MAX_VALUE, heap / WORKER_HEAP_BYTES));
        if (jobs == null) return Math.max(1, Math.min(cores, byHeap));
        if (jobs < 1) throw new ParameterException(spec.commandLine(), "--jobs must be at least 1, got " + jobs);
        if (jobs > byHeap && !common.quiet()) {
            err.println("mpcap: warning: --jobs " + jobs + " with a " + (heap >> 20) + " MiB heap leaves less than "
                    + (WORKER_HEAP_BYTES >> 20) + " MiB per worker; a large capture may run out of memory (it is "
                    + "then reported as failed). MPCAP_JAVA_OPTS=-Xmx... gives the JVM more.");
        }
        return jobs;
    }

    /** The captures of every [NAME=]PATH, with their scenario and run; (scenario, run) must be unique. */
    private List<Batch.Capture> captures() {
        List<Batch.Capture> out = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (String in : inputs) {
            int eq = in.indexOf('=');
            String name = null;
            String path = in;
            if (eq > 0 && in.substring(0, eq).matches("[A-Za-z0-9_.+-]+")) {
                name = in.substring(0, eq);
                path = in.substring(eq + 1);
            }
            Path root = Path.of(path);
            for (Path f : CaptureInputs.expand(List.of(root))) {
                String scenario = name;
                if (scenario == null) {
                    Path parent = f.toAbsolutePath().normalize().getParent();
                    scenario = parent == null || parent.getFileName() == null ? "default"
                            : parent.getFileName().toString();
                }
                String run = BatchLayout.runName(f);
                Path had = seen.putIfAbsent(scenario + "\u0000" + run, f);
                if (had != null) {
                    throw new ParameterException(spec.commandLine(), "two captures are scenario=" + scenario + " run="
                            + run + ": " + had + " and " + f + "; give their directories names with NAME=DIR");
                }
                out.add(new Batch.Capture(f, scenario, run));
            }
        }
        return out;
    }
}
