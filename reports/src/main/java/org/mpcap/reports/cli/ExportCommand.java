package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.stats.MptcpOptionsCollector;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.output.AtomicOutput;
import org.mpcap.reports.parquet.ParquetTableWriter;
import org.mpcap.reports.table.TableFormat;
import org.mpcap.reports.table.TableWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mpcap export}: one result table of one or more captures, as CSV or JSON. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export one result table (e.g. connections, subflows, mptcp-options) of one or more "
                + "captures: one row set per capture under a single header.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--table", required = true, paramLabel = "NAME",
            description = "Table to export (an unknown name lists the valid ones).")
    String table;

    @Option(names = "--all-statistics",
            description = "Compute every statistic, not only those the table needs (same table, more work: "
                    + "for benchmarks and checks).")
    boolean allStatistics;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "Output format: csv (default), json, markdown, latex or parquet (binary: needs -o).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (atomically) instead of standard output.")
    Path output;

    @Parameters(paramLabel = "CAPTURE", arity = "1..*",
            description = "Capture files (pcap, pcapng, optionally gzip-compressed) or directories of them.")
    List<Path> captures;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<String> names = new Analyzer(AnalysisOptions.DEFAULTS.withMptcpOptionRows(true)).tableNames();
        if (!names.contains(table)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown table '" + table + "'; valid tables: " + String.join(", ", names));
        }
        boolean parquet = "parquet".equalsIgnoreCase(format.trim());
        TableFormat textFormat = null;
        if (parquet && output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format parquet writes a binary file: give -o FILE");
        }
        if (!parquet) {
            try {
                textFormat = TableFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage().replace("or latex)",
                        "latex or parquet)"));
            }
        }
        List<Path> files = CaptureInputs.expand(captures);
        // Same-named captures in different folders (default/run-01.pcap, fullmesh/run-01.pcap) keep distinct
        // names in the capture column, as in a report.
        List<String> labels = org.mpcap.reports.model.CaptureLabels.labels(files);
        ParquetOutput.Origins origins = new ParquetOutput.Origins();
        Analyzer analyzer = CaptureArguments.analyzer(table, allStatistics);
        DataTable combined = null;
        for (int i = 0; i < files.size(); i++) {
            CaptureAnalysis a = CaptureArguments.analyze(analyzer, files.get(i), common, err);
            String label = org.mpcap.analyzer.capture.CaptureReader.STDIN.equals(files.get(i)) ? a.captureName()
                    : labels.get(i);
            DataTable t = label.equals(a.captureName()) ? a.table(table) : relabel(a.table(table), label);
            if (parquet) origins.put(label, a); // only Parquet needs the analyses kept
            combined = combined == null ? t.emptyCopy().addAll(t) : combined.addAll(t);
        }
        if (parquet) {
            DataTable all = combined;
            AtomicOutput.write(output, os -> ParquetTableWriter.write(all, origins::get, false, os));
            return ExitCodes.OK;
        }
        // Written as the rows are made, never held as one text: a table of a million connections is 150 MB of CSV.
        DataTable rows = combined;
        TableFormat text = textFormat;
        if (output != null) {
            AtomicOutput.writeText(output, w -> TableWriter.write(rows, text, w));
        } else {
            PrintWriter out = spec.commandLine().getOut();
            TableWriter.write(rows, text, out);
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** {@code t} with its capture column set to {@code label}. */
    private static DataTable relabel(DataTable t, String label) {
        int c = t.columnIndex("capture");
        if (c < 0) return t;
        DataTable copy = t.emptyCopy();
        for (Object[] r : t.rows()) {
            Object[] v = r.clone();
            v[c] = label;
            copy.add(v);
        }
        return copy;
    }
}
