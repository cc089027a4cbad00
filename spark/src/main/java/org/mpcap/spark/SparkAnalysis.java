package org.mpcap.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.commons.math3.distribution.TDistribution;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.RunMetrics;
import org.mpcap.analyzer.stats.runs.RunAggregate;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.batch.BatchLayout;
import org.mpcap.reports.cli.Aggregation;
import org.mpcap.reports.model.CaptureLabels;
import org.mpcap.reports.parquet.ParquetTableWriter;
import org.mpcap.reports.parquet.ParquetTableWriter.CaptureInfo;

/**
 * mpcap on Apache Spark: a list or glob of captures (any Hadoop filesystem) → one Spark task per capture file
 * running the unchanged {@link Analyzer} → the tables of {@code mpcap batch}, written by the executors in the same
 * layout ({@code OUT/TABLE/scenario=S/run=R/part-0.parquet}) with the same writer; then, on the driver,
 * {@code OUT/runs} (per-run metrics, as {@code mpcap compare}), {@code OUT/aggregate} computed with Spark SQL
 * (mean, both standard deviations, SEM, 95 % t interval, min/median/max, in the same floating-point order as
 * {@link RunAggregate}, so the values are bit for bit those of {@code compare}) and {@code OUT/comparison}
 * (Welch, Mann-Whitney) through {@link RunAggregate} on the collected per-run values.
 *
 * <p>Arguments: {@code [--master URL] [--estimator NAME] -o OUT [NAME=]PATH|GLOB...}. A PATH that is a directory
 * is searched recursively; files are captures when they start with a pcap/pcapng/gzip magic. The scenario is NAME,
 * else the name of the capture's directory; runs are numbered per scenario in path order, as {@code compare}.
 * A capture is analysed where its task runs; a capture on a non-local filesystem is first copied to the
 * executor's local temporary directory (one file at a time per task).
 */
public final class SparkAnalysis {
    /** One capture to analyse (shipped to an executor). */
    public record Input(String uri, String scenario, String run, long runNumber, String label)
            implements Serializable {}

    /** What a task sends back: the run's metrics (one row of {@code runs}) or a one-line failure. */
    public record TaskResult(Input input, String failure, LinkedHashMap<String, Object> metrics)
            implements Serializable {}

    /** The job's result. */
    public record Outcome(List<TaskResult> results, DataTable runs, DataTable aggregate, DataTable comparison) {
        public List<TaskResult> failures() {
            List<TaskResult> f = new ArrayList<>();
            for (TaskResult r : results) if (r.failure() != null) f.add(r);
            return f;
        }
    }

    private SparkAnalysis() {}

