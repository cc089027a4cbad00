package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.fixtures.Scenarios.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.fixtures.PcapWriter;
import org.mpcap.analyzer.fixtures.MptcpBytes;
import org.mpcap.analyzer.flow.TcpStreamInfo;
import org.mpcap.analyzer.mptcp.ConnectionState;
import org.mpcap.analyzer.mptcp.HmacStatus;
import org.mpcap.analyzer.mptcp.MptcpConnectionInfo;
import org.mpcap.analyzer.mptcp.SubflowEnd;
import org.mpcap.analyzer.mptcp.SubflowInfo;
import org.mpcap.analyzer.mptcp.SubflowRole;
import org.mpcap.analyzer.stats.MptcpOptionsCollector;
import org.mpcap.analyzer.table.DataTable;

/** Tracker behaviour on the edge-case fixtures ({@link org.mpcap.analyzer.fixtures.Scenarios}). */
class TrackingFixturesTest {
    static CaptureAnalysis analyze(String name) throws IOException {
        return new Analyzer(AnalysisOptions.DEFAULTS.withMptcpOptionRows(true))
                .analyze(Path.of("src/test/resources/fixtures", name + ".pcap"));
    }

    @Test
    void v0JoinUsesSha1TokensAndVerifiesHmacSha1() throws IOException {
        CaptureAnalysis a = analyze("v0-join");
        assertThat(a.connections()).hasSize(1);
        MptcpConnectionInfo c = a.connections().get(0);
        assertThat(c.version()).isZero();
        assertThat(c.state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(c.clientToken()).isEqualTo(MptcpBytes.token(V0_CLIENT_KEY, 0));
        assertThat(c.serverToken()).isEqualTo(MptcpBytes.token(V0_SERVER_KEY, 0));
        assertThat(c.clientIdsn()).isEqualTo(MptcpBytes.idsn(V0_CLIENT_KEY, 0));
        assertThat(c.serverIdsn()).isEqualTo(MptcpBytes.idsn(V0_SERVER_KEY, 0));
        assertThat(c.subflows()).hasSize(2);
        SubflowInfo join = c.subflows().get(1);
        assertThat(join.role()).isEqualTo(SubflowRole.JOIN);
        assertThat(join.tcpStream()).isEqualTo(1);
        assertThat(join.backup()).isTrue();
        assertThat(join.addressId()).isEqualTo(1);
        assertThat(join.joinHmac()).isEqualTo(HmacStatus.VALID);
        assertThat(join.end()).isEqualTo(SubflowEnd.FIN);
        assertThat(c.subflows().get(0).joinHmac()).isEqualTo(HmacStatus.NOT_APPLICABLE);
    }

    @Test
    void dataBytesComeFromDistinctDssMappings() throws IOException {
        MptcpConnectionInfo c = analyze("v0-join").connections().get(0);
        assertThat(c.dataFromMappings()).isTrue();
        assertThat(c.dataBytesC2s()).isEqualTo(100 + 300);
        assertThat(c.dataBytesS2c()).isEqualTo(200);
    }

    @Test
    void v1JoinHmacIsValidOrInvalid() throws IOException {
        MptcpConnectionInfo c = analyze("v1-join").connections().get(0);
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.clientToken()).isEqualTo(MptcpBytes.token(V1_CLIENT_KEY, 1));
        assertThat(c.serverToken()).isEqualTo(MptcpBytes.token(V1_SERVER_KEY, 1));
        assertThat(c.subflows()).extracting(SubflowInfo::joinHmac)
                .containsExactly(HmacStatus.NOT_APPLICABLE, HmacStatus.VALID, HmacStatus.INVALID);
    }

    @Test
    void subflowEndsAreFastcloseTcprstAndRst() throws IOException {
        MptcpConnectionInfo c = analyze("v1-join").connections().get(0);
        assertThat(c.subflows()).extracting(SubflowInfo::endLabel)
                .containsExactly("mp_fastclose", "mp_tcprst:lack_of_resources", "rst");
    }

    @Test
    void ipv6ConnectionIsTracked() throws IOException {
        MptcpConnectionInfo c = analyze("ipv6").connections().get(0);
        assertThat(c.client().address()).isEqualTo("2001:db8::1");
        assertThat(c.server().address()).isEqualTo("2001:db8:1::1");
        assertThat(c.state()).isEqualTo(ConnectionState.ESTABLISHED);
    }

