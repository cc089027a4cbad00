package org.mpcap.reports.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;

/**
 * Analyses several captures at once on a fixed pool of {@code availableProcessors} threads ({@link Analyzer}
 * is safe to call concurrently) and returns the results in input order. The first capture that cannot be read
 * stops the run with an {@link InputException} naming the file.
 */
final class ParallelAnalysis {
    private ParallelAnalysis() {}

    static List<CaptureAnalysis> analyze(Analyzer analyzer, List<Path> captures, Progress progress) {
        long totalBytes = 0;
        List<Long> sizes = new ArrayList<>();
        for (Path p : captures) {
            long s;
            try {
                s = Files.size(p);
            } catch (IOException e) {
                s = 0;
            }
            sizes.add(s);
            totalBytes += s;
        }
        long[] sizeArray = new long[sizes.size()];
        for (int i = 0; i < sizeArray.length; i++) sizeArray[i] = sizes.get(i);
        progress.startFiles(String.format(java.util.Locale.ROOT, "analysing %d capture%s", captures.size(),
                captures.size() == 1 ? "" : "s"), sizeArray);
        int threads = Math.max(1, Math.min(captures.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mpcap-analyze");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CaptureAnalysis>> futures = new ArrayList<>();
            for (int i = 0; i < captures.size(); i++) {
                Path p = captures.get(i);
                int index = i;
                String name = p.getFileName().toString();
                futures.add(pool.submit(() -> {
                    CaptureAnalysis a = progress.enabled()
                            ? analyzer.analyze(p, bytes -> progress.file(index, name, bytes, false))
                            : analyzer.analyze(p);
                    progress.file(index, name, -1, true);
                    return a;
                }));
            }
            List<CaptureAnalysis> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    for (Future<?> f : futures) f.cancel(true);
                    throw failure(captures.get(i), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
    }

    private static RuntimeException failure(Path p, Throwable cause) {
        if (cause instanceof NoSuchFileException) return new InputException(p + ": no such file", cause);
        if (cause instanceof IOException io) return new InputException(p + ": " + CaptureArguments.message(p, io), cause);
        if (cause instanceof RuntimeException re) return re;
        if (cause instanceof Error err) throw err;
        return new IllegalStateException(cause);
    }
}
