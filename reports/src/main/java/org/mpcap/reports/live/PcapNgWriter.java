package org.mpcap.reports.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a pcapng capture (draft-ietf-opsawg-pcapng) in little-endian order: one Section Header Block, an Interface
 * Description Block per interface with {@code if_name} and {@code if_tsresol} = 9 (nanoseconds), and an Enhanced
 * Packet Block per packet. Nanosecond resolution keeps libpcap's timestamps exactly, so the file read back gives
 * the analyzer the same records it saw live.
 */
public final class PcapNgWriter {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 0x00000001;
    static final int EPB = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final short OPT_ENDOFOPT = 0;
    /** §4.1 shb_userappl. */
    static final short SHB_USERAPPL = 4;
    /** §4.2 if_name. */
    static final short IF_NAME = 2;
    /** §4.2 if_tsresol: 9 = 10^-9 s. */
    static final short IF_TSRESOL = 9;

    private final OutputStream out;
    private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long written;
    private int interfaces;

    /** Writes the section header; {@code out} is not closed by this class. */
    public PcapNgWriter(OutputStream out, String application) throws IOException {
        this.out = out;
        byte[] app = application.getBytes(StandardCharsets.UTF_8);
        int len = 24 + option(app.length) + 4 + 4;
        start(len);
        buf.putInt(SHB).putInt(len).putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        putOption(SHB_USERAPPL, app);
        buf.putShort(OPT_ENDOFOPT).putShort((short) 0).putInt(len);
        flushBlock();
    }

    /** Declares the next interface (ids count from 0 in the order of this call). */
    public int addInterface(String name, int linkType, int snapLength) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int len = 16 + option(n.length) + option(1) + 4 + 4;
        start(len);
        buf.putInt(IDB).putInt(len).putShort((short) linkType).putShort((short) 0).putInt(snapLength);
        putOption(IF_NAME, n);
        putOption(IF_TSRESOL, new byte[] {9});
        buf.putShort(OPT_ENDOFOPT).putShort((short) 0).putInt(len);
        flushBlock();
        return interfaces++;
    }

    /**
     * One packet.
     *
     * @return the file offset of its block
     */
    public long packet(int iface, long timestampNanos, byte[] data, int offset, int length, int originalLength)
            throws IOException {
        long at = written;
        int len = 28 + pad(length) + 4;
        start(len);
        buf.putInt(EPB).putInt(len).putInt(iface).putInt((int) (timestampNanos >>> 32)).putInt((int) timestampNanos)
                .putInt(length).putInt(originalLength).put(data, offset, length);
        for (int i = length; i < pad(length); i++) buf.put((byte) 0);
        buf.putInt(len);
        flushBlock();
        return at;
    }

    /** Bytes written so far. */
    public long written() { return written; }

    private static int pad(int n) { return (n + 3) & ~3; }

    private static int option(int valueLength) { return 4 + pad(valueLength); }

    private void putOption(short code, byte[] value) {
        buf.putShort(code).putShort((short) value.length).put(value);
        for (int i = value.length; i < pad(value.length); i++) buf.put((byte) 0);
    }

    private void start(int len) {
        if (buf.capacity() < len) buf = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        buf.clear();
    }

    private void flushBlock() throws IOException {
        out.write(buf.array(), 0, buf.position());
        written += buf.position();
    }
}
