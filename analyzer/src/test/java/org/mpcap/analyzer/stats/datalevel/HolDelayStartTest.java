package org.mpcap.analyzer.stats.datalevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableKey;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableSynV1;
import static org.mpcap.analyzer.fixtures.MptcpBytes.dss;
import static org.mpcap.analyzer.fixtures.MptcpBytes.hmac;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSyn;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSynAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.token;
import static org.mpcap.analyzer.fixtures.MptcpBytes.truncated;
import static org.mpcap.analyzer.stats.datalevel.DataLevelFixtureTest.rows;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.CK;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.C_IDSN;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.SK;
import static org.mpcap.analyzer.stats.datalevel.GoodputCollectorTest.S_IDSN;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.fixtures.CaptureBuilder;
import org.mpcap.analyzer.fixtures.Scenarios;
import org.mpcap.analyzer.table.DataTable;

/**
 * Where the head-of-line sequence starts when the first data segment seen is not the first one (a later DSN
 * arrives before an earlier one): IDSN + 1 with the key, else the lowest DSN seen until the receiver's data ACK
 * passes it. Frames 1 ms apart; DSNs relative to the first data byte.
 */
class HolDelayStartTest {
    static final long X = 0x0123_4567_89ab_0000L; // the first data byte of a connection whose keys were not captured

    @TempDir
    Path dir;

    private static final String[] COLUMNS = {"direction", "segments", "in_order", "delayed", "max_ms",
            "waiting_at_end", "start"};

    private List<List<Object>> summary(CaptureBuilder b) throws IOException {
        DataTable t = new Analyzer().analyze(b.write(dir.resolve("hol.pcap"))).table(HolDelayCollector.SUMMARY);
        return rows(t, COLUMNS);
    }

    /** A v1 connection with both keys and a join (frames 1-6). */
    private static CaptureBuilder.Conv[] withKeys(CaptureBuilder b) {
        CaptureBuilder.Conv c = b.conv("10.0.0.1", 40000, "10.0.1.1", 5201, 1000, 9000);
        c.syn(capableSynV1()).synAck(capableKey(1, SK)).ack(true, capableAck(1, CK, SK));
        CaptureBuilder.Conv j = b.conv("10.0.0.2", 40001, "10.0.1.1", 5201, 2000, 8000);
        j.syn(joinSyn(false, 1, token(SK, 1), Scenarios.NONCE_C));
        j.synAck(joinSynAck(false, 0, truncated(hmac(SK, CK, Scenarios.NONCE_S, Scenarios.NONCE_C, 1)),
                Scenarios.NONCE_S));
        j.ack(true, joinAck(hmac(CK, SK, Scenarios.NONCE_C, Scenarios.NONCE_S, 1)));
        return new CaptureBuilder.Conv[] {c, j};
    }

    /** Two join subflows of a connection whose handshake was not captured: no keys (frames 1-6). */
    private static CaptureBuilder.Conv[] withoutKeys(CaptureBuilder b) {
        CaptureBuilder.Conv s0 = b.conv("10.0.0.1", 40000, "10.0.1.1", 5201, 1000, 9000);
        CaptureBuilder.Conv s1 = b.conv("10.0.0.2", 40001, "10.0.1.1", 5201, 2000, 8000);
        for (CaptureBuilder.Conv s : List.of(s0, s1)) {
            s.syn(joinSyn(false, 1, 0x5eed_0002L, 7)).synAck(joinSynAck(false, 0, 1, 8)).ack(true, joinAck(new byte[20]));
        }
        return new CaptureBuilder.Conv[] {s0, s1};
    }

    @Test
    void withTheKeyAFirstSegmentThatOvertookTheFirstDataByteWaitsForIt() throws IOException {
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv[] s = withKeys(b);
        long d = C_IDSN + 1, ack = S_IDSN + 1;
        s[1].data(true, 1000, dss(ack, d + 1000, s[1].relSeq(true), 1000, false)); // 7: 1000-2000, first seen
        s[0].data(true, 1000, dss(ack, d, s[0].relSeq(true), 1000, false));        // 8: 0-1000, releases it
        s[0].ack(false, dss(d + 2000, null, 0, 0, false));                          // 9
        assertThat(summary(b)).containsExactly(List.of("c2s", 2L, 1L, 1L, 1.0, 0L, "idsn"));
    }