    public static void main(String[] args) throws Exception {
        String master = null, out = null, estimator = "ack";
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--master" -> master = args[++i];
                case "--estimator" -> estimator = args[++i];
                case "-o", "--output" -> out = args[++i];
                case "-h", "--help" -> {
                    System.out.println("usage: SparkAnalysis [--master URL] [--estimator ack|ts|initial|data] -o OUT "
                            + "[NAME=]PATH|GLOB...");
                    return;
                }
                default -> inputs.add(args[i]);
            }
        }
        if (out == null || inputs.isEmpty()) {
            System.err.println("mpcap-spark: need -o OUT and at least one capture path or glob (see --help)");
            System.exit(2);
        }
        SparkSession.Builder b = SparkSession.builder().appName("mpcap");
        if (master != null) b.master(master);
        SparkSession spark = b.getOrCreate();
        int code;
        try {
            Outcome o = run(spark, inputs, out, estimator);
            for (TaskResult f : o.failures()) System.err.println("mpcap-spark: " + f.failure());
            System.out.printf(Locale.ROOT, "wrote %s: %d captures, %d failed%n", out, o.results().size(),
                    o.failures().size());
            code = o.failures().isEmpty() ? 0 : 3;
        } finally {
            spark.stop();
        }
        System.exit(code);
    }

    /** Runs the job: analyses every capture (one task each), writes the tables, returns the run statistics. */
    public static Outcome run(SparkSession spark, List<String> inputs, String out, String estimator)
            throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<Input> captures = expand(inputs, conf);
        if (captures.isEmpty()) throw new IOException("no capture found in " + inputs);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // The driver's Hadoop settings (spark.hadoop.*, e.g. S3A credentials) for the executors' filesystems.
        java.util.HashMap<String, String> settings = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : conf) settings.put(e.getKey(), e.getValue());
        List<TaskResult> results = jsc.parallelize(captures, captures.size())
                .map(in -> analyse(in, out, estimator, settings)).collect();

        List<Map<String, Object>> rows = new ArrayList<>();
        for (TaskResult r : results) if (r.metrics() != null) rows.add(r.metrics());
        DataTable runs = RunMetrics.table(rows, estimator);
        DataTable aggregate = aggregate(spark, runs);
        DataTable comparison = Aggregation.of(runs).comparison();
        for (DataTable t : List.of(runs, aggregate, comparison)) {
            write(t, null, new Path(new Path(out, t.name()), BatchLayout.PART_FILE), conf);
        }
        return new Outcome(results, runs, aggregate, comparison);
    }

    /** The captures named by the inputs, in order: scenario order of first appearance, paths sorted within. */
    static List<Input> expand(List<String> inputs, Configuration conf) throws IOException {
        Map<String, List<Path>> byScenario = new LinkedHashMap<>();
        for (String in : inputs) {
            int eq = in.indexOf('=');
            String name = eq > 0 && in.substring(0, eq).matches("[A-Za-z0-9_.+-]+") ? in.substring(0, eq) : null;
            Path pattern = new Path(name == null ? in : in.substring(eq + 1));
            FileSystem fs = pattern.getFileSystem(conf);
            FileStatus[] matched = fs.globStatus(pattern);
            if (matched == null || matched.length == 0) throw new IOException(pattern + ": no such file or directory");
            List<Path> files = new ArrayList<>();
            for (FileStatus st : matched) {
                if (st.isDirectory()) {
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(st.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus f = it.next();
                        if (f.isFile() && !hidden(f.getPath()) && isCapture(fs, f.getPath())) files.add(f.getPath());
                    }
                } else if (isCapture(fs, st.getPath())) {
                    files.add(st.getPath());
                }
            }
            files.sort(Comparator.comparing(Path::toString));
            for (Path f : files) {
                String scenario = name != null ? name : f.getParent() == null ? "default" : f.getParent().getName();
                byScenario.computeIfAbsent(scenario, k -> new ArrayList<>()).add(f);
            }
        }
        List<java.nio.file.Path> all = new ArrayList<>();
        for (List<Path> ps : byScenario.values()) for (Path p : ps) all.add(java.nio.file.Path.of(p.toUri().getPath()));
        List<String> labels = CaptureLabels.labels(all);
        List<Input> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Path>> e : byScenario.entrySet()) {
            long n = 0;
            java.util.Set<String> runs = new java.util.HashSet<>();
            for (Path p : e.getValue()) {
                String run = BatchLayout.runName(java.nio.file.Path.of(p.getName()));
                if (!runs.add(run)) {
                    throw new IOException("two captures are scenario=" + e.getKey() + " run=" + run + " (" + p
                            + "); give their directories names with NAME=PATH");
                }
                out.add(new Input(p.toString(), e.getKey(), run, ++n, labels.get(i++)));
            }
        }
        return out;
    }

    private static boolean hidden(Path p) {
        return p.getName().startsWith(".") || p.getName().startsWith("_");
    }

    /** True if the file starts with a pcap or pcapng magic, directly or inside gzip. */
    static boolean isCapture(FileSystem fs, Path p) {
        try (InputStream in = fs.open(p)) {
            byte[] head = in.readNBytes(4);
            if (head.length == 4 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(fs.open(p))) {
                    return isMagic(gz.readNBytes(4));
                }
            }
            return isMagic(head);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isMagic(byte[] b) {
        if (b.length < 4) return false;
        int big = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        int little = Integer.reverseBytes(big);
        return big == 0xa1b2c3d4 || little == 0xa1b2c3d4 || big == 0xa1b23c4d || little == 0xa1b23c4d
                || big == 0x0a0d0d0a;
    }

    /** The task: one capture, analysed by the unchanged Analyzer, its tables written to OUT. */
    static TaskResult analyse(Input in, String out, String estimator, Map<String, String> settings) {
        Configuration conf = new Configuration(false);
        settings.forEach(conf::set);
        java.nio.file.Path tempDir = null;
        try {
            Path src = new Path(in.uri());
            FileSystem fs = src.getFileSystem(conf);
            java.nio.file.Path local;
            if ("file".equals(fs.getScheme())) {
                local = java.nio.file.Path.of(src.toUri().getPath());
            } else {
                tempDir = Files.createTempDirectory("mpcap-");
                local = tempDir.resolve(src.getName());
                try (InputStream is = fs.open(src)) {
                    Files.copy(is, local, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            CaptureAnalysis a = new Analyzer(AnalysisOptions.DEFAULTS).analyze(local);
            if (a.packets() == 0 && a.damagedRecords() > 0) {
                return new TaskResult(in, in.uri() + ": no readable packet: " + a.damagedRecords()
                        + " damaged record(s) skipped (first at byte offset " + a.firstDamageOffset() + ")", null);
            }
            CaptureInfo info = new CaptureInfo(a.packets() > 0 ? a.firstTimestampNanos() : Long.MIN_VALUE,
                    in.scenario(), in.run());
            for (DataTable t : BatchLayout.tables(a, null)) {
                write(t, info, new Path(new Path(out, BatchLayout.partition(t.name(), in.scenario(), in.run())),
                        BatchLayout.PART_FILE), conf);
            }
            return new TaskResult(in, null, RunMetrics.metrics(new RunMetrics.Run(in.scenario(), (int) in.runNumber(),
                    in.label(), a), estimator));
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            return new TaskResult(in, m.contains(in.uri()) || m.contains(new Path(in.uri()).toUri().getPath()) ? m
                    : in.uri() + ": " + m, null);
        } finally {
            if (tempDir != null) {
                try (var s = Files.walk(tempDir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary copy left behind is removed with the executor's temporary directory
                }
            }
        }
    }

    /** Writes one table through the Hadoop filesystem API: a hidden temporary next to it, then a rename. */
    static void write(DataTable t, CaptureInfo info, Path target, Configuration conf) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        fs.mkdirs(target.getParent());
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream os = new BufferedOutputStream(fs.create(tmp, true), 1 << 16)) {
            ParquetTableWriter.write(t, info == null ? null : name -> info, false, os);
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException(target + ": cannot rename the written file into place");
        }
    }

    /**
     * Table {@code aggregate} with Spark SQL over the per-run values: for each scenario and metric, the values in
     * run order (array_sort on the run's position), summed left to right as {@link RunAggregate} does (mean
     * with the second-pass correction, corrected two-pass variances), the median of the sorted values, the t
     * quantile through the same TDistribution.
     */
    static DataTable aggregate(SparkSession spark, DataTable runs) {
        List<String> metrics = RunMetrics.metricColumns(runs);
        int group = runs.columnIndex("group");
        List<Row> values = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int r = 0; r < runs.rowCount(); r++) {
            Object[] row = runs.rows().get(r);
            String g = (String) row[group];
            if (!groups.contains(g)) groups.add(g);
            for (int m = 0; m < metrics.size(); m++) {
                Object v = row[runs.columnIndex(metrics.get(m))];
                Double d = v instanceof Number n ? n.doubleValue() : null;
                if (d != null && Double.isNaN(d)) d = null;
                values.add(RowFactory.create(r, groups.indexOf(g), g, m, metrics.get(m), d));
            }
        }
        StructType schema = new StructType().add("ord", DataTypes.IntegerType).add("gord", DataTypes.IntegerType)
                .add("grp", DataTypes.StringType).add("midx", DataTypes.IntegerType)
                .add("metric", DataTypes.StringType).add("value", DataTypes.DoubleType);
        Dataset<Row> df = spark.createDataFrame(values, schema);
        df.createOrReplaceTempView("mpcap_run_values");
        // Spark may evaluate the UDF for any row (also where the interval is null: n < 2), so it is total.
        spark.udf().register("mpcap_t975", (UDF1<Integer, Double>) df1 -> df1 == null || df1 < 1 ? null
                : new TDistribution(null, df1).inverseCumulativeProbability(0.975), DataTypes.DoubleType);
        List<Row> rows = spark.sql(AGGREGATE_SQL).collectAsList();
        DataTable t = new DataTable(RunAggregate.AGGREGATE_TABLE, "Statistics per group", RunAggregate.AGGREGATE_COLUMNS);
        for (Row r : rows) {
            t.add(r.getString(0), r.getString(1), r.getLong(2), d(r, 3), d(r, 4), d(r, 5), d(r, 6), d(r, 7), d(r, 8),
                    d(r, 9), d(r, 10), d(r, 11));
        }
        return t;
    }

    private static Double d(Row r, int i) { return r.isNullAt(i) ? null : r.getDouble(i); }

    static final String AGGREGATE_SQL = """
            WITH per AS (
              SELECT gord, grp, midx, metric,
                     transform(array_sort(collect_list(CASE WHEN value IS NOT NULL THEN struct(ord, value) END)),
                               x -> x.value) AS v
              FROM mpcap_run_values GROUP BY gord, grp, midx, metric),
            s AS (SELECT *, size(v) AS n, aggregate(v, 0D, (acc, x) -> acc + x) / size(v) AS xbar FROM per),
            m AS (SELECT *, xbar + aggregate(v, 0D, (acc, x) -> acc + (x - xbar)) / n AS mean FROM s),
            d AS (SELECT *, aggregate(v, 0D, (acc, x) -> acc + (x - mean) * (x - mean)) AS accum,
                            aggregate(v, 0D, (acc, x) -> acc + (x - mean)) AS accum2,
                            array_sort(v) AS sorted FROM m),
            st AS (SELECT *,
                     CASE WHEN n >= 2 THEN sqrt((accum - (accum2 * accum2 / CAST(n AS DOUBLE))) / (CAST(n AS DOUBLE) - 1.0)) END
                       AS std_sample,
                     CASE WHEN n = 1 THEN 0D WHEN n >= 2
                       THEN sqrt((accum - (accum2 * accum2 / CAST(n AS DOUBLE))) / CAST(n AS DOUBLE)) END AS std_population
                   FROM d)
            SELECT grp, metric, CAST(n AS BIGINT),
                   CASE WHEN n > 0 THEN mean END,
                   std_sample, std_population,
                   std_sample / sqrt(CAST(n AS DOUBLE)) AS sem,
                   mean - mpcap_t975(n - 1) * (std_sample / sqrt(CAST(n AS DOUBLE))),
                   mean + mpcap_t975(n - 1) * (std_sample / sqrt(CAST(n AS DOUBLE))),
                   CASE WHEN n > 0 THEN sorted[0] END,
                   CASE WHEN n = 0 THEN NULL WHEN n % 2 = 1 THEN sorted[CAST(n / 2 AS INT)]
                        ELSE (sorted[CAST(n / 2 AS INT) - 1] + sorted[CAST(n / 2 AS INT)]) / 2 END,
                   CASE WHEN n > 0 THEN sorted[n - 1] END
            FROM st ORDER BY gord, midx
            """;
}
