package org.mpcap.analyzer.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mpcap.analyzer.capture.RawPacket;

/** Test-only packet builders and a minimal classic-pcap reader (the real reader lives in capture/). */
public final class TestPackets {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    private TestPackets() {}

    /** Hex bytes; whitespace ignored, {@code #} starts a comment running to the end of the line. */
    public static byte[] hex(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s+", ""));
        }
        if (digits.length() % 2 != 0) throw new IllegalArgumentException("odd number of hex digits: " + digits);
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        return out;
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    public static byte[] zeros(int n) {
        return new byte[n];
    }

    public static byte[] addr(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A TCP header (data offset from the options, padded with EOL to 4 bytes) followed by {@code payload} zero bytes. */
    public static byte[] tcp(int sport, int dport, int seq, int ack, int flags, byte[] options, int payload) {
        int optLen = (options.length + 3) / 4 * 4;
        ByteBuffer b = ByteBuffer.allocate(20 + optLen + payload);
        b.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack);
        b.put((byte) (((20 + optLen) / 4) << 4)).put((byte) flags).putShort((short) 65535);
        b.putShort((short) 0).putShort((short) 0);
        b.put(options);
        return b.array();
    }

    public static byte[] tcp(int flags, byte[] options, int payload) {
        return tcp(40000, 80, 1000, 2000, flags, options, payload);
    }

    /** IPv4 header (no options) with a correct total length and checksum. */
    public static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4(src, dst, protocol, new byte[0], 0, payload);
    }

    public static byte[] ipv4(String src, String dst, int protocol, byte[] options, int fragmentField, byte[] payload) {
        int hl = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(hl + payload.length);
        b.put((byte) (0x40 | hl / 4)).put((byte) 0).putShort((short) (hl + payload.length));
        b.putShort((short) 0x1234).putShort((short) fragmentField).put((byte) 64).put((byte) protocol).putShort((short) 0);
        b.put(addr(src)).put(addr(dst)).put(options).put(payload);
        byte[] a = b.array();
        int sum = 0;
        for (int i = 0; i < hl; i += 2) sum += ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        a[10] = (byte) (~sum >>> 8);
        a[11] = (byte) ~sum;
        return a;
    }

    /** IPv6 header; {@code payload} includes any extension headers. */
    public static byte[] ipv6(String src, String dst, int next, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x6000_0000).putShort((short) payload.length).put((byte) next).put((byte) 64);
        b.put(addr(src)).put(addr(dst)).put(payload);
        return b.array();
    }

    public static byte[] eth(int type, byte[] payload) {
        return cat(hex("02 00 00 00 00 02  02 00 00 00 00 01"), new byte[] {(byte) (type >>> 8), (byte) type}, payload);
    }

    public static RawPacket packet(int linkType, byte[] frame) {
        return new RawPacket().set(frame, 0, frame.length, frame.length, 0L, linkType, 0, 1, 0);
    }

    /** As captured with {@code snaplen}: the original length stays the frame's. */
    public static RawPacket snapped(int linkType, byte[] frame, int snaplen) {
        int cap = Math.min(snaplen, frame.length);
        return new RawPacket().set(frame, 0, cap, frame.length, 0L, linkType, 0, 1, 0);
    }

    /** Reads a classic pcap file (µs, either byte order) into independent RawPackets. Test use only. */
    public static List<RawPacket> readPcap(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) b.order(ByteOrder.BIG_ENDIAN);
        int linkType = b.getInt(20) & 0x0fff_ffff;
        List<RawPacket> out = new ArrayList<>();
        int pos = 24;
        long frame = 1;
        while (pos + 16 <= b.capacity()) {
            int cap = b.getInt(pos + 8);
            int orig = b.getInt(pos + 12);
            byte[] data = new byte[cap];
            b.get(pos + 16, data);
            out.add(new RawPacket().set(data, 0, cap, orig, 0L, linkType, 0, frame++, pos));
            pos += 16 + cap;
        }
        return out;
    }
}