    @Test
    void withoutTheKeyAnEarlierSegmentArrivingBeforeTheDataAckMovesTheStartBack() throws IOException {
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv[] s = withoutKeys(b);
        s[1].data(true, 1000, dss(null, X + 1000, s[1].relSeq(true), 1000, false)); // 7: 1000-2000, first seen
        s[0].data(true, 1000, dss(null, X, s[0].relSeq(true), 1000, false));        // 8: 0-1000: the start
        s[0].ack(false, dss(X + 2000, null, 0, 0, false));                           // 9: passes the start
        assertThat(summary(b)).containsExactly(List.of("c2s", 2L, 1L, 1L, 1.0, 0L, "data_ack"));
    }

    @Test
    void withoutTheKeyOrADataAckTheStartIsTheLowestDsnSeen() throws IOException {
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv[] s = withoutKeys(b);
        s[1].data(true, 1000, dss(null, X + 1000, s[1].relSeq(true), 1000, false)); // 7
        s[0].data(true, 1000, dss(null, X, s[0].relSeq(true), 1000, false));        // 8
        s[0].data(true, 1000, dss(null, X + 2000, s[0].relSeq(true), 1000, false)); // 9
        assertThat(summary(b)).containsExactly(List.of("c2s", 3L, 2L, 1L, 1.0, 0L, "lowest_seen"));
    }

    @Test
    void withoutTheKeyDataSentBeforeTheCaptureAndNotSeenDoesNotHoldUpWhatFollows() throws IOException {
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv[] s = withoutKeys(b);
        s[1].data(true, 1000, dss(null, X + 1000, s[1].relSeq(true), 1000, false)); // 7: 1000-2000, first seen
        s[0].data(true, 500, dss(null, X, s[0].relSeq(true), 500, false));          // 8: 0-500 again (a resend)
        s[0].ack(false, dss(X + 2000, null, 0, 0, false));                           // 9: 500-1000 had arrived
        assertThat(summary(b)).containsExactly(List.of("c2s", 2L, 1L, 1L, 2.0, 0L, "data_ack"));
    }

    @Test
    void withoutTheKeyADataAckSeenBeforeAnyDataMakesDataBelowItAResend() throws IOException {
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv[] s = withoutKeys(b);
        s[0].ack(false, dss(X + 1000, null, 0, 0, false));                          // 7: the receiver has 0-1000
        s[0].data(true, 500, dss(null, X, s[0].relSeq(true), 500, false));          // 8: 0-500 again
        s[1].data(true, 1000, dss(null, X + 1000, s[1].relSeq(true), 1000, false)); // 9: in order
        assertThat(summary(b)).containsExactly(List.of("c2s", 1L, 1L, 0L, 0.0, 0L, "data_ack"));
    }

    // ---- the receiver alone (DSNs and nanoseconds)

    @Test
    void dataBelowTheStartAfterTheDataAckPassedItIsAResendAndNotCounted() {
        HolDelayCollector.Receiver r = new HolDelayCollector.Receiver();
        r.onSegment(1000, 1000, 0);
        r.onDataAck(2000, 1); // the receiver had all data below 2000: the start is settled at 1000
        assertThat(r.start()).isEqualTo(HolDelayCollector.DATA_ACK);
        r.onSegment(0, 1000, 2);
        assertThat(r.segments).isEqualTo(1);
        assertThat(r.zeros).isEqualTo(1);
    }

