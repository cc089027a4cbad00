package org.mpcap.analyzer.mptcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeSetTest {
    @Test
    void rangeAddedBeforeOthersIsInsertedInOrder() {
        RangeSet r = new RangeSet();
        r.add(1000, 100);
        r.add(2000, 100);
        r.add(3000, 100);
        r.add(1500, 100); // between the first two
        r.add(2500, 100); // between the last two
        assertThat(r.rangeCount()).isEqualTo(5);
        assertThat(r.total()).isEqualTo(500);
    }

    @Test
    void rangeBridgingSeveralRangesMergesThem() {
        RangeSet r = new RangeSet();
        for (int k = 0; k < 8; k++) r.add(1000 + 200L * k, 100);
        r.add(1250, 500); // covers the gaps and ranges from 1200 up to 1700
        assertThat(r.rangeCount()).isEqualTo(6);
        assertThat(r.total()).isEqualTo(8 * 100 + 50 + 100 + 100);
    }

    @Test
    void rangeInsideAnOlderRangeChangesNothing() {
        RangeSet r = new RangeSet();
        r.add(1000, 100);
        r.add(2000, 100);
        r.add(1010, 20);
        assertThat(r.rangeCount()).isEqualTo(2);
        assertThat(r.total()).isEqualTo(200);
    }

    @Test
    void rangeTouchingTheNextOneJoinsIt() {
        RangeSet r = new RangeSet();
        r.add(1000, 100);
        r.add(2000, 100);
        r.add(1900, 100); // ends where the second begins
        assertThat(r.rangeCount()).isEqualTo(2);
        assertThat(r.total()).isEqualTo(300);
    }
}
