package org.mpcap.analyzer.stats.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.PairAnalysis;
import org.mpcap.analyzer.table.DataTable;

/**
 * Pairing of the loss fixtures recorded at both ends at once (loss/*-router-drop.{client,server}.pcap: the drops
 * happen on the router, between the two capture points; both namespaces share the clock).
 */
class CapturePairingTest {
    static final Path LOSS = Path.of("src/test/resources/loss");

    @Test
    void packetsLostBetweenThePointsAreThoseTheClientSentAndTheServerNeverSaw() throws IOException {
        PairAnalysis p = new Analyzer().analyzePair(LOSS.resolve("single-router-drop.client.pcap"),
                LOSS.resolve("single-router-drop.server.pcap"));
        DataTable t = p.tables().get(0);
        assertEquals(CapturePairing.SUMMARY, t.name());
        long sentC2s = 0, lostC2s = 0, lostS2c = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            if ("c2s".equals(t.get(r, "direction"))) {
                sentC2s += (Long) t.get(r, "sent");
                lostC2s += (Long) t.get(r, "lost");
            } else {
                lostS2c += (Long) t.get(r, "lost");
            }
        }
        // every packet either side captured is accounted for: the client captured the server's packets minus those
        // lost, the server the client's minus those lost (one subflow, both captures cover the whole connection)
        long clientPackets = p.client().packets(), serverPackets = p.server().packets();
        assertEquals(clientPackets - serverPackets, lostC2s - lostS2c);
        assertTrue(lostC2s > 0, "the tbf on the router dropped data");
        assertEquals(0, lostS2c, "nothing is shaped on the way back");
        assertTrue(sentC2s > lostC2s);
    }

    @Test
    void oneWayDelayIsPositiveOnTheSharedClock() throws IOException {
        PairAnalysis p = new Analyzer().analyzePair(LOSS.resolve("default-router-drop.client.pcap"),
                LOSS.resolve("default-router-drop.server.pcap"));
        DataTable t = p.tables().get(0);
        assertEquals(6, t.rowCount(), "three subflows, two directions");
        for (int r = 0; r < t.rowCount(); r++) {
            double min = (Double) t.get(r, "owd_min_ms"), max = (Double) t.get(r, "owd_max_ms");
            assertTrue(min > 0 && min <= max && max < 1000, "row " + r + ": " + min + ".." + max);
        }
    }
}