    @Test
    void aDataAckSeenBeforeTheFirstSegmentMakesDataBelowItAResend() {
        HolDelayCollector.Receiver r = new HolDelayCollector.Receiver();
        r.onDataAck(1000, 0);
        r.onSegment(500, 500, 1); // below the data ACK: the receiver had it
        r.onSegment(2000, 1000, 2); // waits for 1000-2000
        r.onSegment(1000, 1000, 5);
        assertThat(r.start()).isEqualTo(HolDelayCollector.DATA_ACK);
        assertThat(r.segments).isEqualTo(2);
        assertThat(r.maxNanos).isEqualTo(3);
    }

    @Test
    void onceTheStartIsSettledDataAcksAreNotUsed() {
        HolDelayCollector.Receiver r = new HolDelayCollector.Receiver();
        r.settle(0, HolDelayCollector.IDSN);
        r.onSegment(1000, 1000, 1); // waits for 0-1000
        r.onDataAck(2000, 10);
        r.onSegment(0, 1000, 5); // later in the file, captured at 5 (frames not in time order): brings 0-1000 first
        assertThat(r.segments).isEqualTo(2);
        assertThat(r.maxNanos).isEqualTo(4);
    }

    @Test
    void theSegmentsKeptWhileTheStartIsOpenFollowARebase() {
        long guessed = 0x1000_0000L, delta = 7L << 32;
        HolDelayCollector.Receiver r = new HolDelayCollector.Receiver();
        r.onSegment(guessed + 1000, 1000, 0);
        r.rebase(delta); // the tracker learnt the upper 32 bits
        r.onSegment(guessed + delta, 1000, 5);
        r.onDataAck(guessed + delta + 2000, 6);
        assertThat(r.start()).isEqualTo(HolDelayCollector.DATA_ACK);
        assertThat(r.segments).isEqualTo(2);
        assertThat(r.maxNanos).isEqualTo(5);
        assertThat(r.waiting()).isZero();
    }

    @Test
    void aStartStillOpenAfterPendingCapSegmentsIsTheLowestSeenThen() {
        HolDelayCollector.Receiver r = new HolDelayCollector.Receiver();
        int n = HolDelayCollector.PENDING_CAP;
        for (int i = 0; i < n; i++) r.onSegment(10L * (n - i), 10, i); // descending: each waits for the next
        assertThat(r.start()).isEqualTo(HolDelayCollector.LOWEST_SEEN);
        assertThat(r.segments).isEqualTo(n);
        assertThat(r.maxNanos).isEqualTo(n - 1);
        r.onSegment(0, 10, n); // below the start: not judged
        assertThat(r.segments).isEqualTo(n);
    }

    @Test
    void aKeyLearntLaterJudgesTheKeptSegmentsFromIdsn() {
        HolDelayCollector.Receiver r = new HolDelayCollector.Receiver();
        r.onSegment(1100, 100, 0);
        r.settle(1000, HolDelayCollector.IDSN);
        assertThat(r.waiting()).isEqualTo(1);
        r.onSegment(1000, 100, 7);
        assertThat(r.segments).isEqualTo(2);
        assertThat(r.maxNanos).isEqualTo(7);
    }

    @Test
    void aSettledReceiverAllocatesNothingPerSegmentOrDataAck() {
        HolDelayCollector.Receiver r = new HolDelayCollector.Receiver();
        r.onSegment(0, 100, 0);
        r.onDataAck(100, 1); // settles from the kept segment
        long[] t = {2};
        long[] dsn = {100};
        Runnable pairs = () -> { // every other pair swapped: the later one waits for the earlier
            for (int i = 0; i < 1000; i++) {
                r.onSegment(dsn[0] + 100, 100, t[0]++);
                r.onDataAck(dsn[0], t[0]);
                r.onSegment(dsn[0], 100, t[0]++);
                dsn[0] += 200;
            }
        };
        for (int k = 0; k < 5; k++) pairs.run(); // the delays past the exact cap go to the histogram
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int k = 0; k < 5; k++) pairs.run(); // 10 000 segments, 5000 data ACKs
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertThat(r.segments).isEqualTo(20_001);
        assertThat(allocated).isLessThan(1024);
    }
}
