package org.mpcap.analyzer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mpcap.analyzer.stats.StatsCollector;

/** Test bridge: {@link Analyzer}'s package-private entry with extra collectors, for tests in other packages. */
public final class AnalyzerTestAccess {
    private AnalyzerTestAccess() {}

    public static CaptureAnalysis analyze(Path capture, List<StatsCollector> extra) throws IOException {
        return new Analyzer().analyze(capture, extra);
    }
}
