package org.mpcap.analyzer.mptcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.fixtures.Scenarios;

/**
 * RFC 8684 §3.1: the ACK of the MP_CAPABLE handshake echoes both keys. fixtures/echoed-key.pcap echoes a server
 * key other than its SYN/ACK's; tshark 4.0.17 flags it ({@code fixtures/echoed-key.expert.tsv}), so must mpcap.
 */
class EchoedKeyMismatchTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void connectionsFlaggedAreThoseTsharkFlags() throws IOException {
        List<Integer> tshark = new ArrayList<>();
        for (String line : Files.readAllLines(FIXTURES.resolve("echoed-key.expert.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith("frame")) continue;
            tshark.add(Integer.parseInt(line.split("\t")[1]));
        }
        CaptureAnalysis a = new Analyzer().analyze(FIXTURES.resolve("echoed-key.pcap"));
        List<Integer> mpcap = new ArrayList<>();
        for (MptcpConnectionInfo c : a.connections()) if (c.echoedKeyMismatch()) mpcap.add(c.connection());
        assertThat(tshark).isNotEmpty();
        assertThat(mpcap).isEqualTo(tshark);
        // the SYN/ACK's key stays the server's key (tshark: mptcp.expected_idsn of the SYN/ACK)
        assertThat(a.connections().get(0).serverKey()).isEqualTo(Scenarios.V0_SERVER_KEY);
        assertThat(a.echoedKeyMismatchWarning()).isEqualTo("the ACK of the MPTCP handshake echoes a key that does "
                + "not match the key of the SYN/ACK on connection 0 (RFC 8684 §3.1); the SYN/ACK's key is used");
    }

    @Test
    void aHandshakeEchoingItsKeysIsNotFlagged() throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(FIXTURES.resolve("v0-join.pcap"));
        assertThat(a.connections()).noneMatch(MptcpConnectionInfo::echoedKeyMismatch);
        assertThat(a.echoedKeyMismatchWarning()).isNull();
    }
}
