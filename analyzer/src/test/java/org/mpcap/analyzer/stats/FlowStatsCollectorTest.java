package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.decode.TestPackets.ACK;
import static org.mpcap.analyzer.decode.TestPackets.SYN;
import static org.mpcap.analyzer.decode.TestPackets.cat;
import static org.mpcap.analyzer.decode.TestPackets.hex;
import static org.mpcap.analyzer.decode.TestPackets.ipv4;
import static org.mpcap.analyzer.decode.TestPackets.tcp;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.mpcap.analyzer.decode.mptcp.MptcpCrypto;
import org.mpcap.analyzer.mptcp.MptcpTracker;
import org.mpcap.analyzer.table.DataTable;

/**
 * The collector fed with real decoded packets (MPTCP v1 options built byte by byte, RFC 8684 §3.1, §3.3, §3.4.1)
 * and what the MPTCP tracker publishes of them (its 64-bit mappings and data ACKs, directions); the stream and
 * connection indices are set by hand.
 */
class FlowStatsCollectorTest {
    private static final int LINKTYPE_RAW = 101;
    private static final long CLIENT_KEY = 0x0102_0304_0506_0708L, SERVER_KEY = 0x1112_1314_1516_1718L;
    private static final long IDSN = MptcpCrypto.idsn(CLIENT_KEY, 1);

    private final PacketDecoder decoder = new PacketDecoder();
    private final PacketContext ctx = new PacketContext();
    private final FlowStatsCollector collector = new FlowStatsCollector(AnalysisOptions.DEFAULTS);
    private final MptcpTracker tracker = new MptcpTracker();

    private static byte[] u64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    /** DSS with an 8-byte data ACK (flags A|a) and/or an 8-byte mapping (M|m, F if dataFin), no checksum. */
    private static byte[] dss(Long dataAck, Long dsn, int ssn, int dll, boolean fin) {
        int flags = (dataAck != null ? 0x03 : 0) | (dsn != null ? 0x0c : 0) | (fin ? 0x10 : 0);
        int len = 4 + (dataAck != null ? 8 : 0) + (dsn != null ? 14 : 0);
        return cat(new byte[] {30, (byte) len, 0x20, (byte) flags}, dataAck != null ? u64(dataAck) : new byte[0],
                dsn != null ? cat(u64(dsn), u32(ssn), u16(dll)) : new byte[0]);
    }

    private void packet(boolean fromClient, long nanos, int flags, byte[] options, int payload) {
        byte[] seg = fromClient ? tcp(40000, 64000, 1, 1, flags, options, payload)
                : tcp(64000, 40000, 1, 1, flags, options, payload);
        byte[] ip = fromClient ? ipv4("10.0.1.6", "10.0.4.7", 6, seg) : ipv4("10.0.4.7", "10.0.1.6", 6, seg);
        RawPacket raw = new RawPacket().set(ip, 0, ip.length, ip.length, nanos, LINKTYPE_RAW, 0, 1, 0);
        feed(raw, fromClient, nanos);
    }

    private void feed(RawPacket raw, boolean fromClient, long nanos) {
        ctx.raw = raw;
        ctx.decoder = decoder;
        ctx.status = decoder.decode(raw);
        assertThat(ctx.status).isEqualTo(DecodeStatus.TCP);
        for (int i = 0; i < decoder.mptcp().count(); i++) {
            assertThat(decoder.mptcp().get(i).valid()).as(decoder.mptcp().get(i).describe()).isTrue();
        }
        ctx.relativeNanos = nanos;
        ctx.tcpStream = 0;
        ctx.connection = 0;
        ctx.subflow = 0;
        ctx.fromClient = fromClient;
        tracker.onPacket(decoder.ip(), decoder.tcp(), decoder.mptcp(), 0, fromClient, nanos);
        ctx.dataDirection = tracker.lastDirection();
        ctx.hasDsn = tracker.lastHasDsn();
        ctx.dsn = tracker.lastDsn();
        ctx.hasDataAck = tracker.lastHasDataAck();
        ctx.dataAck = tracker.lastDataAck();
        ctx.hasMapping = tracker.lastHasMapping();
        ctx.mappingDsn = tracker.lastMappingDsn();
        ctx.mappingLength = tracker.lastMappingLength();
        ctx.mappingDataFin = tracker.lastMappingDataFin();
        collector.onPacket(ctx);
    }

    private static final long MS = 1_000_000L;

