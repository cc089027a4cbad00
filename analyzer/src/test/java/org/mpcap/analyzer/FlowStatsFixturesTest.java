package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableKey;
import static org.mpcap.analyzer.fixtures.MptcpBytes.capableSynV1;
import static org.mpcap.analyzer.fixtures.MptcpBytes.dss;
import static org.mpcap.analyzer.fixtures.MptcpBytes.hmac;
import static org.mpcap.analyzer.fixtures.MptcpBytes.idsn;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSyn;
import static org.mpcap.analyzer.fixtures.MptcpBytes.joinSynAck;
import static org.mpcap.analyzer.fixtures.MptcpBytes.token;
import static org.mpcap.analyzer.fixtures.MptcpBytes.truncated;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.fixtures.CaptureBuilder;
import org.mpcap.analyzer.fixtures.MptcpBytes;
import org.mpcap.analyzer.fixtures.Scenarios;
import org.mpcap.analyzer.mptcp.ConnectionState;
import org.mpcap.analyzer.table.DataTable;

/** Flow tables through the whole pipeline (reader, decoder, trackers) on built captures. */
class FlowStatsFixturesTest {
    private static final long CK = Scenarios.V1_CLIENT_KEY, SK = Scenarios.V1_SERVER_KEY;
    private static final long C_IDSN = idsn(CK, 1), S_IDSN = idsn(SK, 1);

    @TempDir
    Path dir;

    private CaptureAnalysis analyze(CaptureBuilder b, String name) throws IOException {
        return new Analyzer().analyze(b.write(dir.resolve(name)));
    }

