package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mpcap.analyzer.stats.runs.Observations;
import org.mpcap.analyzer.stats.runs.RunAggregate;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.output.AtomicOutput;
import org.mpcap.reports.table.TableFormat;
import org.mpcap.reports.table.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mpcap aggregate}: statistics of repeated runs from a CSV of observations. */
@Command(name = "aggregate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Mean, standard deviations, standard error, 95%% confidence interval, min/median/max of each "
                        + "metric per group, and Welch's t-test and Mann-Whitney U test between every pair of "
                        + "groups, from a CSV of observations (e.g. the testbed's runs.csv, or numbers measured "
                        + "outside mpcap).",
                "",
                "Input: RFC 4180 CSV (UTF-8, header line, quoted fields allowed); empty cells are missing values. "
                        + "Metrics default to every numeric column except the group column and identifier columns "
                        + "named run, obs, id or index (any case).",
                "",
                "Output: table 'aggregate' (group,metric,n,mean,std_sample,std_population,sem,ci95_low,"
                        + "ci95_high,min,median,max) and table 'comparison' (group_a,group_b,metric,n_a,n_b,"
                        + "mean_a,mean_b,diff,welch_t,welch_df,welch_p,mw_u,mw_p,mw_method,diff_ci95_low,diff_ci95_high). std_sample divides "
                        + "by n-1, std_population by n; with n = 1, std_sample, sem and the interval are empty. "
                        + "mw_method is 'exact' (no ties and fewer than 50 values per group) or 'normal' (tie- "
                        + "and continuity-corrected approximation). Numbers are printed in full precision.",
                "",
                "--format text (default) prints both tables for reading (the comparison only with 2 or more "
                        + "groups, and only the table named by --table if given); csv and json print exactly one "
                        + "table, --table (default aggregate), the comparison with its header even when empty."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error", "2:usage error",
                "3:bad input (missing file, empty file, missing column, non-numeric value, ragged row): one line "
                        + "naming the file, line and column"})
final class AggregateCommand implements Callable<Integer> {
    enum Format { text, csv, json }

    enum Table { aggregate, comparison }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "OBS.csv",
            description = "CSV files of observations, one run per line (several files, e.g. one per scenario, are "
                    + "read as one table: the union of their columns, empty cells where a file lacks a column).")
    List<Path> inputs;

    @Option(names = "--group-by", required = true, paramLabel = "COLUMN",
            description = "Column whose values form the groups (e.g. scenario).")
    String groupBy;

    @Option(names = "--metrics", split = ",", paramLabel = "COLUMN",
            description = "Metric columns, comma-separated (default: every numeric column except the group "
                    + "column and run/obs/id/index).")
    List<String> metrics;

    @Option(names = "--table", paramLabel = "TABLE",
            description = "Table to print: aggregate or comparison (csv/json default: aggregate; text default: "
                    + "both).")
    Table table;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, csv or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (atomically) instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        List<Observations> parts = new java.util.ArrayList<>();
        for (Path in : inputs) {
            try {
                parts.add(Observations.read(in));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new InputException(in + ": no such file", e);
            }
        }
        Observations obs = Observations.concat(parts);
        for (Observations o : parts) o.checkColumn(groupBy);
        List<String> chosen = metrics != null ? metrics : obs.defaultMetrics(groupBy);
        if (chosen.isEmpty()) {
            throw new InputException(obs.source() + ": no numeric column to aggregate besides " + groupBy
                    + " (name them with --metrics)");
        }
        DataTable aggregate = RunAggregate.aggregate(obs, groupBy, chosen);
        DataTable comparison = RunAggregate.comparison(obs, groupBy, chosen);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            write(out, aggregate, comparison);
            out.flush();
        } else {
            AtomicOutput.writeText(output, w -> write(w, aggregate, comparison));
        }
        return ExitCodes.OK;
    }

    private void write(Writer out, DataTable aggregate, DataTable comparison) throws IOException {
        switch (format) {
            case csv, json -> TableWriter.write(table == Table.comparison ? comparison : aggregate,
                    format == Format.csv ? TableFormat.CSV : TableFormat.JSON, out);
            case text -> {
                boolean both = table == null;
                if (both || table == Table.aggregate) text(out, aggregate);
                if (both && comparison.rowCount() > 0) out.write("\n");
                if ((both && comparison.rowCount() > 0) || table == Table.comparison) text(out, comparison);
            }
        }
    }

    private static void text(Writer out, DataTable t) throws IOException {
        out.write(t.name() + ": " + t.title() + "\n\n");
        TableWriter.write(t, TableFormat.MARKDOWN, out);
    }
}
