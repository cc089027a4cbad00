package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinnedSeriesTest {
    private static final long MS = 1_000_000L;

    @Test
    void packetExactlyOnABinEdgeBelongsToTheLaterBin() {
        BinnedSeries b = new BinnedSeries(100 * MS);
        int s = b.newSeries();
        b.add(s, 100 * MS - 1, 10);
        b.add(s, 100 * MS, 20);
        assertThat(b.inBin(s, 0)).isEqualTo(10);
        assertThat(b.inBin(s, 1)).isEqualTo(20);
        assertThat(b.firstBin(s)).isZero();
        assertThat(b.lastBin(s)).isEqualTo(1);
    }

    @Test
    void seriesStartsAtItsFirstNonEmptyBin() {
        BinnedSeries b = new BinnedSeries(100 * MS);
        int s = b.newSeries();
        b.add(s, 1234 * MS, 5);
        b.add(s, 1500 * MS, 7);
        assertThat(b.firstBin(s)).isEqualTo(12);
        assertThat(b.lastBin(s)).isEqualTo(15);
        assertThat(b.inBin(s, 11)).isZero();
        assertThat(b.total(s)).isEqualTo(12);
    }

    @Test
    void negativeTimeCountsInTheFirstBin() {
        BinnedSeries b = new BinnedSeries(100 * MS);
        int s = b.newSeries();
        b.add(s, -5, 3);
        assertThat(b.inBin(s, 0)).isEqualTo(3);
    }

    @Test
    void outOfOrderTimeBeforeTheSeriesStartIsKept() {
        BinnedSeries b = new BinnedSeries(100 * MS);
        int s = b.newSeries();
        b.add(s, 500 * MS, 1);
        b.add(s, 250 * MS, 2);
        assertThat(b.firstBin(s)).isEqualTo(2);
        assertThat(b.inBin(s, 2)).isEqualTo(2);
        assertThat(b.inBin(s, 5)).isEqualTo(1);
        assertThat(b.total(s)).isEqualTo(3);
    }

    @Test
    void gridDoublesItsWidthInsteadOfExceedingTheBinCap() {
        BinnedSeries b = new BinnedSeries(10, 8);
        int s = b.newSeries(), u = b.newSeries();
        for (long t = 0; t < 80; t += 10) b.add(s, t, 1); // bins 0..7
        b.add(u, 35, 100);
        b.add(s, 80, 1); // bin 8 does not fit: fold to width 20
        assertThat(b.binWidthNanos()).isEqualTo(20);
        assertThat(b.inBin(s, 0)).isEqualTo(2);
        assertThat(b.inBin(s, 3)).isEqualTo(2);
        assertThat(b.inBin(s, 4)).isEqualTo(1);
        assertThat(b.total(s)).isEqualTo(9);
        assertThat(b.firstBin(u)).isEqualTo(1);
        assertThat(b.inBin(u, 1)).isEqualTo(100);
        b.add(s, 1000, 1); // far away: folds several times
        assertThat(b.lastBin()).isLessThan(8);
        long sum = 0;
        for (int i = b.firstBin(s); i <= b.lastBin(s); i++) sum += b.inBin(s, i);
        assertThat(sum).isEqualTo(10);
    }

    @Test
    void foldingKeepsASeriesStartingOnAnOddBin() {
        BinnedSeries b = new BinnedSeries(10, 8);
        int s = b.newSeries();
        b.add(s, 30, 1); // bin 3
        b.add(s, 50, 2); // bin 5
        b.add(s, 100, 4); // bin 10: fold → width 20: bins 1, 2, 5
        assertThat(b.firstBin(s)).isEqualTo(1);
        assertThat(b.inBin(s, 1)).isEqualTo(1);
        assertThat(b.inBin(s, 2)).isEqualTo(2);
        assertThat(b.inBin(s, 5)).isEqualTo(4);
        assertThat(b.lastBin(s)).isEqualTo(5);
    }

    @Test
    void windowIsRoundedToWholeBins() {
        BinnedSeries b = new BinnedSeries(100 * MS);
        assertThat(b.windowBins(1000 * MS)).isEqualTo(10);
        assertThat(b.windowBins(30 * MS)).isEqualTo(1);
        assertThat(b.windowBins(260 * MS)).isEqualTo(3);
    }
}
