package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The helpers behind the flow statistics' generated tables: they must give what the boxed rows gave. */
class FlowColumnsTest {

    @Test
    void secondsTextPrintsWhatTheFormatterPrints() {
        long[] edges = {0, 1, 499, 500, 501, 999, 1000, 1_499, 1_500, 999_999_499, 999_999_500, 1_000_000_000,
                -1, -499, -500, -501, -1_500, -1_000_000_000, 7_199_999_999_500L, 86_400_000_000_000L,
                999_999_999_999_999_499L, 999_999_999_999_999_500L, Long.MAX_VALUE, Long.MIN_VALUE};
        SplittableRandom random = new SplittableRandom(16);
        long[] values = Arrays.copyOf(edges, edges.length + 300_000);
        for (int i = edges.length; i < values.length; i++) {
            // every magnitude from nanoseconds to centuries, both signs
            values[i] = random.nextLong() >> random.nextInt(64);
        }
        for (long nanos : values) {
            assertThat(FlowColumns.secondsText(nanos)).as("%d ns", nanos)
                    .isEqualTo(String.format(Locale.ROOT, "%.6f", FlowColumns.seconds(nanos)));
        }
    }

    @Test
    void sortedIndicesIsAStableSort() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 2, 15, 16, 17, 100, 5_000}) {
            int[] key = new int[n];
            for (int i = 0; i < n; i++) key[i] = random.nextInt(Math.max(1, n / 4)); // many ties
            Integer[] expected = new Integer[n];
            for (int i = 0; i < n; i++) expected[i] = i;
            Arrays.sort(expected, Comparator.comparingInt(i -> key[i])); // stable by contract
            int[] order = FlowColumns.sortedIndices(n, (a, b) -> Integer.compare(key[a], key[b]));
            assertThat(Arrays.stream(order).boxed().toArray(Integer[]::new)).as("n = %d", n).containsExactly(expected);
        }
    }

    @Test
    void groupsFindEveryRowsGroupInAnyOrderAndSkipEmptyGroups() {
        int[] start = {0, 3, 3, 4, 9, 9, 9}; // groups 1, 4 and 5 are empty; 6 holds rows 9 .. 11
        int end = 12;
        int[] expected = {0, 0, 0, 2, 3, 3, 3, 3, 3, 6, 6, 6};
        FlowColumns.Groups groups = new FlowColumns.Groups(start, start.length, end);
        for (int row = 0; row < end; row++) assertThat(groups.of(row)).as("row %d", row).isEqualTo(expected[row]);
        for (int row = end - 1; row >= 0; row--) assertThat(groups.of(row)).as("row %d", row).isEqualTo(expected[row]);
        for (int row : new int[] {5, 0, 11, 3, 9, 2, 4}) assertThat(groups.of(row)).isEqualTo(expected[row]);
    }
}
