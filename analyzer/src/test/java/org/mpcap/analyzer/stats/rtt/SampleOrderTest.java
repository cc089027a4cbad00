package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The order of the {@code rtt} table's rows: series rank, then time, then the order the samples came in. */
class SampleOrderTest {
    private static int[] reference(int[] rank, long[] time) {
        return IntStream.range(0, rank.length).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> rank[i]).thenComparingLong(i -> time[i])
                        .thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Samples as the store keeps them: series interleaved, each almost in time order, ties in time. */
    @Test
    void ordersNearlySortedSeriesLikeAFullSort() {
        SplittableRandom r = new SplittableRandom(7);
        int m = 20_000, ranks = 9;
        int[] rank = new int[m];
        long[] time = new long[m];
        for (int i = 0; i < m; i++) {
            rank[i] = r.nextInt(ranks);
            time[i] = i / 3 * 1000L + (r.nextInt(10) == 0 ? -r.nextInt(3000) : 0); // local swaps and equal times
        }
        assertThat(RttCollector.order(rank, ranks, time)).containsExactly(reference(rank, time));
    }

    /** A clock that keeps jumping back defeats the insertion sort: the merge sort takes over. */
    @Test
    void ordersShuffledTimesLikeAFullSort() {
        SplittableRandom r = new SplittableRandom(11);
        int m = 5_000, ranks = 3;
        int[] rank = new int[m];
        long[] time = new long[m];
        for (int i = 0; i < m; i++) {
            rank[i] = r.nextInt(ranks);
            time[i] = r.nextInt(200); // many equal times: ties must keep index order
        }
        assertThat(RttCollector.order(rank, ranks, time)).containsExactly(reference(rank, time));
    }
}