    private static List<Object[]> events(DataTable ev, String event) {
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : ev.rows()) if (event.equals(r[ev.columnIndex("event")])) out.add(r);
        return out;
    }

    /**
     * Initial subflow 10.0.0.1 → 10.0.1.1, a join from 10.0.0.2 and a join the server opens from 10.0.1.2 to the
     * client's 10.0.0.1; 1000 bytes on subflow 0 are sent again on subflow 1 two frames (2 ms) later; 500 more
     * bytes go on the server-opened subflow; DATA_FIN, acknowledged.
     */
    private CaptureBuilder reinjectionAndServerJoin() {
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv c = b.conv("10.0.0.1", 40000, "10.0.1.1", 5201, 1000, 9000);
        c.syn(capableSynV1()).synAck(capableKey(1, SK)).ack(true, capableAck(1, CK, SK));
        CaptureBuilder.Conv j = b.conv("10.0.0.2", 40001, "10.0.1.1", 5201, 2000, 8000);
        j.syn(joinSyn(false, 1, token(SK, 1), Scenarios.NONCE_C));
        j.synAck(joinSynAck(false, 0, truncated(hmac(SK, CK, Scenarios.NONCE_S, Scenarios.NONCE_C, 1)),
                Scenarios.NONCE_S));
        j.ack(true, joinAck(hmac(CK, SK, Scenarios.NONCE_C, Scenarios.NONCE_S, 1)));
        // opened by the server: A = server, B = client (RFC 8684 §3.2)
        CaptureBuilder.Conv r = b.conv("10.0.1.2", 50000, "10.0.0.1", 40005, 3000, 7000);
        r.syn(joinSyn(false, 2, token(CK, 1), Scenarios.NONCE_C2));
        r.synAck(joinSynAck(false, 0, truncated(hmac(CK, SK, Scenarios.NONCE_S2, Scenarios.NONCE_C2, 1)),
                Scenarios.NONCE_S2));
        r.ack(true, joinAck(hmac(SK, CK, Scenarios.NONCE_C2, Scenarios.NONCE_S2, 1)));
        c.data(true, 1000, dss(S_IDSN + 1, C_IDSN + 1, c.relSeq(true), 1000, false));
        c.ack(false, dss(C_IDSN + 1, null, 0, 0, false)); // not yet acknowledged at the data level
        j.data(true, 1000, dss(S_IDSN + 1, C_IDSN + 1, j.relSeq(true), 1000, false));
        j.ack(false, dss(C_IDSN + 1001, null, 0, 0, false));
        r.data(false, 500, dss(S_IDSN + 1, C_IDSN + 1001, r.relSeq(false), 500, false));
        r.ack(true, dss(C_IDSN + 1501, null, 0, 0, false));
        c.ack(true, dss(S_IDSN + 1, C_IDSN + 1501, 0, 1, true));                       // DATA_FIN
        c.ack(false, dss(C_IDSN + 1502, null, 0, 0, false));
        return b;
    }

    @Test
    void reinjectionThroughThePipelineHasItsSubflowsAndDelay() throws IOException {
        CaptureAnalysis a = analyze(reinjectionAndServerJoin(), "reinjection.pcap");
        DataTable re = a.table("reinjections");
        assertThat(re.rowCount()).isEqualTo(1);
        assertThat(re.get(0, "dsn_start")).isEqualTo(0L);
        assertThat(re.get(0, "dsn_end")).isEqualTo(1000L);
        assertThat(re.get(0, "first_subflow")).isEqualTo(0L);
        assertThat(re.get(0, "reinjected_subflow")).isEqualTo(1L);
        assertThat(re.get(0, "delay_ms")).isEqualTo(2.0);
        assertThat(re.get(0, "direction")).isEqualTo("c2s");
    }

    @Test
    void serverOpenedSubflowCarriesClientDataInTheConnectionsDirection() throws IOException {
        CaptureAnalysis a = analyze(reinjectionAndServerJoin(), "reinjection.pcap");
        assertThat(a.connections().get(0).subflows().get(2).reversed()).isTrue();
        DataTable t = a.table("transfers");
        assertThat(t.get(0, "direction")).isEqualTo("c2s");
        assertThat(t.get(0, "data_bytes")).isEqualTo(1500L);
        assertThat(t.get(0, "end_reason")).isEqualTo("data_fin_acked");
        assertThat(t.get(0, "payload_bytes")).isEqualTo(2500L);
        DataTable share = a.table("subflow-share");
        assertThat(share.rows()).extracting(r -> r[share.columnIndex("data_bytes")]).containsExactly(1000L, 0L, 500L);
        assertThat(share.get(2, "client_addr")).isEqualTo("10.0.0.1");
    }

    @Test
    void payloadIsWhatTheFrameCarriesWhenTheIpLengthClaimsMore() throws IOException {
        // fixtures/ip-beyond-frame.pcap frame 6: IPv4 Total Length 1368, 382-byte frame; tshark: tcp.len 300
        CaptureAnalysis a = analyze(Scenarios.all().get("ip-beyond-frame").get(), "ip-beyond-frame.pcap");
        assertThat(a.decoder().incompleteDatagrams()).isEqualTo(1);
        assertThat(a.connections().get(0).subflows().get(0).payloadC2s()).isEqualTo(100 + 300);
        assertThat(a.table("transfers").get(0, "payload_bytes")).isEqualTo(400L);
    }

    @Test
    void mpFailWithoutRstMakesTheConnectionFallBackToTcp() throws IOException {
        // fixtures/mp-fail.pcap: 1000 good bytes, a 500-byte mapping that fails, MP_FAIL (frame 7, no RST),
        // infinite mapping, 700 + 300 bytes of plain TCP (RFC 8684 §3.7)
        CaptureAnalysis a = analyze(Scenarios.all().get("mp-fail").get(), "mp-fail.pcap");
        assertThat(a.connections().get(0).state()).isEqualTo(ConnectionState.FALLBACK);
        DataTable ev = a.table("events");
        List<Object[]> fallback = events(ev, "fallback");
        assertThat(fallback).isNotEmpty();
        assertThat((String) fallback.get(0)[ev.columnIndex("detail")]).startsWith("MP_FAIL at dsn=");
        assertThat(fallback.get(0)[ev.columnIndex("time")]).isEqualTo(0.006); // frame 7
        DataTable t = a.table("transfers");
        assertThat(t.get(0, "basis")).isEqualTo("fallback");
        assertThat(t.get(0, "data_bytes")).isEqualTo(1000L + 700 + 300); // the failed 500 are not data
        DataTable share = a.table("subflow-share");
        assertThat(share.get(0, "data_bytes")).isEqualTo(2000L);
    }

    @Test
    void mpFailWithRstClosesOnlyItsSubflow() throws IOException {
        CaptureBuilder b = new CaptureBuilder();
        CaptureBuilder.Conv c = b.conv("10.0.0.1", 40000, "10.0.1.1", 5201, 1000, 9000);
        c.syn(capableSynV1()).synAck(capableKey(1, SK)).ack(true, capableAck(1, CK, SK));
        c.data(true, 1000, dss(S_IDSN + 1, C_IDSN + 1, c.relSeq(true), 1000, false));
        c.rst(false, MptcpBytes.mpFail(C_IDSN + 1));
        CaptureAnalysis a = analyze(b, "mp-fail-rst.pcap");
        assertThat(a.connections().get(0).state()).isEqualTo(ConnectionState.ESTABLISHED);
        assertThat(events(a.table("events"), "fallback")).isEmpty();
        assertThat((String) events(a.table("events"), "mp_fail").get(0)[a.table("events").columnIndex("detail")])
                .contains("with RST");
    }

    @Test
    void signalsOfTheV1JoinScenarioAreEvents() throws IOException {
        CaptureAnalysis a = analyze(Scenarios.all().get("v1-join").get(), "v1-join.pcap");
        DataTable ev = a.table("events");
        assertThat(events(ev, "subflow_established")).hasSize(3);
        assertThat(events(ev, "mp_tcprst")).hasSize(1);
        assertThat(events(ev, "mp_tcprst").get(0)[ev.columnIndex("detail")])
                .isEqualTo("reason=2 (lack of resources) from client");
        assertThat(events(ev, "mp_fastclose")).hasSize(1);
        assertThat(events(ev, "subflow_closed")).hasSize(3);
    }

    /**
     * Real kernel capture (realcaps/ev-any.pcap): a join from 10.2.0.1:34693 is refused by the client's RST, and
     * the kernel retries the same 4-tuple with the same ISN a second later (Wireshark keeps tcp.stream 1): both
     * attempts and both closes are events.
     */
    @Test
    void joinRefusedThenRetriedOnTheSame4TupleShowsBothAttempts() throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(Path.of("src/test/resources/realcaps/ev-any.pcap"));
        DataTable ev = a.table("events");
        List<String> subflow1 = new ArrayList<>();
        for (Object[] r : ev.rows()) {
            if (Long.valueOf(1).equals(r[ev.columnIndex("subflow")])) {
                subflow1.add(r[ev.columnIndex("time")] + " " + r[ev.columnIndex("event")]);
            }
        }
        assertThat(subflow1).containsExactly("0.054875 subflow_closed", "1.071767 subflow_retried",
                "1.096562 subflow_closed");
    }

    @Test
    void fallbackScenarioIsReportedAsFallback() throws IOException {
        CaptureAnalysis a = analyze(Scenarios.all().get("fallback").get(), "fallback.pcap");
        DataTable ev = a.table("events");
        assertThat(events(ev, "fallback")).isNotEmpty();
    }
}
