package org.mpcap.analyzer.stats.rtt;

import org.mpcap.analyzer.decode.mptcp.MptcpOption;
import org.mpcap.analyzer.mptcp.MptcpTracker;
import org.mpcap.analyzer.stats.TrackingView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.stats.rtt.Frames.dss;
import static org.mpcap.analyzer.stats.rtt.Frames.dssAck;
import static org.mpcap.analyzer.stats.rtt.Frames.frame;
import static org.mpcap.analyzer.stats.rtt.Frames.ts;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.decode.mptcp.MptcpCrypto;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.table.DataTable;

/**
 * {@link RttCollector} on decoded frames, with the tracker's fields of {@link PacketContext} set by hand: tables,
 * columns, attribution to connection/subflow, and no allocation per packet.
 */
class RttCollectorTest {
    static final int SYN = TcpView.SYN, ACK = TcpView.ACK;
    static final long MS = 1_000_000L;

    final PacketDecoder decoder = new PacketDecoder();
    final RawPacket raw = new RawPacket();
    final PacketContext ctx = new PacketContext();
    final MptcpTracker tracker = new MptcpTracker();
    long frame;

    RttCollectorTest() {
        ctx.raw = raw;
        ctx.decoder = decoder;
    }

    void feed(RttCollector c, byte[] bytes, long t, int stream, boolean fromClient, int connection, int subflow) {
        // the frames hold the headers only, as a capture with a short snap length: on the wire they carried the
        // payload their IPv4 Total Length gives
        int wire = 14 + (((bytes[16] & 0xff) << 8) | (bytes[17] & 0xff));
        raw.set(bytes, 0, bytes.length, wire, 1_700_000_000_000_000_000L + t, 1, 0, ++frame, 0);
        ctx.status = decoder.decode(raw);
        assertThat(ctx.status).isEqualTo(DecodeStatus.TCP);
        ctx.relativeNanos = t;
        ctx.tcpStream = stream;
        ctx.fromClient = fromClient;
        ctx.connection = connection;
        ctx.subflow = subflow;
        // the data level as the MPTCP tracker publishes it (the indices above are the test's)
        tracker.onPacket(decoder.ip(), decoder.tcp(), decoder.mptcp(), stream, fromClient, t);
        ctx.dataDirection = tracker.lastDirection();
        ctx.hasDataAck = tracker.lastHasDataAck();
        ctx.dataAck = tracker.lastDataAck();
        ctx.hasMapping = tracker.lastHasMapping();
        ctx.mappingDsn = tracker.lastMappingDsn();
        ctx.mappingLength = tracker.lastMappingLength();
        ctx.hasIdsn = tracker.lastHasIdsn();
        ctx.idsn = tracker.lastIdsn();
        c.onPacket(ctx);
    }

    /** What the tracker publishes for a known subflow of the allocation test (8-byte DSS, no handshake). */
    void publish(boolean fromClient) {
        MptcpOption o = decoder.mptcp().get(0);
        ctx.dataDirection = fromClient ? 0 : 1;
        ctx.hasDataAck = o.hasDataAck();
        ctx.dataAck = o.dataAck();
        ctx.hasMapping = o.hasMapping();
        ctx.mappingDsn = o.dsn();
        ctx.mappingLength = o.dataLevelLength();
        ctx.hasIdsn = false;
    }

    static List<String> rows(DataTable t) {
        List<String> out = new ArrayList<>();
        for (Object[] r : t.rows()) {
            StringBuilder s = new StringBuilder();
            for (Object o : r) s.append(o == null ? "" : o instanceof Double d ? String.format(java.util.Locale.ROOT, "%.6f", d) : o).append(',');
            out.add(s.substring(0, s.length() - 1));
        }
        return out;
    }

