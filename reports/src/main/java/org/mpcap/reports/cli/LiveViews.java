package org.mpcap.reports.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.mpcap.reports.cli.LiveSession.ConnectionRow;
import org.mpcap.reports.cli.LiveSession.Event;
import org.mpcap.reports.cli.LiveSession.Frame;
import org.mpcap.reports.cli.LiveSession.SubflowRow;

/**
 * The three ways {@code mpcap live} shows what it sees: a screen redrawn in place about once a second (stdout is a
 * terminal), plain lines (stdout is a file or a pipe: events as they happen, a status line per connection that
 * changed), and JSON lines for scripts ({@code --json-lines}: one object per line, {@code type} = event, status or
 * end). Byte units are decimal (kB = 1000 bytes), as everywhere in mpcap.
 */
final class LiveViews {
    private LiveViews() {}

    /** How many connections the screen lists (the most recent ones; the rest are counted). */
    static final int SCREEN_CONNECTIONS = 8;

    static String bytes(double b) {
        if (b < 1000) return String.format(Locale.ROOT, "%.0f B", b);
        if (b < 1e6) return String.format(Locale.ROOT, "%.1f kB", b / 1e3);
        if (b < 1e9) return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
        return String.format(Locale.ROOT, "%.2f GB", b / 1e9);
    }

    static String rate(double bytesPerS) {
        double bits = bytesPerS * 8;
        if (bits < 1e3) return String.format(Locale.ROOT, "%.0f bit/s", bits);
        if (bits < 1e6) return String.format(Locale.ROOT, "%.1f kbit/s", bits / 1e3);
        if (bits < 1e9) return String.format(Locale.ROOT, "%.1f Mbit/s", bits / 1e6);
        return String.format(Locale.ROOT, "%.2f Gbit/s", bits / 1e9);
    }