    @Test
    void vlanTaggedConnectionIsTracked() throws IOException {
        CaptureAnalysis a = analyze("vlan");
        assertThat(a.connections()).hasSize(1);
        assertThat(a.connections().get(0).client().toString()).isEqualTo("192.168.7.1:40000");
        assertThat(a.connections().get(0).subflows().get(0).end()).isEqualTo(SubflowEnd.FIN);
    }

    @Test
    void midCaptureSubflowsAreGroupedByDsnAndAddressEvidence() throws IOException {
        CaptureAnalysis a = analyze("partial");
        assertThat(a.connections()).hasSize(2);
        MptcpConnectionInfo c = a.connections().get(0);
        assertThat(c.state()).isEqualTo(ConnectionState.PARTIAL);
        assertThat(c.subflows()).extracting(SubflowInfo::tcpStream).containsExactly(0, 1, 2);
        assertThat(c.subflows()).extracting(SubflowInfo::role).containsOnly(SubflowRole.UNKNOWN);
        assertThat(c.dataBytesC2s()).isEqualTo(3000);
        assertThat(a.connections().get(1).subflows()).extracting(SubflowInfo::tcpStream).containsExactly(3);
    }

    @Test
    void aPartialStreamWhoseDataAckIsFarFromTheConnectionIsNotGroupedByItsDsnAlone(@TempDir Path dir)
            throws IOException {
        // Two connections seen mid-stream; by chance the second one's data ACK lies 3 MiB from the first one's
        // DSNs (random 64-bit values do that among a million connections), but its own DSN is nowhere near the
        // first connection's data ACKs: a stream of its own. A third stream continues the second connection.
        var b = new org.mpcap.analyzer.fixtures.CaptureBuilder();
        long aDsn = 0x8458_4df1_6755_7616L, aAck = 0x4dea_a71b_5ac9_e0f2L;
        long bDsn = 0x3931_0e38_19f7_9c06L, bAck = aDsn + (3L << 20);
        var a1 = b.conv("10.0.0.1", 40000, "10.0.1.1", 443, 1000, 9000);
        a1.data(true, 100, MptcpBytes.dss(aAck, aDsn, a1.relSeq(true), 100, false));
        var b1 = b.conv("10.0.0.2", 40001, "10.0.1.1", 443, 2000, 8000);
        b1.data(true, 100, MptcpBytes.dss(bAck, bDsn, b1.relSeq(true), 100, false));
        var b2 = b.conv("10.0.0.2", 40002, "10.0.1.1", 8443, 3000, 7000);
        b2.data(true, 100, MptcpBytes.dss(bAck, bDsn + 100, b2.relSeq(true), 100, false));
        CaptureAnalysis an = new Analyzer().analyze(b.write(dir.resolve("near.pcap")));
        assertThat(an.connections()).hasSize(2);
        assertThat(an.connections().get(0).subflows()).extracting(SubflowInfo::tcpStream).containsExactly(0);
        assertThat(an.connections().get(1).subflows()).extracting(SubflowInfo::tcpStream).containsExactly(1, 2);
    }

    @Test
    void fullMeshCaptureWithoutHandshakesIsOneConnection(@TempDir Path dir) throws IOException {
        // The real fullmesh sample without its first 199 frames: all 9 subflow handshakes are lost.
        List<PcapWriter.Frame> frames = new ArrayList<>();
        int linkType = -1;
        try (CaptureReader r = CaptureReader.open(Path.of("../sample-pcaps/fullmesh/run-01.pcap"))) {
            RawPacket raw = new RawPacket();
            while (r.next(raw)) {
                linkType = raw.linkType();
                if (raw.frameNumber() < 200) continue;
                frames.add(new PcapWriter.Frame(raw.timestampNanos() / 1000, Arrays.copyOfRange(raw.data(),
                        raw.offset(), raw.offset() + raw.capturedLength())));
            }
        }
        Path cut = Files.write(dir.resolve("mid.pcap"), PcapWriter.write(frames, linkType));
        CaptureAnalysis a = new Analyzer().analyze(cut);
        assertThat(a.tcpStreams()).hasSize(9);
        assertThat(a.connections()).hasSize(1);
        assertThat(a.connections().get(0).state()).isEqualTo(ConnectionState.PARTIAL);
        assertThat(a.connections().get(0).subflows()).hasSize(9);
    }

