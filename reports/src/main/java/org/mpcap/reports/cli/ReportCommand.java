package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.model.ReportModels;
import org.mpcap.reports.output.AtomicOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpcap report CAPTURE|DIR... -o OUTDIR}: the full report of one or more captures. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a report of the captures into OUTDIR: index.html (self-contained), tables.xlsx, "
                + "csv/, charts/ (PNG, SVG and PDF), report.md and tables.tex.",
                "A DIR is searched recursively for pcap/pcapng files (detected by content, not name); other "
                        + "files are skipped. Captures are analysed in parallel; input files are never changed."})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    AnalysisMixin analysis;

    @Mixin
    OutputMixin output;

    @Parameters(arity = "0..*", paramLabel = "CAPTURE|DIR", description = "Capture files or directories.")
    List<Path> inputs;

    @Option(names = "--pair", arity = "2", paramLabel = "CAPTURE",
            description = "CLIENT SERVER: two captures of the same connections taken at the client and at the "
                    + "server: adds one-way delay and packets lost between the two points per subflow and direction "
                    + "(tables owd-summary, owd) to the report of both.")
    List<Path> pair;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<OutputFormat> formats = output.formats();
        output.checkTemplate(formats);
        org.mpcap.analyzer.AnalysisOptions analysisOptions = analysis.options();
        org.mpcap.reports.model.ReportOptions reportOptions = analysis.reportOptions();
        if ((inputs == null || inputs.isEmpty()) && pair == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required parameter: 'CAPTURE|DIR' (or --pair CLIENT SERVER)");
        }
        List<Path> captures = inputs == null || inputs.isEmpty() ? List.of() : CaptureInputs.expand(inputs);
        // Fail before the (long) analysis if OUTDIR may not be replaced.
        try (AtomicOutput.StagedDirectory dir = AtomicOutput.StagedDirectory.create(output.outDir, output.force)) {
            Progress progress = Progress.forTerminal(err, common.quiet());
            Analyzer analyzer = new Analyzer(analysisOptions);
            List<CaptureAnalysis> analyses = new ArrayList<>();
            org.mpcap.analyzer.PairAnalysis paired = null;
            if (pair != null) {
                paired = analyzePair(analyzer, pair.get(0), pair.get(1), err);
                analyses.add(paired.client());
                analyses.add(paired.server());
            }
            if (!captures.isEmpty()) analyses.addAll(ParallelAnalysis.analyze(analyzer, captures, progress));
            ReportModel model = ReportModels.report(analyses, reportOptions);
            if (paired != null) model = org.mpcap.reports.model.PairReports.withPair(model, paired, reportOptions);
            if (!common.quiet()) {
                List<String> labels = new ArrayList<>();
                for (ReportModel.Part p : model.parts()) {
                    if (!p.id().equals("overview") && !p.id().equals("pair")) labels.add(p.title());
                }
                for (String w : analysis.chartWarnings(analyses, labels)) err.println("mpcap: warning: " + w);
                for (ReportModel.Part p : model.parts()) {
                    for (String w : p.warnings()) err.println("mpcap: warning: " + p.title() + ": " + w);
                }
            }
            List<Path> all = new ArrayList<>();
            if (pair != null) all.addAll(pair);
            all.addAll(captures);
            List<String> labels = org.mpcap.reports.model.CaptureLabels.labels(all);
            ParquetOutput.Origins origins = new ParquetOutput.Origins();
            for (int i = 0; i < analyses.size(); i++) origins.put(labels.get(i), analyses.get(i));
            ReportOutputs.write(model, dir.path(), formats, output.template, output.paper, progress, origins);
            String leftover = dir.commit();
            if (leftover != null && !common.quiet()) err.println("mpcap: warning: " + leftover);
        }
        int n = captures.size() + (pair == null ? 0 : 2);
        out.println("wrote " + output.outDir + " (" + n + " capture" + (n == 1 ? "" : "s")
                + (pair == null ? "" : ", paired") + ")");
        return ExitCodes.OK;
    }

    /** Both captures of {@code --pair}, with the same errors and warnings as any capture argument. */
    private org.mpcap.analyzer.PairAnalysis analyzePair(Analyzer analyzer, Path client, Path server, PrintWriter err) {
        // (warnings about damaged records are given by the captures' parts of the report)
        for (Path p : List.of(client, server)) {
            if (!Files.isRegularFile(p)) throw new InputException(p + ": no such file");
        }
        org.mpcap.analyzer.PairAnalysis p;
        try {
            p = analyzer.analyzePair(client, server);
        } catch (IOException e) {
            throw new InputException(e.getMessage(), e); // names the file
        }
        return p;
    }

    /** Options deciding what is written where, shared with {@code compare}. */
    static final class OutputMixin {
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTDIR",
                description = "Output directory (created; an existing non-empty one needs --force).")
        Path outDir;

        @Option(names = "--force", description = "Replace OUTDIR if it exists (atomically, once complete).")
        boolean force;

        @Option(names = "--format", split = ",", paramLabel = "FORMAT", defaultValue = "all",
                description = "Outputs to write: html, xlsx, csv, md, tex, charts, parquet or all (default: all but "
                        + "parquet), comma-separated; e.g. all,parquet.")
        List<String> format;

        @Option(names = "--paper", description = "Figures for a paper: the chart files in charts/ (PNG, SVG, PDF) "
                + "without embedded titles; the captions in report.md, tables.tex and index.html say what they show.")
        boolean paper;

        @Option(names = "--template", paramLabel = "DIR",
                description = "Directory with your own index.html.mustache (default: the built-in template).")
        Path template;

        Set<OutputFormat> formats() {
            try {
                return OutputFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
            }
        }

        void checkTemplate(Set<OutputFormat> formats) {
            if (template == null) return;
            if (!Files.isDirectory(template)) throw new InputException(template + ": template directory not found");
            if (!Files.isRegularFile(template.resolve("index.html.mustache"))) {
                throw new InputException(template + ": no index.html.mustache in the template directory");
            }
        }
    }

    /** Analysis and chart choices, shared with {@code compare}. */
    static final class AnalysisMixin {
        /**
         * A report's bytes-over-time series keep at most this many bins: fine bins for short captures (the
         * default 10 ms), automatically wider ones for long captures, so the tables in csv/ and tables.xlsx stay
         * a few thousand rows per series (export keeps the analyzer's 65 536).
         */
        static final int REPORT_MAX_BINS = 4096;

        /**
         * A report's {@code rtt} sample table keeps at most this many rows (past it, the minimum and maximum per
         * series and time bucket, as the table's title says): its charts draw a few thousand points per series
         * and the table goes to csv/ and tables.xlsx; the rtt-summary statistics still use every sample
         * ({@code export --table rtt} keeps the analyzer's 500 000).
         */
        static final int REPORT_RTT_SAMPLES = 1 << 16;

        @Option(names = "--estimator", split = ",", paramLabel = "NAME", defaultValue = "ack",
                description = "RTT estimator(s) to chart: ack (Wireshark ack_rtt, default), ts, initial, data.")
        List<String> estimators;

        @Option(names = "--bin", paramLabel = "SECONDS", defaultValue = "0.01",
                description = "Bin width of cumulative-bytes and throughput series in seconds (default 0.01; "
                        + "0 = every packet; long captures widen it so a series keeps at most 4096 bins).")
        double binSeconds;

        @Option(names = "--throughput-window", paramLabel = "SECONDS", defaultValue = "0.1",
                description = "Moving window of the throughput series in seconds (default 0.1).")
        double throughputWindowSeconds;

        @Option(names = "--burst-window", paramLabel = "MS", defaultValue = "100",
                description = "Burst window of the per-address table in ms (default 100, as Wireshark).")
        int burstWindowMs;

        @Option(names = "--rtt-axis", paramLabel = "auto|linear|log", defaultValue = "auto",
                description = "RTT axis of the RTT charts: log, linear, or auto (default: logarithmic when a "
                        + "chart's largest sample exceeds 20 times its median, so a few large samples do not "
                        + "squash the others).")
        String rttAxis;

        @Option(names = "--chart-connections", paramLabel = "N", defaultValue = "3",
                description = "Chart the N largest connections of each capture (default 3).")
        int chartConnections;

        @Option(names = "--alias", paramLabel = "ADDR=NAME",
                description = "Name an address in legends and tables, e.g. --alias 10.0.2.6=wifi (repeatable).")
        List<String> alias = new ArrayList<>();

        @Option(names = "--aliases", paramLabel = "FILE",
                description = "File of aliases, one ADDR=NAME (or ADDR NAME) per line; # starts a comment.")
        Path aliasesFile;

        /** The aliases of --aliases FILE then --alias (a later one replaces an earlier one for the same address). */
        java.util.Map<String, String> aliases() {
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
            if (aliasesFile != null) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(aliasesFile, java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new InputException(aliasesFile + ": no such file", e);
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new InputException(aliasesFile + ": cannot read aliases: " + e.getMessage(), e);
                }
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i).replaceFirst("#.*", "").trim();
                    if (l.isEmpty()) continue;
                    String[] kv = l.contains("=") ? l.split("=", 2) : l.split("\\s+", 2);
                    if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                        throw new InputException(aliasesFile + ": line " + (i + 1) + ": expected ADDR=NAME, got '"
                                + lines.get(i).trim() + "'");
                    }
                    out.put(kv[0].trim(), kv[1].trim());
                }
            }
            for (String a : alias) {
                int eq = a.indexOf('=');
                if (eq <= 0 || eq == a.length() - 1) {
                    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                            "--alias expects ADDR=NAME, got '" + a + "'");
                }
                out.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
            }
            return out;
        }

        /**
         * Warnings for choices that leave charts empty or wrong: a bin at least as long as a capture gives its
         * bytes-over-time series one bin (one point: nothing drawn); a throughput window longer than a capture is
         * never full, so its throughput series understate the rate.
         */
        List<String> chartWarnings(List<CaptureAnalysis> analyses, List<String> labels) {
            List<String> w = new ArrayList<>();
            List<String> longer = new ArrayList<>();
            double shortest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < analyses.size(); i++) {
                double d = analyses.get(i).durationSeconds();
                if (binSeconds > 0 && binSeconds >= d) {
                    longer.add(labels.get(i));
                    shortest = Math.min(shortest, d);
                }
            }
            if (!longer.isEmpty()) {
                w.add(String.format(java.util.Locale.ROOT, "--bin %s s is at least as long as %s (%s%.3f s): its "
                                + "bytes-over-time series have a single bin, so their charts are empty; use a bin "
                                + "of at most a hundredth of the capture (e.g. --bin %s)",
                        fmt(binSeconds), longer.size() == 1 ? longer.get(0) : longer.size() + " captures",
                        longer.size() == 1 ? "" : "the shortest lasts ", shortest,
                        fmt(Math.max(1e-6, shortest / 100))));
            }
            List<String> shorter = new ArrayList<>();
            double briefest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < analyses.size(); i++) {
                double d = analyses.get(i).durationSeconds();
                if (throughputWindowSeconds > d) {
                    shorter.add(labels.get(i));
                    briefest = Math.min(briefest, d);
                }
            }
            if (!shorter.isEmpty()) {
                // The window never fills: every point is the bytes so far divided by the whole window, a ramp
                // that understates the rate (a 1 s window on a 0.4 s transfer shows at most 40 % of it).
                w.add(String.format(java.util.Locale.ROOT, "--throughput-window %s s is longer than %s (%s%.3f s): "
                                + "its throughput series never hold a full window, so they understate the rate; "
                                + "use a window of at most a tenth of the capture (e.g. --throughput-window %s)",
                        fmt(throughputWindowSeconds), shorter.size() == 1 ? shorter.get(0)
                                : shorter.size() + " captures", shorter.size() == 1 ? "" : "the shortest lasts ",
                        briefest, fmt(Math.max(1e-6, briefest / 10))));
            }
            return w;
        }

        private static String fmt(double s) {
            return new java.math.BigDecimal(s).round(new java.math.MathContext(2)).stripTrailingZeros()
                    .toPlainString();
        }

        org.mpcap.analyzer.AnalysisOptions options() {
            org.mpcap.analyzer.AnalysisOptions d = org.mpcap.analyzer.AnalysisOptions.DEFAULTS;
            if (!(binSeconds >= 0) || binSeconds > 3600) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--bin must be between 0 and 3600 seconds, got " + binSeconds);
            }
            if (!(throughputWindowSeconds > 0) || throughputWindowSeconds > 3600) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--throughput-window must be more than 0 and at most 3600 seconds, got "
                                + throughputWindowSeconds);
            }
            try {
                return new org.mpcap.analyzer.AnalysisOptions(Math.round(binSeconds * 1e9),
                        Math.round(throughputWindowSeconds * 1e9), burstWindowMs, d.burstBucketMs())
                        .withMaxBins(REPORT_MAX_BINS).withRttSampleCap(REPORT_RTT_SAMPLES);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
            }
        }

        org.mpcap.reports.model.ReportOptions reportOptions() {
            try {
                List<String> est = new ArrayList<>();
                for (String e : estimators) est.add(e.trim().toLowerCase(java.util.Locale.ROOT));
                return new org.mpcap.reports.model.ReportOptions(est, 200, chartConnections, aliases())
                        .withRttAxis(rttAxis.trim().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
            }
        }
    }
}