    static String rtt(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    static String eventLine(Event e) {
        return String.format(Locale.ROOT, "%10.6f s  conn %s%s  %-19s %s", e.timeNanos() / 1e9,
                e.connection() < 0 ? "?" : Integer.toString(e.connection()),
                e.subflow() < 0 ? "" : " subflow " + e.subflow(), e.event(), e.detail());
    }

    static String connectionLine(ConnectionRow c) {
        return String.format(Locale.ROOT, "conn %d  v%s  %s -> %s  %s  subflows %d up, %d down of %d  %s  %s",
                c.connection(), c.version() < 0 ? "?" : Integer.toString(c.version()), c.client(), c.server(),
                c.state(), c.up(), c.down(), c.subflows().size(),
                bytes(c.bytes()), rate(c.rateBytesPerS()));
    }

    /** Redraws the whole screen in place (ANSI: cursor home, clear to end of line / screen). */
    static final class Screen implements LiveSession.View {
        private static final String HOME = "\033[H";
        private static final String CLEAR_LINE = "\033[K";
        private static final String CLEAR_BELOW = "\033[J";
        private static final String BOLD = "\033[1m";
        private static final String RESET = "\033[0m";
        private final PrintWriter out;
        private boolean first = true;

        Screen(PrintWriter out) { this.out = out; }

        @Override
        public void event(Event e) {
            // shown in the next frame's event list
        }

        @Override
        public void frame(Frame f) {
            StringBuilder sb = new StringBuilder();
            if (first) sb.append("\033[2J");
            first = false;
            sb.append(HOME);
            line(sb, BOLD + "mpcap live" + RESET + "  " + f.source() + "  |  " + String.format(Locale.ROOT, "%.1f s",
                    f.elapsedS()) + "  |  " + f.packets() + " packets, " + bytes(f.capturedBytes()) + "  |  "
                    + f.connections().size() + " MPTCP connection" + (f.connections().size() == 1 ? "" : "s") + ", "
                    + f.tcpStreams() + " TCP streams" + (f.last() ? "  |  stopped" : "  |  Ctrl-C stops"));
            line(sb, "");
            List<ConnectionRow> conns = f.connections();
            int from = Math.max(0, conns.size() - SCREEN_CONNECTIONS);
            if (from > 0) line(sb, "(" + from + " older connection" + (from == 1 ? "" : "s") + " not shown)");
            if (conns.isEmpty()) line(sb, "no MPTCP connection yet");
            // columns as wide as what they show (IPv4 endpoints fit an 80-column terminal better than IPv6 ones)
            int ep = 6, ifw = 5;
            for (ConnectionRow c : conns.subList(from, conns.size())) {
                for (SubflowRow s : c.subflows()) {
                    ep = Math.max(ep, Math.max(s.client().toString().length(), s.server().toString().length()));
                    ifw = Math.max(ifw, s.iface().length());
                }
            }
            String fmt = "  %-3s %-5s %-" + ifw + "s %-" + ep + "s %-" + ep + "s %-6s %10s %10s %13s %9s";
            for (ConnectionRow c : conns.subList(from, conns.size())) {
                line(sb, BOLD + connectionLine(c) + RESET);
                line(sb, String.format(Locale.ROOT, fmt, "sf", "state", "iface", "client", "server", "backup",
                        "c->s", "s->c", "rate", "last rtt"));
                for (SubflowRow s : c.subflows()) {
                    line(sb, String.format(Locale.ROOT, fmt, s.subflow(), s.state(), s.iface(), s.client(),
                            s.server(), s.backup() ? "yes" : "no", bytes(s.bytesC2s()), bytes(s.bytesS2c()),
                            rate(s.rateBytesPerS()), rtt(s.rttMs())));
                }
                line(sb, "");
            }
            line(sb, BOLD + "events" + RESET + (f.recentEvents().isEmpty() ? "  (none yet)" : ""));
            for (Event e : f.recentEvents()) line(sb, "  " + eventLine(e));
            sb.append(CLEAR_BELOW);
            out.print(sb);
            out.flush();
        }

        private static void line(StringBuilder sb, String text) {
            sb.append(text).append(CLEAR_LINE).append('\n');
        }
    }

    /** Plain lines for a file or a pipe: events as they happen, a status line for each connection that changed. */
    static final class Lines implements LiveSession.View {
        private final PrintWriter out;
        private final java.util.Map<Integer, String> shown = new java.util.HashMap<>();

        Lines(PrintWriter out) { this.out = out; }

        @Override
        public void event(Event e) {
            out.println(eventLine(e));
            out.flush();
        }

        @Override
        public void frame(Frame f) {
            for (ConnectionRow c : f.connections()) {
                String key = c.state() + c.up() + "/" + c.down() + "/" + c.bytes();
                if (key.equals(shown.put(c.connection(), key)) && !f.last()) continue;
                out.println(String.format(Locale.ROOT, "%10.1f s  ", f.elapsedS()) + connectionLine(c));
            }
            if (f.last()) {
                out.println(String.format(Locale.ROOT, "%10.1f s  stopped: %d packets, %s, %d MPTCP connection%s",
                        f.elapsedS(), f.packets(), bytes(f.capturedBytes()), f.connections().size(),
                        f.connections().size() == 1 ? "" : "s"));
            }
            out.flush();
        }
    }

    /** One JSON object per line: {@code event}s, a {@code status} per refresh, {@code end} last. */
    static final class JsonLines implements LiveSession.View {
        private final PrintWriter out;

        JsonLines(PrintWriter out) { this.out = out; }

        @Override
        public void event(Event e) {
            Json j = new Json().beginObject().name("type").value("event").name("time").seconds(e.timeNanos())
                    .name("connection").value(e.connection()).name("subflow").value(e.subflow())
                    .name("event").value(e.event()).name("detail").value(e.detail()).endObject();
            out.println(j);
            out.flush();
        }

        @Override
        public void frame(Frame f) {
            Json j = new Json().beginObject().name("type").value(f.last() ? "end" : "status")
                    .name("elapsed_s").value(f.elapsedS()).name("packets").value(f.packets())
                    .name("captured_bytes").value(f.capturedBytes()).name("tcp_streams").value(f.tcpStreams())
                    .name("connections").beginArray();
            for (ConnectionRow c : f.connections()) {
                j.beginObject().name("connection").value(c.connection()).name("version").value(c.version())
                        .name("state").value(c.state()).name("client").value(c.client().toString())
                        .name("server").value(c.server().toString()).name("subflows_up").value(c.up())
                        .name("subflows_down").value(c.down()).name("bytes").value(c.bytes())
                        .name("rate_bytes_per_s").value(c.rateBytesPerS()).name("subflows").beginArray();
                for (SubflowRow s : c.subflows()) {
                    j.beginObject().name("subflow").value(s.subflow()).name("tcp_stream").value(s.tcpStream())
                            .name("state").value(s.state()).name("iface").value(s.iface())
                            .name("client").value(s.client().toString()).name("server").value(s.server().toString())
                            .name("backup").value(s.backup()).name("bytes_c2s").value(s.bytesC2s())
                            .name("bytes_s2c").value(s.bytesS2c()).name("rate_bytes_per_s").value(s.rateBytesPerS())
                            .name("last_rtt_ms");
                    if (Double.isNaN(s.rttMs())) j.value((String) null);
                    else j.value(s.rttMs());
                    j.endObject();
                }
                j.endArray().endObject();
            }
            j.endArray().endObject();
            out.println(j);
            out.flush();
        }
    }
}