    @Test
    void capableSynAnsweredWithoutMptcpIsFallback() throws IOException {
        CaptureAnalysis a = analyze("fallback");
        assertThat(a.connections()).extracting(MptcpConnectionInfo::state)
                .containsOnly(ConnectionState.FALLBACK);
        // Wireshark numbers the v0 connection (its SYN has a key) and never the v1 one: ours follows, v1 last.
        assertThat(a.connections().get(0).version()).isZero();
        assertThat(a.connections().get(0).subflows().get(0).tcpStream()).isEqualTo(1);
        assertThat(a.connections().get(1).subflows().get(0).tcpStream()).isZero();
        assertThat(a.connections().get(1).dataFromMappings()).isFalse();
        assertThat(a.connections().get(1).dataBytesS2c()).isEqualTo(1000);
    }

    @Test
    void capableSynWithoutAnswerIsUnanswered() throws IOException {
        CaptureAnalysis a = analyze("unanswered");
        assertThat(a.connections()).extracting(MptcpConnectionInfo::state).containsExactly(
                ConnectionState.UNANSWERED, ConnectionState.ESTABLISHED, ConnectionState.UNANSWERED);
        assertThat(a.connections()).extracting(c -> c.subflows().get(0).tcpStream()).containsExactly(1, 2, 0);
        TcpStreamInfo retransmitted = a.tcpStreams().get(0);
        assertThat(retransmitted.c2s().packets()).isEqualTo(3);
    }

    @Test
    void everyOptionOfASegmentGetsItsOwnRow() throws IOException {
        CaptureAnalysis a = analyze("multi-option");
        DataTable t = a.table(MptcpOptionsCollector.NAME);
        List<Object> frame6 = t.rows().stream().filter(r -> (Long) r[1] == 6L).map(r -> r[8]).toList();
        assertThat(frame6).containsExactly("DSS", "ADD_ADDR");
        assertThat(a.connections().get(0).subflows().get(0).backup()).as("MP_PRIO B=1").isTrue();
    }

    @Test
    void reusedFourTupleWithNewIsnIsANewStream() throws IOException {
        CaptureAnalysis a = analyze("reuse");
        assertThat(a.tcpStreams()).hasSize(3);
        assertThat(a.connections()).hasSize(2);
        assertThat(a.connections().get(0).clientToken()).isNotEqualTo(a.connections().get(1).clientToken());
        assertThat(a.connections().get(1).subflows().get(0).tcpStream()).isEqualTo(1);
        // Same ISN after FIN: Wireshark 4.0 keeps the stream, so do we.
        assertThat(a.tcpStreams().get(2).c2s().packets()).isEqualTo(8);
    }

    @Test
    void connectionsAndSubflowsTablesHaveTheContractColumns() throws IOException {
        CaptureAnalysis a = analyze("v1-join");
        assertThat(a.table("connections").columns()).extracting(DataTable.Column::name).containsExactly(
                "capture", "connection", "version", "state", "client_addr", "client_port", "server_addr",
                "server_port", "client_token", "server_token", "subflows", "start_time", "end_time",
                "data_bytes_c2s", "data_bytes_s2c", "mapped_bytes_c2s", "mapped_bytes_s2c", "data_from_dss");
        assertThat(a.table("subflows").columns()).extracting(DataTable.Column::name).containsExactly(
                "capture", "connection", "subflow", "tcp_stream", "role", "client_addr", "client_port",
                "server_addr", "server_port", "backup", "address_id", "syn_time", "established_time", "end_time",
                "packets", "payload_bytes_c2s", "payload_bytes_s2c", "join_hmac", "close");
        assertThat(a.table("mptcp-options").columns()).extracting(DataTable.Column::name).containsExactly(
                "capture", "frame", "time", "tcp_stream", "src_addr", "src_port", "dst_addr", "dst_port",
                "subtype", "detail");
        DataTable c = a.table("connections");
        assertThat(c.get(0, "client_token")).isEqualTo(
                String.format("0x%08x", MptcpBytes.token(V1_CLIENT_KEY, 1)));
        assertThat(c.get(0, "subflows")).isEqualTo(3L);
        assertThat(c.get(0, "capture")).isEqualTo("v1-join.pcap");
    }

    @Test
    void optionRowsAreOnlyBuiltWhenAsked() throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(Path.of("src/test/resources/fixtures/v1-join.pcap"));
        assertThat(a.tableNames()).contains("connections", "subflows").doesNotContain("mptcp-options");
        assertThat(new Analyzer().tableNames()).contains("mptcp-options");
    }
}
