package org.mpcap.analyzer.stats.rtt;

import java.nio.ByteBuffer;

/**
 * Hand-built Ethernet / IPv4 / TCP frames for collector tests. Only headers are captured: the IP total length
 * announces the payload (as with a snaplen), which is what the decoder's {@code payloadLength} reports.
 */
final class Frames {
    private Frames() {
    }

    static final int CLIENT = 0x0a00_0001, SERVER = 0x0a00_0002;

    /** TCP timestamps option (kind 8, RFC 7323 §3) padded with two NOPs. */
    static byte[] ts(int tsVal, int tsEcr) {
        return ByteBuffer.allocate(12).put((byte) 1).put((byte) 1).put((byte) 8).put((byte) 10).putInt(tsVal)
                .putInt(tsEcr).array();
    }

    /** MPTCP DSS (RFC 8684 §3.3) with an 8-byte data ACK and an 8-byte mapping (length 26) + two NOPs. */
    static byte[] dss(long dataAck, long dsn, int subflowSeq, int dll) {
        ByteBuffer b = ByteBuffer.allocate(28).put((byte) 30).put((byte) 26).put((byte) 0x20)
                .put((byte) 0x0f); // m M a A
        return b.putLong(dataAck).putLong(dsn).putInt(subflowSeq).putShort((short) dll).put((byte) 1).put((byte) 1)
                .array();
    }

    /** MPTCP MP_CAPABLE v1 with both keys and a data-level length (RFC 8684 §3.1, length 22) + two NOPs. */
    static byte[] mpCapableData(long senderKey, long receiverKey, int dll) {
        return ByteBuffer.allocate(24).put((byte) 30).put((byte) 22).put((byte) 0x01).put((byte) 0x01)
                .putLong(senderKey).putLong(receiverKey).putShort((short) dll).put((byte) 1).put((byte) 1).array();
    }

    /** MPTCP DSS with only an 8-byte data ACK (length 12). */
    static byte[] dssAck(long dataAck) {
        return ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) 0x20).put((byte) 0x03)
                .putLong(dataAck).array();
    }

    /**
     * A frame.
     *
     * @param fromClient client 10.0.0.1:port → server 10.0.0.2:80, else the reverse
     * @param options    TCP options, each a multiple of 4 bytes
     */
    static byte[] frame(boolean fromClient, int clientPort, int seq, int ack, int flags, int payload,
                        byte[]... options) {
        int optLen = 0;
        for (byte[] o : options) optLen += o.length;
        int tcpLen = 20 + optLen;
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + tcpLen);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcpLen + payload)).putShort((short) 0)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
                .putInt(fromClient ? CLIENT : SERVER).putInt(fromClient ? SERVER : CLIENT);
        b.putShort((short) (fromClient ? clientPort : 80)).putShort((short) (fromClient ? 80 : clientPort))
                .putInt(seq).putInt(ack).put((byte) ((tcpLen / 4) << 4)).put((byte) flags)
                .putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        for (byte[] o : options) b.put(o);
        return b.array();
    }
}
