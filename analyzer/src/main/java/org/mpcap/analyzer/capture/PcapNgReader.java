package org.mpcap.analyzer.capture;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * pcapng, as specified in draft-ietf-opsawg-pcapng ("PCAP Now Generic"). Reads Section Header Blocks (§4.1,
 * either byte order, any number of sections), Interface Description Blocks (§4.2, with {@code if_tsresol} and
 * {@code if_tsoffset}), Enhanced Packet Blocks (§4.3), Simple Packet Blocks (§4.4) and the obsolete Packet
 * Block (Appendix A). Every other block (Name Resolution §4.5, Interface Statistics §4.6, Decryption Secrets
 * §4.7, Custom §4.8, systemd journal, unknown and local-use types) is skipped by its length (§3.1).
 *
 * <h2>Interfaces</h2>
 * Interface IDs in packet blocks are per section (§4.2: "the first IDB in a section has ID 0"); the reader maps
 * them to a file-wide index (count of IDBs in earlier sections + local ID), which is what
 * {@link RawPacket#interfaceId()} returns. (tshark 4.0 prints the section-local ID as {@code frame.interface_id};
 * its capinfos numbers interfaces file-wide, as we do.)
 *
 * <h2>Frame numbers</h2>
 * Wireshark numbers every record it shows: packets, and also Custom Blocks (§4.8) and systemd journal export
 * blocks, which carry no packet. Those are skipped here but still take a frame number, so that
 * {@link RawPacket#frameNumber()} equals tshark's {@code frame.number} for every packet.
 *
 * <h2>Timestamps</h2>
 * EPB and PB timestamps are 64-bit tick counts in the interface's {@code if_tsresol} unit (default 10^-6 s;
 * 10^-n or 2^-n), converted exactly to nanoseconds ({@link Timestamps}), plus {@code if_tsoffset} seconds.
 * A Simple Packet Block has no timestamp (§4.4); it gets the timestamp of the packet read before it (0 if
 * none), so that times stay monotone for the analysis. Wireshark shows such packets with time 0.
 *
 * <h2>Damaged blocks and resynchronisation</h2>
 * A block is damaged when its Block Total Length is below 12 (or the type's minimum), not a multiple of 4,
 * above {@value #MAX_BLOCK_LENGTH}, runs past the end of the file, or differs from the trailing copy (§3.1).
 * The reader then scans forward byte by byte for the next block of a known type whose leading and trailing
 * lengths agree (an SHB candidate also needs a valid byte-order magic; a packet-block candidate a defined
 * interface and a captured length that fits). The skipped region counts as one damaged record; the scan gives up
 * after {@value #RESYNC_SCAN_LIMIT} bytes. A well-framed packet block whose content is inconsistent (undefined
 * interface, captured length beyond the block) counts as one damaged record and is skipped by its length.
 * A section with an unsupported major version is skipped up to the next SHB, as §3.4 requires, and counted as
 * one damaged record.
 */
final class PcapNgReader extends BufferedCaptureReader {
    /** §4.1, a palindrome so that it reads the same in both byte orders. */
    static final int SECTION_HEADER_BLOCK = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION_BLOCK = 0x00000001;
    /** Appendix A (obsolete). */
    static final int PACKET_BLOCK = 0x00000002;
    static final int SIMPLE_PACKET_BLOCK = 0x00000003;
    static final int NAME_RESOLUTION_BLOCK = 0x00000004;
    static final int INTERFACE_STATISTICS_BLOCK = 0x00000005;
    static final int ENHANCED_PACKET_BLOCK = 0x00000006;
    static final int SYSTEMD_JOURNAL_EXPORT_BLOCK = 0x00000009;
    static final int DECRYPTION_SECRETS_BLOCK = 0x0000000A;
    static final int CUSTOM_BLOCK = 0x00000BAD;
    static final int CUSTOM_BLOCK_NO_COPY = 0x40000BAD;
    /** §4.1 Byte-Order Magic. */
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** §4.1: only major version 1 exists. */
    static final int VERSION_MAJOR = 1;

    /** §3.1: type + length + trailing length. */
    static final int MIN_BLOCK_LENGTH = 12;
    /** §4.1: 12 + magic 4 + versions 4 + section length 8. */
    static final int MIN_SHB_LENGTH = 28;
    /** §4.2: 12 + link type 2 + reserved 2 + snaplen 4. */
    static final int MIN_IDB_LENGTH = 20;
    /** §4.3: 12 + interface 4 + timestamp 8 + captured 4 + original 4. */
    static final int MIN_EPB_LENGTH = 32;
    /** §4.4: 12 + original length 4. */
    static final int MIN_SPB_LENGTH = 16;
    /** Appendix A: 12 + interface 2 + drops 2 + timestamp 8 + captured 4 + original 4. */
    static final int MIN_PB_LENGTH = 32;
    /** Largest block accepted: 16 MiB (packets bigger than that cannot come from a network MPTCP runs on). */
    static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;
    static final long RESYNC_SCAN_LIMIT = 64L * 1024 * 1024;
    /** Interfaces across all sections; IDBs beyond this are counted as damaged. */
    static final int MAX_INTERFACES = 1 << 16;

    /** §3.5 option codes. */
    static final int OPT_ENDOFOPT = 0;
    /** §4.2 IDB option codes. */
    static final int IF_TSRESOL = 9;
    static final int IF_TSOFFSET = 14;
    /** §4.2: default resolution 10^-6 s. */
    static final int DEFAULT_TSRESOL_EXPONENT = 6;

    private static final int BLOCK_LENGTH_OFFSET = 4;
    private static final int SHB_MAGIC_OFFSET = 8;
    private static final int SHB_MAJOR_OFFSET = 12;
    private static final int SHB_MINOR_OFFSET = 14;
    private static final int IDB_LINKTYPE_OFFSET = 8;
    private static final int IDB_SNAPLEN_OFFSET = 12;
    private static final int IDB_OPTIONS_OFFSET = 16;
    private static final int EPB_INTERFACE_OFFSET = 8;
    private static final int EPB_TS_HIGH_OFFSET = 12;
    private static final int EPB_CAPLEN_OFFSET = 20;
    private static final int EPB_ORIGLEN_OFFSET = 24;
    private static final int EPB_DATA_OFFSET = 28;
    private static final int SPB_ORIGLEN_OFFSET = 8;
    private static final int SPB_DATA_OFFSET = 12;
    private static final int PB_INTERFACE_OFFSET = 8;
    private static final int PB_TS_HIGH_OFFSET = 12;
    private static final int PB_CAPLEN_OFFSET = 20;
    private static final int PB_ORIGLEN_OFFSET = 24;
    private static final int PB_DATA_OFFSET = 28;
    /** Bytes a packet block spends outside its packet data, before options: header 28 + trailer 4. */
    private static final int EPB_OVERHEAD = 32;
    private static final int SPB_OVERHEAD = 16;

    /** Byte order of the current section. */
    private boolean bigEndian;
    /** File-wide index of the current section's interface 0. */
    private int sectionBase;
    /** Interfaces declared so far in the current section. */
    private int sectionInterfaces;
    /** The current section has an unsupported version: skip its blocks (§3.4). */
    private boolean skippingSection;
    private int sectionCount;

    /** Per file-wide interface index. */
    private int interfaceCount;
    private int[] ifLinkType = new int[4];
    private int[] ifSnapLength = new int[4];
    /** Fast path: nanos = ticks × multiplier while 0 ≤ ticks ≤ fastMax; fastMax = -1 forces the exact path. */
    private long[] ifMultiplier = new long[4];
    private long[] ifFastMax = new long[4];
    private boolean[] ifBinary = new boolean[4];
    private int[] ifExponent = new int[4];
    private long[] ifOffsetNanos = new long[4];

    private long lastTimestamp;

    /**
     * Parses the first Section Header Block at {@code buf[0]} ({@code buf[0, limit)} holds at least 4 bytes).
     *
     * @throws CaptureFormatException if it is cut off or malformed
     */
    PcapNgReader(CaptureInput input, byte[] buf, int limit) throws IOException {
        super(input, CaptureFormat.PCAPNG, buf, limit, MAX_BLOCK_LENGTH);
        if (this.limit < MIN_SHB_LENGTH && !fill(MIN_SHB_LENGTH)) {
            throw new CaptureFormatException(0, "pcapng section header block cut off: got " + this.limit
                    + " bytes (expected at least " + MIN_SHB_LENGTH + ")");
        }
        int magic = i32le(SHB_MAGIC_OFFSET);
        boolean be;
        if (magic == BYTE_ORDER_MAGIC) {
            be = false;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            be = true;
        } else {
            throw new CaptureFormatException(SHB_MAGIC_OFFSET, String.format(Locale.ROOT,
                    "bad pcapng byte-order magic: got 0x%08x (expected 0x1a2b3c4d in either byte order)",
                    Integer.reverseBytes(magic)));
        }
        int length = i32(BLOCK_LENGTH_OFFSET, be);
        if (!validLength(length, MIN_SHB_LENGTH)) {
            throw new CaptureFormatException(BLOCK_LENGTH_OFFSET, "bad pcapng section header block length: got "
                    + Integer.toUnsignedString(length) + " (expected a multiple of 4 from " + MIN_SHB_LENGTH + " to "
                    + MAX_BLOCK_LENGTH + ")");
        }
        if (this.limit < length && !fill(length)) {
            throw new CaptureFormatException(0, "pcapng section header block cut off: got " + this.limit
                    + " bytes (expected " + length + ")");
        }
        int trailing = i32(length - 4, be);
        if (trailing != length) {
            throw new CaptureFormatException(length - 4, "pcapng section header block trailing length: got "
                    + Integer.toUnsignedString(trailing) + " (expected " + length + ")");
        }
        int major = u16(SHB_MAJOR_OFFSET, be);
        if (major != VERSION_MAJOR) {
            throw new CaptureFormatException(SHB_MAJOR_OFFSET, "unsupported pcapng version: got " + major + "."
                    + u16(SHB_MINOR_OFFSET, be) + " (expected 1.0)");
        }
        startSection(be);
        pos = length;
    }

    private static boolean validLength(int length, int minimum) {
        return length >= minimum && (length & 3) == 0 && length <= MAX_BLOCK_LENGTH;
    }

    private void startSection(boolean be) {
        bigEndian = be;
        sectionBase = interfaceCount;
        sectionInterfaces = 0;
        skippingSection = false;
        sectionCount++;
    }

    @Override
    public boolean next(RawPacket into) throws IOException {
        if (finished) {
            return false;
        }
        while (true) {
            if (limit - pos < 8 && !fill(8)) {
                return endOfInput();
            }
            int type = i32le(pos); // the SHB type is a palindrome; other types are checked after the swap below
            if (type == SECTION_HEADER_BLOCK) {
                if (!readSectionHeader()) {
                    return false;
                }
                continue;
            }
            if (bigEndian) {
                type = Integer.reverseBytes(type);
            }
            int length = i32(pos + BLOCK_LENGTH_OFFSET, bigEndian);
            if (!validLength(length, MIN_BLOCK_LENGTH)) {
                if (!resynchronise()) {
                    return false;
                }
                continue;
            }
            if (limit - pos < length && !fill(length)) {
                if (!resynchronise()) { // past the end of the file: a cut-off block, or a length that lies
                    return false;
                }
                continue;
            }
            int at = pos;
            if (i32(at + length - 4, bigEndian) != length) {
                if (!resynchronise()) {
                    return false;
                }
                continue;
            }
            pos = at + length;
            if (skippingSection) {
                continue;
            }
            switch (type) {
                case ENHANCED_PACKET_BLOCK:
                    if (readEnhancedPacket(into, at, length)) {
                        return true;
                    }
                    break;
                case SIMPLE_PACKET_BLOCK:
                    if (readSimplePacket(into, at, length)) {
                        return true;
                    }
                    break;
                case PACKET_BLOCK:
                    if (readObsoletePacket(into, at, length)) {
                        return true;
                    }
                    break;
                case INTERFACE_DESCRIPTION_BLOCK:
                    readInterfaceDescription(at, length);
                    break;
                case CUSTOM_BLOCK:
                case CUSTOM_BLOCK_NO_COPY:
                case SYSTEMD_JOURNAL_EXPORT_BLOCK:
                    frames++; // Wireshark makes a frame of these; keep frameNumber() equal to its frame.number
                    break;
                default:
                    break; // §3.1: NRB, ISB, DSB, custom and unknown blocks are skipped by their length
            }
        }
    }

    /**
     * A later SHB at {@code pos}: starts a new section (interface IDs restart, the byte order may change).
     * Returns false at the end of the input.
     */
    private boolean readSectionHeader() throws IOException {
        if (limit - pos < MIN_SHB_LENGTH && !fill(MIN_SHB_LENGTH)) {
            return endOfInput();
        }
        int magic = i32le(pos + SHB_MAGIC_OFFSET);
        boolean be;
        if (magic == BYTE_ORDER_MAGIC) {
            be = false;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            be = true;
        } else {
            return resynchronise();
        }
        int length = i32(pos + BLOCK_LENGTH_OFFSET, be);
        if (!validLength(length, MIN_SHB_LENGTH)) {
            return resynchronise();
        }
        if (limit - pos < length && !fill(length)) {
            return resynchronise();
        }
        if (i32(pos + length - 4, be) != length) {
            return resynchronise();
        }
        long offset = offsetOf(pos);
        int major = u16(pos + SHB_MAJOR_OFFSET, be);
        startSection(be);
        if (major != VERSION_MAJOR) {
            damage(offset);
            skippingSection = true;
        }
        pos += length;
        return true;
    }

    private boolean readEnhancedPacket(RawPacket into, int at, int length) {
        if (length < MIN_EPB_LENGTH) {
            damage(offsetOf(at));
            return false;
        }
        int localId = i32(at + EPB_INTERFACE_OFFSET, bigEndian);
        int capLen = i32(at + EPB_CAPLEN_OFFSET, bigEndian);
        if (Integer.compareUnsigned(localId, sectionInterfaces) >= 0
                || Integer.compareUnsigned(capLen, length - EPB_OVERHEAD) > 0) {
            damage(offsetOf(at));
            return false;
        }
        return emit(into, at, localId, capLen, EPB_TS_HIGH_OFFSET, EPB_ORIGLEN_OFFSET, EPB_DATA_OFFSET);
    }

    private boolean readSimplePacket(RawPacket into, int at, int length) {
        if (length < MIN_SPB_LENGTH || sectionInterfaces == 0) {
            damage(offsetOf(at));
            return false;
        }
        int id = sectionBase; // §4.4: an SPB belongs to the section's first interface
        int origLen = i32(at + SPB_ORIGLEN_OFFSET, bigEndian);
        // §4.4: captured length = min(original length, snaplen), bounded here by the data actually present.
        long capLen = Math.min(origLen & 0xffffffffL, length - SPB_OVERHEAD);
        long snap = ifSnapLength[id] & 0xffffffffL;
        if (snap != 0 && snap < capLen) {
            capLen = snap;
        }
        into.set(buf, at + SPB_DATA_OFFSET, (int) capLen, origLen, lastTimestamp, ifLinkType[id], id, ++frames,
                offsetOf(at));
        return true;
    }

    private boolean readObsoletePacket(RawPacket into, int at, int length) {
        if (length < MIN_PB_LENGTH) {
            damage(offsetOf(at));
            return false;
        }
        int localId = u16(at + PB_INTERFACE_OFFSET, bigEndian);
        int capLen = i32(at + PB_CAPLEN_OFFSET, bigEndian);
        if (localId >= sectionInterfaces || Integer.compareUnsigned(capLen, length - EPB_OVERHEAD) > 0) {
            damage(offsetOf(at));
            return false;
        }
        return emit(into, at, localId, capLen, PB_TS_HIGH_OFFSET, PB_ORIGLEN_OFFSET, PB_DATA_OFFSET);
    }

    /**
     * Hands out a checked Enhanced or obsolete Packet Block: both lay out timestamp (high, low), original length
     * and data at offsets of their own (§4.3, Appendix A), read here with those offsets.
     */
    private boolean emit(RawPacket into, int at, int localId, int capLen, int tsHighOffset, int origLenOffset,
                         int dataOffset) {
        int id = sectionBase + localId;
        long ticks = ((long) i32(at + tsHighOffset, bigEndian) << 32) // timestamp high, then low 32 bits
                | (i32(at + tsHighOffset + 4, bigEndian) & 0xffffffffL);
        long timestamp = toNanos(id, ticks);
        lastTimestamp = timestamp;
        into.set(buf, at + dataOffset, capLen, i32(at + origLenOffset, bigEndian), timestamp, ifLinkType[id], id,
                ++frames, offsetOf(at));
        return true;
    }

    private long toNanos(int id, long ticks) {
        long nanos = ticks >= 0 && ticks <= ifFastMax[id]
                ? ticks * ifMultiplier[id]
                : Timestamps.ticksToNanos(ticks, ifBinary[id], ifExponent[id]);
        long offset = ifOffsetNanos[id];
        return offset == 0 ? nanos : Timestamps.saturatedAdd(nanos, offset);
    }

    /** §4.2. Options other than if_tsresol and if_tsoffset are skipped. */
    private void readInterfaceDescription(int at, int length) {
        if (length < MIN_IDB_LENGTH || interfaceCount == MAX_INTERFACES) {
            damage(offsetOf(at));
            return;
        }
        int linkType = u16(at + IDB_LINKTYPE_OFFSET, bigEndian);
        int snapLength = i32(at + IDB_SNAPLEN_OFFSET, bigEndian);
        boolean binary = false;
        int exponent = DEFAULT_TSRESOL_EXPONENT;
        long offsetSeconds = 0;
        // §3.5: code (2), length (2), value padded to 32 bits; ends at opt_endofopt or the block's end.
        int option = at + IDB_OPTIONS_OFFSET;
        int end = at + length - 4;
        while (option + 4 <= end) {
            int code = u16(option, bigEndian);
            int valueLength = u16(option + 2, bigEndian);
            int value = option + 4;
            if (code == OPT_ENDOFOPT || valueLength > end - value) {
                break; // an option running past the block: ignore it and the rest
            }
            if (code == IF_TSRESOL && valueLength >= 1) {
                // §4.2: MSB 0 → 10^-n s, MSB 1 → 2^-n s. Unrepresentable exponents are ignored (default kept).
                int resolution = buf[value] & 0xff;
                boolean isBinary = (resolution & 0x80) != 0;
                int n = resolution & 0x7f;
                if (n <= (isBinary ? Timestamps.MAX_BINARY_EXPONENT : Timestamps.MAX_DECIMAL_EXPONENT)) {
                    binary = isBinary;
                    exponent = n;
                }
            } else if (code == IF_TSOFFSET && valueLength >= 8) {
                offsetSeconds = i64(value, bigEndian); // §4.2: signed 64-bit seconds
            }
            option = value + ((valueLength + 3) & ~3);
        }
        addInterface(linkType, snapLength, binary, exponent, offsetSeconds);
    }

    private void addInterface(int linkType, int snapLength, boolean binary, int exponent, long offsetSeconds) {
        int id = interfaceCount;
        if (id == ifLinkType.length) {
            int n = id * 2;
            ifLinkType = Arrays.copyOf(ifLinkType, n);
            ifSnapLength = Arrays.copyOf(ifSnapLength, n);
            ifMultiplier = Arrays.copyOf(ifMultiplier, n);
            ifFastMax = Arrays.copyOf(ifFastMax, n);
            ifBinary = Arrays.copyOf(ifBinary, n);
            ifExponent = Arrays.copyOf(ifExponent, n);
            ifOffsetNanos = Arrays.copyOf(ifOffsetNanos, n);
        }
        ifLinkType[id] = linkType;
        ifSnapLength[id] = snapLength;
        ifBinary[id] = binary;
        ifExponent[id] = exponent;
        if (!binary && exponent <= 9) {
            long multiplier = Timestamps.pow10(9 - exponent);
            ifMultiplier[id] = multiplier;
            ifFastMax[id] = Long.MAX_VALUE / multiplier;
        } else {
            ifMultiplier[id] = 0;
            ifFastMax[id] = -1;
        }
        ifOffsetNanos[id] = Timestamps.secondsToNanos(offsetSeconds);
        interfaceCount++;
        sectionInterfaces++;
        addLinkType(linkType);
    }

    /**
     * Called with {@code pos} at a damaged block: counts it and moves {@code pos} to the next plausible block.
     * Returns false if none was found before the end of the file or the scan limit.
     */
    private boolean resynchronise() throws IOException {
        damage(offsetOf(pos));
        long scanned = 0;
        while (true) {
            pos++;
            if (++scanned > RESYNC_SCAN_LIMIT
                    || (limit - pos < MIN_BLOCK_LENGTH && !fill(MIN_BLOCK_LENGTH))) {
                finished = true;
                pos = limit;
                return false;
            }
            if (plausibleBlock()) {
                return true;
            }
        }
    }

    /** Whether a block of a known type, with matching leading and trailing lengths, starts at {@code pos}. */
    private boolean plausibleBlock() throws IOException {
        int type = i32le(pos);
        boolean be = bigEndian;
        int minimum;
        if (type == SECTION_HEADER_BLOCK) {
            int magic = i32le(pos + SHB_MAGIC_OFFSET);
            if (magic == BYTE_ORDER_MAGIC) {
                be = false;
            } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
                be = true;
            } else {
                return false;
            }
            minimum = MIN_SHB_LENGTH;
        } else {
            if (be) {
                type = Integer.reverseBytes(type);
            }
            minimum = minimumLength(type);
            if (minimum == 0) {
                return false;
            }
        }
        int length = i32(pos + BLOCK_LENGTH_OFFSET, be);
        if (!validLength(length, minimum)) {
            return false;
        }
        if (limit - pos < length && !fill(length)) {
            return false;
        }
        if (i32(pos + length - 4, be) != length) {
            return false;
        }
        if (type == ENHANCED_PACKET_BLOCK) {
            return Integer.compareUnsigned(i32(pos + EPB_INTERFACE_OFFSET, be), sectionInterfaces) < 0
                    && Integer.compareUnsigned(i32(pos + EPB_CAPLEN_OFFSET, be), length - EPB_OVERHEAD) <= 0;
        }
        if (type == PACKET_BLOCK) {
            return u16(pos + PB_INTERFACE_OFFSET, be) < sectionInterfaces
                    && Integer.compareUnsigned(i32(pos + PB_CAPLEN_OFFSET, be), length - EPB_OVERHEAD) <= 0;
        }
        return true;
    }

    /** Minimum length of a block of a type the resynchronisation accepts, 0 for types it does not. */
    private static int minimumLength(int type) {
        switch (type) {
            case INTERFACE_DESCRIPTION_BLOCK:
                return MIN_IDB_LENGTH;
            case ENHANCED_PACKET_BLOCK:
                return MIN_EPB_LENGTH;
            case SIMPLE_PACKET_BLOCK:
                return MIN_SPB_LENGTH;
            case PACKET_BLOCK:
                return MIN_PB_LENGTH;
            case NAME_RESOLUTION_BLOCK:
            case INTERFACE_STATISTICS_BLOCK:
            case SYSTEMD_JOURNAL_EXPORT_BLOCK:
            case DECRYPTION_SECRETS_BLOCK:
            case CUSTOM_BLOCK:
            case CUSTOM_BLOCK_NO_COPY:
                return MIN_BLOCK_LENGTH;
            default:
                return 0;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PcapNgReader[%d sections, %d interfaces]", sectionCount, interfaceCount);
    }
}
