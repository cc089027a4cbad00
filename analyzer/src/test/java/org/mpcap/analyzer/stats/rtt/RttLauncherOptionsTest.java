package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher keeps the RTT estimators' entry points out of RttCollector.onPacket's compiled code with a JIT
 * option that names them by pattern; a rename or a move would silently undo it, so this checks the pattern.
 */
class RttLauncherOptionsTest {
    private static final String PATTERN = "org.mpcap.analyzer.stats.rtt.*::on*";

    @Test
    void launcherPatternNamesTheEstimatorsEntryPoints() throws IOException {
        String launcher = Files.readString(Path.of("../mpcap"));
        assertThat(launcher).contains("-XX:CompileCommand=dontinline," + PATTERN);
        assertThat(RttCollector.class.getPackageName() + ".*").isEqualTo(PATTERN.substring(0, PATTERN.indexOf("::")));
        for (Class<?> c : List.of(AckRttEstimator.class, TimestampRttEstimator.class, HandshakeRttEstimator.class,
                DataRttEstimator.class)) {
            List<String> entry = Arrays.stream(c.getDeclaredMethods()).map(Method::getName)
                    .filter(n -> n.startsWith("on")).toList();
            assertThat(entry).as("per-packet entry points of %s", c.getSimpleName()).isNotEmpty();
        }
        // and nothing on the per-packet path outside the estimators matches: the collector itself is called
        // through the StatsCollector interface, never inlined anyway
        assertThat(Arrays.stream(RttSampleStore.class.getDeclaredMethods()).map(Method::getName))
                .noneMatch(n -> n.startsWith("on"));
    }
}
