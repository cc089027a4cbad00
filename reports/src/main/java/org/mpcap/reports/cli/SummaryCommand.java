package org.mpcap.reports.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.decode.DecoderCounters;
import org.mpcap.analyzer.mptcp.MptcpConnectionInfo;
import org.mpcap.analyzer.mptcp.SubflowInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mpcap summary}: a readable overview of each capture and its MPTCP connections. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Overview of each capture: format, packets, duration, damage, MPTCP connections and their "
                + "subflows, plain TCP conversations.")
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Parameters(paramLabel = "CAPTURE", arity = "1..*",
            description = "Capture files (pcap, pcapng, optionally gzip-compressed) or directories of them.")
    List<Path> captures;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = CaptureArguments.expand(captures);
        Analyzer analyzer = CaptureArguments.analyzer(null);
        List<CaptureAnalysis> analyses = new ArrayList<>();
        for (Path f : files) analyses.add(CaptureArguments.analyze(analyzer, f, common, err));
        if (json) {
            Json j = new Json().beginObject().name("captures").beginArray();
            for (CaptureAnalysis a : analyses) json(j, a);
            out.println(j.endArray().endObject());
        } else {
            for (int i = 0; i < analyses.size(); i++) {
                if (i > 0) out.println();
                text(out, analyses.get(i));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String linkTypeName(int t) {
        return switch (t) {
            case 0 -> "BSD loopback";
            case 1 -> "Ethernet";
            case 101 -> "raw IP";
            case 108 -> "OpenBSD loopback";
            case 113 -> "Linux cooked (SLL)";
            case 228 -> "raw IPv4";
            case 229 -> "raw IPv6";
            case 276 -> "Linux cooked v2 (SLL2)";
            default -> "link type";
        };
    }

    private static List<String> linkTypes(CaptureAnalysis a) {
        List<String> out = new ArrayList<>();
        for (int t : new TreeSet<>(a.linkTypes())) out.add(t + " (" + linkTypeName(t) + ")");
        return out;
    }

    /** Decoder counters worth telling, as "name count" pairs; empty when all is well. */
    private static List<String[]> decoderNotes(DecoderCounters d) {
        List<String[]> notes = new ArrayList<>();
        add(notes, "truncated packets", d.truncated());
        add(notes, "malformed packets", d.malformed());
        add(notes, "TCP options cut by snaplen", d.truncatedTcpOptions());
        add(notes, "malformed TCP options", d.malformedTcpOptions());
        add(notes, "malformed MPTCP options", d.malformedMptcpOptions());
        add(notes, "unknown MPTCP subtypes", d.unknownMptcpSubtypes());
        add(notes, "non-first IP fragments", d.nonFirstFragments());
        add(notes, "IP datagrams longer than their frame", d.incompleteDatagrams());
        add(notes, "decoder faults (bugs)", d.decoderFaults());
        for (Map.Entry<Integer, Long> e : d.unsupportedLinkTypes().entrySet()) {
            add(notes, "unsupported link type " + e.getKey(), e.getValue());
        }
        return notes;
    }

    private static void add(List<String[]> notes, String name, long count) {
        if (count > 0) notes.add(new String[] {name, Long.toString(count)});
    }

    private static String seconds(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }

    private void text(PrintWriter out, CaptureAnalysis a) {
        List<String[]> head = new ArrayList<>();
        head.add(new String[] {"capture", a.path().toString()});
        head.add(new String[] {"format", a.format().label()});
        head.add(new String[] {"link types", String.join(", ", linkTypes(a))});
        head.add(new String[] {"packets", Long.toString(a.packets())});
        head.add(new String[] {"duration", String.format(Locale.ROOT, "%.6f s", a.durationSeconds())});
        head.add(new String[] {"damaged records", a.damagedRecords() == 0 ? "0"
                : a.damagedRecords() + " (first at byte offset " + a.firstDamageOffset() + ")"});
        for (String[] n : decoderNotes(a.decoder())) head.add(n);
        long plain = a.tracking().plainTcpStreams();
        head.add(new String[] {"TCP conversations", a.tcpStreams().size() + " (" + (a.tcpStreams().size() - plain)
                + " MPTCP subflows, " + plain + " plain TCP)"});
        head.add(new String[] {"MPTCP connections", Integer.toString(a.connections().size())});
        int w = 0;
        for (String[] r : head) w = Math.max(w, r[0].length());
        for (String[] r : head) out.println(pad(r[0], w) + "  " + r[1]);

        for (MptcpConnectionInfo c : a.connections()) {
            out.println();
            out.println("connection " + c.connection() + ": " + (c.version() < 0 ? "version ?" : "v" + c.version())
                    + ", " + c.state().label() + ", " + c.client() + " -> " + c.server());
            out.println("  tokens: client " + orDash(MptcpConnectionInfo.tokenText(c.clientToken())) + ", server "
                    + orDash(MptcpConnectionInfo.tokenText(c.serverToken())));
            out.println("  time: " + seconds(c.startNanos()) + " s to " + seconds(c.endNanos()) + " s; data "
                    + (c.dataFromMappings() ? "(DSS)" : "(subflow payload)") + ": " + c.dataBytesC2s()
                    + " B client->server, " + c.dataBytesS2c() + " B server->client");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"subflow", "stream", "role", "client", "server", "backup", "addr id", "syn time",
                    "bytes c->s", "bytes s->c", "end", "join hmac"});
            for (SubflowInfo s : c.subflows()) {
                rows.add(new String[] {Integer.toString(s.subflow()), Integer.toString(s.tcpStream()),
                        s.role().label(), s.client().toString(), s.server().toString(), s.backup() ? "yes" : "no",
                        s.addressId() < 0 ? "-" : Integer.toString(s.addressId()), seconds(s.synNanos()),
                        Long.toString(s.payloadC2s()), Long.toString(s.payloadS2c()), s.endLabel(),
                        s.joinHmac().label()});
            }
            int[] widths = new int[rows.get(0).length];
            for (String[] r : rows) for (int i = 0; i < r.length; i++) widths[i] = Math.max(widths[i], r[i].length());
            for (String[] r : rows) {
                StringBuilder sb = new StringBuilder("  ");
                for (int i = 0; i < r.length; i++) {
                    boolean numeric = i == 0 || i == 1 || i == 6 || i == 7 || i == 8 || i == 9;
                    sb.append(numeric ? padLeft(r[i], widths[i]) : pad(r[i], widths[i]));
                    if (i < r.length - 1) sb.append("  ");
                }
                out.println(sb.toString().stripTrailing());
            }
        }
    }

    private static String orDash(String s) { return s.isEmpty() ? "-" : s; }

    private static String pad(String s, int w) { return s + " ".repeat(Math.max(0, w - s.length())); }

    private static String padLeft(String s, int w) { return " ".repeat(Math.max(0, w - s.length())) + s; }

    private void json(Json j, CaptureAnalysis a) {
        j.beginObject();
        j.name("capture").value(a.path().toString());
        j.name("format").value(a.format().label());
        j.name("link_types").beginArray();
        for (int t : new TreeSet<>(a.linkTypes())) j.value(t);
        j.endArray();
        j.name("packets").value(a.packets());
        j.name("duration_s").value(a.durationSeconds());
        j.name("damaged_records").value(a.damagedRecords());
        j.name("first_damage_offset").value(a.firstDamageOffset());
        DecoderCounters d = a.decoder();
        j.name("decoder").beginObject();
        j.name("truncated").value(d.truncated());
        j.name("malformed").value(d.malformed());
        j.name("not_ip").value(d.notIp());
        j.name("non_first_fragments").value(d.nonFirstFragments());
        j.name("truncated_tcp_options").value(d.truncatedTcpOptions());
        j.name("malformed_tcp_options").value(d.malformedTcpOptions());
        j.name("malformed_mptcp_options").value(d.malformedMptcpOptions());
        j.name("unknown_mptcp_subtypes").value(d.unknownMptcpSubtypes());
        j.name("decoder_faults").value(d.decoderFaults());
        j.name("incomplete_datagrams").value(d.incompleteDatagrams());
        j.name("unsupported_link_types").beginObject();
        for (Map.Entry<Integer, Long> e : d.unsupportedLinkTypes().entrySet()) {
            j.name(Integer.toString(e.getKey())).value(e.getValue());
        }
        j.endObject().endObject();
        j.name("tcp_streams").value(a.tcpStreams().size());
        j.name("plain_tcp_streams").value(a.tracking().plainTcpStreams());
        j.name("connections").beginArray();
        for (MptcpConnectionInfo c : a.connections()) {
            j.beginObject();
            j.name("connection").value(c.connection());
            j.name("version");
            if (c.version() < 0) j.value((String) null);
            else j.value(c.version());
            j.name("state").value(c.state().label());
            j.name("client_addr").value(c.client().address());
            j.name("client_port").value(c.client().port());
            j.name("server_addr").value(c.server().address());
            j.name("server_port").value(c.server().port());
            j.name("client_token").value(emptyToNull(MptcpConnectionInfo.tokenText(c.clientToken())));
            j.name("server_token").value(emptyToNull(MptcpConnectionInfo.tokenText(c.serverToken())));
            j.name("start_time").seconds(c.startNanos());
            j.name("end_time").seconds(c.endNanos());
            j.name("data_bytes_c2s").value(c.dataBytesC2s());
            j.name("data_bytes_s2c").value(c.dataBytesS2c());
            j.name("data_from_dss").value(c.dataFromMappings());
            j.name("subflows").beginArray();
            for (SubflowInfo s : c.subflows()) {
                j.beginObject();
                j.name("subflow").value(s.subflow());
                j.name("tcp_stream").value(s.tcpStream());
                j.name("role").value(s.role().label());
                j.name("client_addr").value(s.client().address());
                j.name("client_port").value(s.client().port());
                j.name("server_addr").value(s.server().address());
                j.name("server_port").value(s.server().port());
                j.name("backup").value(s.backup());
                j.name("address_id");
                if (s.addressId() < 0) j.value((String) null);
                else j.value(s.addressId());
                j.name("syn_time").seconds(s.synNanos());
                j.name("established_time").seconds(s.establishedNanos());
                j.name("end_time").seconds(s.endNanos());
                j.name("packets").value(s.packets());
                j.name("payload_bytes_c2s").value(s.payloadC2s());
                j.name("payload_bytes_s2c").value(s.payloadS2c());
                j.name("join_hmac").value(s.joinHmac().label());
                j.name("close").value(s.endLabel());
                j.endObject();
            }
            j.endArray().endObject();
        }
        j.endArray().endObject();
    }

    private static String emptyToNull(String s) { return s.isEmpty() ? null : s; }
}