    @Test
    void plainTcpStreamGivesAckTsAndInitialSamples() {
        RttCollector c = new RttCollector();
        feed(c, frame(true, 40000, 1000, 0, SYN, 0, ts(10, 0)), 0, 0, true, -1, -1);
        feed(c, frame(false, 40000, 5000, 1001, SYN | ACK, 0, ts(90, 10)), 10 * MS, 0, false, -1, -1);
        feed(c, frame(true, 40000, 1001, 5001, ACK, 0, ts(20, 90)), 12 * MS, 0, true, -1, -1);
        feed(c, frame(true, 40000, 1001, 5001, ACK, 1000, ts(20, 90)), 13 * MS, 0, true, -1, -1);
        feed(c, frame(false, 40000, 5001, 2001, ACK, 0, ts(95, 20)), 23_500_000L, 0, false, -1, -1);
        List<DataTable> tables = c.finish("x.pcap", TrackingView.empty());
        assertThat(tables).extracting(DataTable::name).containsExactly("rtt", "rtt-summary");
        DataTable rtt = tables.get(0);
        assertThat(rtt.columns()).extracting(DataTable.Column::name).containsExactly("capture", "connection",
                "subflow", "tcp_stream", "direction", "estimator", "time", "seq", "rtt_ms", "frame");
        assertThat(rows(rtt)).containsExactly(
                "x.pcap,,,0,c2s,ack,0.010000,0,10.000000,2",
                "x.pcap,,,0,c2s,ack,0.023500,1,10.500000,5",
                "x.pcap,,,0,c2s,ts,0.010000,0,10.000000,2",
                "x.pcap,,,0,c2s,ts,0.023500,1,10.500000,5",
                "x.pcap,,,0,c2s,initial,0.010000,0,10.000000,2",
                "x.pcap,,,0,s2c,ack,0.012000,0,2.000000,3",
                "x.pcap,,,0,s2c,ts,0.012000,0,2.000000,3",
                "x.pcap,,,0,s2c,initial,0.012000,0,2.000000,3");
        DataTable summary = tables.get(1);
        assertThat(summary.columns()).extracting(DataTable.Column::name).containsExactly("capture", "connection",
                "subflow", "tcp_stream", "direction", "estimator", "samples", "min_ms", "mean_ms", "median_ms",
                "p95_ms", "max_ms", "std_ms", "quantiles_exact");
        assertThat(rows(summary).get(0)).isEqualTo(
                "x.pcap,,,0,c2s,ack,2,10.000000,10.250000,10.250000,10.475000,10.500000,0.353553,true");
        assertThat(rows(summary).get(2)).isEqualTo(
                "x.pcap,,,0,c2s,initial,1,10.000000,10.000000,10.000000,10.000000,10.000000,,true");
    }

    @Test
    void mptcpSamplesCarryConnectionAndSubflowAndDataSamplesTheMappingsSubflow() {
        RttCollector c = new RttCollector();
        long cIdsn = 0x1111_0000_0000_0000L, sIdsn = 0x2222_0000_0000_0000L;
        // subflow 0 = stream 3, subflow 1 = stream 4 (handshakes not needed by ack/data)
        feed(c, frame(true, 40000, 101, 501, ACK, 1000, dss(sIdsn + 1, cIdsn + 1, 1, 1000)), MS, 3, true, 0, 0);
        feed(c, frame(true, 40001, 701, 901, ACK, 1000, dss(sIdsn + 1, cIdsn + 1001, 1, 1000)), 2 * MS, 4, true, 0, 1);
        feed(c, frame(false, 40001, 901, 1701, ACK, 0, dssAck(cIdsn + 2001)), 9 * MS, 4, false, 0, 1);
        List<DataTable> tables = c.finish("m.pcap", TrackingView.empty());
        List<String> rows = rows(tables.get(0));
        assertThat(rows).contains(
                "m.pcap,0,1,4,c2s,ack,0.009000,1,7.000000,3",
                "m.pcap,0,0,3,c2s,data,0.009000,1,8.000000,3",
                "m.pcap,0,1,4,c2s,data,0.009000,1001,7.000000,3");
        assertThat(rows).hasSize(3);
    }

