package org.mpcap.reports.batch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.output.AtomicOutput;
import org.mpcap.reports.parquet.ParquetTableWriter;
import org.mpcap.reports.parquet.ParquetTableWriter.CaptureInfo;

/**
 * Analyses many captures into the partitioned Parquet layout of {@link BatchLayout}, {@code jobs} captures at a
 * time (each worker holds one capture's analysis, so memory is bounded by {@code jobs} × one capture's tables).
 *
 * <p>Resumable: a capture is done when its marker {@code OUT/_batch/done/S/R.properties} exists and records the
 * capture's current size and modification time; done captures are skipped. Each table file is written
 * atomically (temporary + rename) and the marker last, so an interrupted capture (Ctrl-C, kill, power loss) has
 * no marker and is analysed again on the next run, its files replaced. A capture that fails (unreadable,
 * damaged beyond use, out of memory) is recorded in {@code OUT/_batch/failed/S/R.txt} with a one-line reason and
 * the others go on; a later successful run removes that record. One batch at a time may write an OUT (a lock
 * file, {@code OUT/_batch/lock}). Names starting with {@code _} are ignored by Spark and Hive readers.
 */
public final class Batch {
    /** Folder of the batch's own bookkeeping inside OUT. */
    public static final String META = "_batch";

    /**
     * One capture of the batch.
     *
     * @param path     the capture file
     * @param scenario its scenario (partition {@code scenario=})
     * @param run      its run name, unique within the scenario (partition {@code run=})
     */
    public record Capture(Path path, String scenario, String run) {}

    /** A capture that could not be analysed, and why (one line naming the file). */
    public record Failure(Capture capture, String message) {}

    /** What a batch did. */
    public record Outcome(int analysed, int skipped, List<Failure> failures) {}

    /** Told about each capture as it finishes (called from worker threads, serialised by the caller). */
    public interface Listener {
        /** {@code failure} null: written; {@code warning}: e.g. damaged records skipped, or null. */
        void finished(Capture capture, String failure, String warning);
    }

    private final Path out;
    private final Analyzer analyzer;
    private final List<String> tables;
    private final int jobs;

    /**
     * @param tables names of the analyzer's tables to write (null: all it produces); {@code captures} always
     * @param jobs   captures analysed at once (≥ 1)
     */
    public Batch(Path out, Analyzer analyzer, List<String> tables, int jobs) {
        if (jobs < 1) throw new IllegalArgumentException("jobs must be >= 1");
        this.out = out;
        this.analyzer = analyzer;
        this.tables = tables == null ? null : List.copyOf(tables);
        this.jobs = jobs;
    }

    /** True if {@code c} was written by an earlier run and has not changed since. */
    public boolean isDone(Capture c) {
        Path marker = marker("done", c, ".properties");
        if (!Files.isRegularFile(marker)) return false;
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            p.load(r);
            return String.valueOf(Files.size(c.path())).equals(p.getProperty("bytes"))
                    && String.valueOf(Files.getLastModifiedTime(c.path()).toMillis()).equals(p.getProperty("modified"));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Runs the batch: skips done captures, analyses the others on {@code jobs} threads, and returns once all
     * have finished.
     *
     * @throws IOException if OUT cannot be created or another batch holds its lock
     */
    public Outcome run(List<Capture> captures, Listener listener) throws IOException {
        Path meta = out.resolve(META);
        Files.createDirectories(meta);
        try (FileChannel lockFile = FileChannel.open(meta.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) throw new IOException(out + ": another mpcap batch is writing this directory");
            List<Capture> todo = new ArrayList<>();
            int skipped = 0;
            for (Capture c : captures) {
                if (isDone(c)) skipped++;
                else todo.add(c);
            }
            List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger analysed = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, todo.size())), r -> {
                Thread t = new Thread(r, "mpcap-batch");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (Capture c : todo) {
                    futures.add(pool.submit(() -> {
                        String warning = null;
                        String failure;
                        try {
                            warning = process(c);
                            failure = null;
                            analysed.incrementAndGet();
                        } catch (OutOfMemoryError e) {
                            failure = c.path() + ": out of memory (give the JVM more with MPCAP_JAVA_OPTS=-Xmx..., "
                                    + "or run fewer --jobs)";
                        } catch (NoSuchFileException e) {
                            failure = c.path() + ": no such file";
                        } catch (IOException | RuntimeException e) {
                            String m = e.getMessage() == null ? e.toString() : e.getMessage();
                            failure = m.startsWith(c.path().toString()) ? m : c.path() + ": " + m;
                        }
                        if (failure != null) {
                            failures.add(new Failure(c, failure));
                            recordFailure(c, failure);
                        }
                        listener.finished(c, failure, warning);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            List<Failure> sorted = new ArrayList<>(failures);
            sorted.sort((a, b) -> a.capture().path().compareTo(b.capture().path()));
            return new Outcome(analysed.get(), skipped, sorted);
        }
    }

    /** Analyses and writes one capture; returns a warning or null. */
    private String process(Capture c) throws IOException {
        long bytes = Files.size(c.path());
        long modified = Files.getLastModifiedTime(c.path()).toMillis();
        CaptureAnalysis a = analyzer.analyze(c.path());
        if (a.packets() == 0 && a.damagedRecords() > 0) {
            throw new IOException(c.path() + ": no readable packet: " + a.damagedRecords()
                    + " damaged record(s) skipped (first at byte offset " + a.firstDamageOffset() + ")");
        }
        CaptureInfo info = new CaptureInfo(a.packets() > 0 ? a.firstTimestampNanos() : Long.MIN_VALUE,
                c.scenario(), c.run());
        for (DataTable t : BatchLayout.tables(a, tables)) {
            Path file = out.resolve(BatchLayout.partition(t.name(), c.scenario(), c.run())).resolve(BatchLayout.PART_FILE);
            AtomicOutput.write(file, os -> ParquetTableWriter.write(t, name -> info, false, os));
        }
        String marker = "capture=" + escape(c.path().toAbsolutePath().toString()) + "\nbytes=" + bytes
                + "\nmodified=" + modified + "\npackets=" + a.packets() + "\n";
        AtomicOutput.writeString(marker("done", c, ".properties"), marker);
        Files.deleteIfExists(marker("failed", c, ".txt"));
        return a.damagedRecords() > 0 ? c.path() + ": " + a.damagedRecords() + " damaged record(s) skipped (first "
                + "at byte offset " + a.firstDamageOffset() + ")" : null;
    }

    private void recordFailure(Capture c, String message) {
        try {
            AtomicOutput.writeString(marker("failed", c, ".txt"), message + "\n");
        } catch (IOException ignored) {
            // The failure is still reported to the listener and in the outcome.
        }
    }

    private Path marker(String kind, Capture c, String ext) {
        return out.resolve(META).resolve(kind).resolve(BatchLayout.escape(c.scenario()))
                .resolve(BatchLayout.escape(c.run()) + ext);
    }

    private static String escape(String s) { return s.replace("\\", "\\\\").replace("\n", "\\n"); }
}