    private List<DataTable> smallTransfer() {
        packet(true, 0, SYN, hex("1e 04 01 01"), 0);                                   // MP_CAPABLE SYN
        packet(false, MS, SYN | ACK, cat(hex("1e 0c 01 01"), u64(SERVER_KEY)), 0);     // SYN/ACK: server key
        packet(true, 2 * MS, ACK, cat(hex("1e 16 01 01"), u64(CLIENT_KEY), u64(SERVER_KEY), u16(100)), 100);
        packet(true, 3 * MS, ACK, dss(null, IDSN + 101, 101, 200, false), 200);
        packet(false, 4 * MS, ACK, dss(IDSN + 301, null, 0, 0, false), 0);
        packet(true, 5 * MS, ACK, dss(null, IDSN + 301, 0, 1, true), 0);               // DATA_FIN alone
        packet(false, 6 * MS, ACK, dss(IDSN + 302, null, 0, 0, false), 0);
        packet(false, 7 * MS, ACK, cat(hex("1e 10 30 02 0a 00 05 07"), u64(0x55)), 0); // ADD_ADDR 10.0.5.7
        return collector.finish("t.pcap", null);
    }

    private static DataTable table(List<DataTable> tables, String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void dataCarriedByTheMpCapableAckCountsFromIdsnPlusOne() {
        DataTable t = table(smallTransfer(), "transfers");
        assertThat(t.get(0, "data_bytes")).isEqualTo(300L);
        assertThat(t.get(0, "basis")).isEqualTo("data_ack");
        assertThat(t.get(0, "end_reason")).isEqualTo("data_fin_acked");
        assertThat(t.get(0, "end_time")).isEqualTo(0.006);
    }

    @Test
    void addAddrBecomesAnEvent() {
        DataTable ev = table(smallTransfer(), "events");
        int e = ev.columnIndex("event");
        Object[] add = ev.rows().stream().filter(r -> "add_addr".equals(r[e])).findFirst().orElseThrow();
        assertThat(add[ev.columnIndex("detail")]).isEqualTo("addr_id=2 10.0.5.7 from server");
        assertThat(add[ev.columnIndex("time")]).isEqualTo(0.007);
    }

    @Test
    void everyTableIsProducedWithItsContractName() {
        assertThat(smallTransfer()).extracting(DataTable::name).containsExactly("cumulative", "throughput",
                "transfers", "intervals", "reinjections", "subflow-share", "events");
    }

    @Test
    void captureWithoutMptcpGivesEveryTableEmpty() {
        List<DataTable> tables = new FlowStatsCollector(AnalysisOptions.DEFAULTS).finish("empty.pcap", null);
        assertThat(tables).hasSize(7).allSatisfy(t -> assertThat(t.rowCount()).isZero());
    }

    @Test
    void collectorDoesNotAllocatePerPacket() {
        smallTransfer();
        RawPacket[] data = new RawPacket[64];
        long dsn = IDSN + 302;
        for (int i = 0; i < data.length; i++) {
            byte[] seg = tcp(40000, 64000, 1, 1, ACK, dss(IDSN + 1, dsn + 1400L * i, 1, 1400, false), 1400);
            byte[] ip = ipv4("10.0.1.6", "10.0.4.7", 6, seg);
            data[i] = new RawPacket().set(ip, 0, ip.length, ip.length, 0, LINKTYPE_RAW, 0, 1, 0);
        }
        // warm up (JIT, arrays and bins sized), then measure the same kind of packets again
        for (int i = 0; i < 20_000; i++) feedQuiet(data[i & 63], 10 * MS);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) feedQuiet(data[i & 63], 10 * MS + i);
        assertThat(mx.getCurrentThreadAllocatedBytes() - before).isLessThan(4096);
    }

    private void feedQuiet(RawPacket raw, long nanos) {
        ctx.raw = raw;
        ctx.decoder = decoder;
        ctx.status = decoder.decode(raw);
        ctx.relativeNanos = nanos;
        ctx.tcpStream = 0;
        ctx.connection = 0;
        ctx.subflow = 0;
        ctx.fromClient = true;
        ctx.dataDirection = 0;
        ctx.hasMapping = true; // what the tracker publishes for these 8-byte DSS options
        ctx.mappingDsn = decoder.mptcp().get(0).dsn();
        ctx.mappingLength = 1400;
        ctx.mappingDataFin = false;
        ctx.hasDataAck = true;
        ctx.dataAck = decoder.mptcp().get(0).dataAck();
        collector.onPacket(ctx);
    }
}