    @Test
    void perPacketPathAllocatesNothingForKnownStreams() {
        RttCollector c = new RttCollector();
        int n = 64;
        byte[][] data = new byte[n][], acks = new byte[n][];
        long cIdsn = 0x1111_0000_0000_0000L;
        for (int i = 0; i < n; i++) {
            data[i] = frame(true, 40000, 1 + i * 1000, 1, ACK, 1000, ts(i, 7), dss(1, cIdsn + 1 + i * 1000L, 1 + i * 1000, 1000));
            acks[i] = frame(false, 40000, 1, 1 + (i + 1) * 1000, ACK, 0, ts(7, i), dssAck(cIdsn + 1 + (i + 1) * 1000L));
        }
        long t = 0;
        // warm-up: the same 128 frames again and again (sequence numbers repeat: retransmissions, old ACKs);
        // then a fresh collector state is not needed, the point is the steady-state path
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < n; i++) {
                feed(c, data[i], t += 10_000, 0, true, 0, 0);
                feed(c, acks[i], t += 10_000, 0, false, 0, 0);
            }
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int round = 0; round < 80; round++) { // 10 240 packets
            for (int i = 0; i < n; i++) {
                raw.set(data[i], 0, data[i].length, data[i].length, t += 10_000, 1, 0, ++frame, 0);
                ctx.status = decoder.decode(raw);
                ctx.relativeNanos = t;
                ctx.fromClient = true;
                publish(true);
                c.onPacket(ctx);
                raw.set(acks[i], 0, acks[i].length, acks[i].length, t += 10_000, 1, 0, ++frame, 0);
                ctx.status = decoder.decode(raw);
                ctx.relativeNanos = t;
                ctx.fromClient = false;
                publish(false);
                c.onPacket(ctx);
            }
        }
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).isLessThan(2048);
    }

    @Test
    void mpCapableKeysGiveRelativeDsnsAndItsDataLengthIsAMapping() {
        RttCollector c = new RttCollector();
        long ck = 0x0123_4567_89ab_cdefL, sk = 0x7edc_ba98_7654_3210L;
        long cIdsn = MptcpCrypto.idsn(ck, 1);
        feed(c, frame(true, 40000, 101, 501, ACK, 1000, Frames.mpCapableData(ck, sk, 1000)), MS, 0, true, 0, 0);
        feed(c, frame(true, 40000, 1101, 501, ACK, 500, dss(MptcpCrypto.idsn(sk, 1) + 1, cIdsn + 1001, 1001, 500)),
                2 * MS, 0, true, 0, 0);
        feed(c, frame(false, 40000, 501, 1601, ACK, 0, dssAck(cIdsn + 1501)), 5 * MS, 0, false, 0, 0);
        List<String> rows = rows(c.finish("k.pcap", TrackingView.empty()).get(0));
        assertThat(rows).contains("k.pcap,0,0,0,c2s,data,0.005000,1,4.000000,3",
                "k.pcap,0,0,0,c2s,data,0.005000,1001,3.000000,3");
    }

    @Test
    void streamsOfOneSegmentKeepNoEstimatorsAndTheSecondSegmentIsMeasuredAgainstTheFirst() {
        RttCollector c = new RttCollector();
        for (int stream = 0; stream < 100; stream++) {
            feed(c, frame(true, 40000 + stream, 1000, 0, SYN, 0, ts(10, 0)), stream * MS, stream, true, -1, -1);
        }
        assertThat(c.streamsWithEstimators()).isZero();
        feed(c, frame(false, 40007, 5000, 1001, SYN | ACK, 0, ts(90, 10)), 107 * MS, 7, false, -1, -1);
        assertThat(c.streamsWithEstimators()).isEqualTo(1);
        List<String> rows = rows(c.finish("s.pcap", TrackingView.empty()).get(0));
        assertThat(rows).containsExactly("s.pcap,,,7,c2s,ack,0.107000,0,100.000000,101",
                "s.pcap,,,7,c2s,ts,0.107000,0,100.000000,101", "s.pcap,,,7,c2s,initial,0.107000,0,100.000000,101");
    }
}
