package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.RunMetrics;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.model.CaptureLabels;
import org.mpcap.reports.model.CompareModels;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.model.ReportOptions;
import org.mpcap.reports.model.RunReports;
import org.mpcap.reports.output.AtomicOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mpcap compare NAME=PATH... -o OUTDIR}: scenarios side by side, one capture per run. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares scenarios (e.g. fullmesh=DIR default=DIR), one capture per run: per-run transfer "
                + "rate and time of the main connection, establishment intervals, subflows, interface shares and "
                + "RTT means; per scenario mean, both standard deviations, 95%% CI, min/median/max; for each pair "
                + "of scenarios Welch's t and Mann-Whitney p-values. Same outputs as report.",
                "PATH is a directory (searched recursively for captures) or a capture; repeat NAME=PATH or use "
                        + "commas to give a scenario several paths. A run's number comes from its capture's name "
                        + "(run-03.pcap is run 3); captures not all named run-NN are numbered in path order."})
final class CompareCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ReportCommand.AnalysisMixin analysis;

    @Mixin
    ReportCommand.OutputMixin output;

    @Option(names = "--observations", paramLabel = "CSV",
            description = "CSV of application-side measurements to merge (e.g. the testbed's runs.csv): a row "
                    + "matches the run whose capture it names (column capture, file or pcap) or whose number "
                    + "(column run) is in the capture's name (run-03.pcap), and the scenario of a group or "
                    + "scenario column. A row matching no run, or a run without a row, is an error unless "
                    + "--allow-unmatched. Repeatable (e.g. one file per scenario).")
    List<Path> observations = new ArrayList<>();

    @Option(names = "--allow-unmatched",
            description = "Leave out observation rows that match no run, and compare runs without a row (their "
                    + "obs_ columns stay empty), with a warning, instead of failing.")
    boolean allowUnmatched;

    @Option(names = "--run-reports", paramLabel = "N|all", defaultValue = "" + RunReports.DEFAULT_PER_SCENARIO,
            description = "Give at most N runs of each scenario their own report (the charts and tables of "
                    + "mpcap report, linked from the runs table; default " + RunReports.DEFAULT_PER_SCENARIO
                    + "), or all; 0 for none. Every run keeps its metrics in the comparison. The runs are spread "
                    + "evenly over each scenario's ranking by transfer rate: the slowest, the fastest and runs "
                    + "at equal rank steps between them.")
    String runReports;

    @Parameters(arity = "1..*", paramLabel = "NAME=PATH", description = "Scenario name and its captures.")
    List<String> scenarios;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<OutputFormat> formats = output.formats();
        output.checkTemplate(formats);
        ReportOptions reportOptions = analysis.reportOptions();
        org.mpcap.analyzer.AnalysisOptions analysisOptions = analysis.options();
        int perScenario = runReportsPerScenario();
        int reportedRuns;
        Map<String, List<Path>> groups = parseScenarios();
        List<String> groupOf = new ArrayList<>();
        List<Integer> runOf = new ArrayList<>();
        List<Path> captures = new ArrayList<>();
        Set<String> positional = new java.util.HashSet<>();
        for (Map.Entry<String, List<Path>> g : groups.entrySet()) {
            List<Path> files = CaptureInputs.expand(g.getValue());
            long[] named = Aggregation.runNumbers(files);
            if (named == null) positional.add(g.getKey());
            for (int i = 0; i < files.size(); i++) {
                groupOf.add(g.getKey());
                runOf.add(named != null ? (int) named[i] : i + 1);
                captures.add(files.get(i));
            }
        }
        try (AtomicOutput.StagedDirectory dir = AtomicOutput.StagedDirectory.create(output.outDir, output.force)) {
            Progress progress = Progress.forTerminal(err, common.quiet());
            List<CaptureAnalysis> analyses = ParallelAnalysis.analyze(new Analyzer(analysisOptions), captures,
                    progress);
            List<String> labels = CaptureLabels.labels(captures);
            List<RunMetrics.Run> runs = new ArrayList<>();
            for (int i = 0; i < analyses.size(); i++) {
                runs.add(new RunMetrics.Run(groupOf.get(i), runOf.get(i), labels.get(i), analyses.get(i)));
            }
            DataTable runTable = RunMetrics.runs(runs, reportOptions.estimators().get(0));
            Aggregation.Merged merged = Aggregation.mergeObservations(runTable, observations,
                    new Aggregation.RunSources(captures, positional), allowUnmatched);
            runTable = merged.runs();
            if (!common.quiet()) for (String n : merged.notes()) err.println("mpcap: warning: " + n);
            Aggregation.Result agg = Aggregation.of(runTable);
            ReportModel comparison = CompareModels.compare(runTable, agg.aggregate(), agg.comparison(), reportOptions,
                    merged.notes());
            // The own report of --run-reports runs per scenario (the same sections as mpcap report, with --bin,
            // --chart-connections and --estimator), linked from the runs table.
            ReportModel model = RunReports.withRunReports(comparison, runTable, analyses, labels, perScenario,
                    reportOptions);
            List<CaptureAnalysis> reported = new ArrayList<>();
            List<String> reportedLabels = new ArrayList<>();
            Set<String> partTitles = new java.util.HashSet<>();
            for (ReportModel.Part p : model.parts()) partTitles.add(p.title());
            for (int i = 0; i < analyses.size(); i++) {
                if (!partTitles.contains(labels.get(i))) continue;
                reported.add(analyses.get(i));
                reportedLabels.add(labels.get(i));
            }
            reportedRuns = reported.size();
            if (!common.quiet()) {
                // about charts: only the runs that get them
                for (String w : analysis.chartWarnings(reported, reportedLabels)) err.println("mpcap: warning: " + w);
            }
            ParquetOutput.Origins origins = new ParquetOutput.Origins();
            for (int i = 0; i < analyses.size(); i++) {
                origins.put(labels.get(i), analyses.get(i), groupOf.get(i), String.valueOf(runOf.get(i)));
            }
            ReportOutputs.write(model, dir.path(), formats, output.template, output.paper, progress, origins);
            String leftover = dir.commit();
            if (leftover != null && !common.quiet()) err.println("mpcap: warning: " + leftover);
        }
        out.println("wrote " + output.outDir + " (" + groups.size() + " scenario" + (groups.size() == 1 ? "" : "s")
                + ", " + captures.size() + " run" + (captures.size() == 1 ? "" : "s")
                + (reportedRuns == captures.size() ? "" : ", " + reportedRuns + " with their own report") + ")");
        return ExitCodes.OK;
    }

    /** --run-reports: a count of at least 0, or all. */
    private int runReportsPerScenario() {
        String v = runReports.trim();
        if (v.equalsIgnoreCase("all")) return RunReports.ALL;
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ParameterException(spec.commandLine(), "--run-reports expects a number of runs (0 or more) or all, "
                + "got '" + runReports + "'");
    }

    /** NAME=PATH[,PATH...] arguments, merged by name in order of first appearance. */
    private Map<String, List<Path>> parseScenarios() {
        Map<String, List<Path>> groups = new LinkedHashMap<>();
        for (String s : scenarios) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new ParameterException(spec.commandLine(), "expected NAME=PATH, got '" + s + "'");
            }
            String name = s.substring(0, eq);
            if (!name.matches("[A-Za-z0-9_.+-]+")) {
                throw new ParameterException(spec.commandLine(), "scenario name '" + name
                        + "' may only hold letters, digits and . _ + -");
            }
            for (String p : s.substring(eq + 1).split(",")) {
                if (!p.isEmpty()) groups.computeIfAbsent(name, k -> new ArrayList<>()).add(Path.of(p));
            }
        }
        return groups;
    }
}
