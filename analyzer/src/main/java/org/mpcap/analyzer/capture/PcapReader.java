package org.mpcap.analyzer.capture;

import java.io.IOException;
import java.util.Locale;

/**
 * Classic pcap, as specified in draft-ietf-opsawg-pcap (§4 File Header, §5 Packet Record) and
 * tcpdump.org's pcap-savefile(5). Byte order and timestamp unit come from the magic number (§4.1); the
 * link type is the low 16 bits of the header's LinkType field (the FCS-length, P, R and Reserved3 bits above
 * it are masked off, §4). Reserved1 ("thiszone") and Reserved2 ("sigfigs") are ignored as §4 requires.
 *
 * <h2>Damaged records and resynchronisation</h2>
 * A record header is damaged when its captured length exceeds {@link #maxCapturedLength} (the file's snaplen,
 * but at least {@value #DEFAULT_MAX_CAPTURED_LENGTH} and at most {@value #HARD_MAX_CAPTURED_LENGTH}), or exceeds
 * its original length (§5: "SHOULD NOT be less than the Captured Packet Length") while the header after the
 * record is not plausible (tshark reads such records, and some writers produce them; the usual cause, though, is
 * a misaligned header, which the check of the next header exposes). pcap has no framing, so after a
 * damaged header the reader scans forward byte by byte for the next <em>plausible</em> header: fraction of
 * second below 10^6 (10^9 for nanosecond files), seconds within {@value #RESYNC_TIME_WINDOW_SECONDS} s of the
 * last good record, 0 &lt; origlen &le; {@value #RESYNC_MAX_ORIGINAL_LENGTH}, caplen &le; origlen and
 * caplen &le; snaplen; and the header right after it is plausible as well (or the file ends exactly there).
 * The skipped region counts as one damaged record. The scan gives up after
 * {@value #RESYNC_SCAN_LIMIT} bytes; the rest of the file is then treated as damaged and reading stops.
 * A record cut off by the end of the file counts as one damaged record.
 */
final class PcapReader extends BufferedCaptureReader {
    /** §4: the file header is 24 octets. */
    static final int FILE_HEADER_LENGTH = 24;
    /** §5: the packet record header is 16 octets. */
    static final int RECORD_HEADER_LENGTH = 16;
    /** §4.1 magic numbers, as read in the file's own byte order. */
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    /** §4: the only major version. */
    static final int VERSION_MAJOR = 2;
    private static final int VERSION_MAJOR_OFFSET = 4;
    private static final int VERSION_MINOR_OFFSET = 6;
    private static final int SNAPLEN_OFFSET = 16;
    private static final int LINKTYPE_OFFSET = 20;
    /** §4 Figure 2: LinkType is the low 16 bits; FCS len, R, P and Reserved3 sit above. */
    static final int LINKTYPE_MASK = 0xffff;

    /** libpcap's MAXIMUM_SNAPLEN and Wireshark's standard maximum packet size. */
    static final int DEFAULT_MAX_CAPTURED_LENGTH = 262_144;
    /** Never grow the window beyond this for one pcap record, whatever snaplen claims. */
    static final int HARD_MAX_CAPTURED_LENGTH = 16 * 1024 * 1024;
    static final long RESYNC_TIME_WINDOW_SECONDS = 86_400;
    static final int RESYNC_MAX_ORIGINAL_LENGTH = 262_144;
    static final long RESYNC_SCAN_LIMIT = 64L * 1024 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final boolean bigEndian;
    private final boolean nanos;
    private final long fractionToNanos;
    private final long fractionLimit;
    private final int snapLength;
    private final int linkType;
    /** Largest captured length accepted for a record. */
    private final int maxCapturedLength;
    /** Largest captured length a resynchronisation candidate may have. */
    private final int resyncMaxCapturedLength;
    /** Seconds field of the last good record, -1 before the first. */
    private long lastSeconds = -1;

    /**
     * Parses the file header at {@code buf[0]}. {@code buf[0, limit)} holds at least the 4-byte magic.
     *
     * @throws CaptureFormatException if the header is cut off or has an unknown major version
     */
    PcapReader(CaptureInput input, byte[] buf, int limit, boolean bigEndian, boolean nanos) throws IOException {
        super(input, nanos ? CaptureFormat.PCAP_NANOS : CaptureFormat.PCAP_MICROS, buf, limit,
                HARD_MAX_CAPTURED_LENGTH + 2 * RECORD_HEADER_LENGTH);
        this.bigEndian = bigEndian;
        this.nanos = nanos;
        this.fractionToNanos = nanos ? 1 : 1_000;
        this.fractionLimit = nanos ? NANOS_PER_SECOND : 1_000_000;
        if (this.limit - pos < FILE_HEADER_LENGTH && !fill(FILE_HEADER_LENGTH)) {
            throw new CaptureFormatException(0, "pcap file header cut off: got " + (this.limit - pos)
                    + " bytes (expected " + FILE_HEADER_LENGTH + ")");
        }
        int major = u16(VERSION_MAJOR_OFFSET, bigEndian);
        int minor = u16(VERSION_MINOR_OFFSET, bigEndian);
        if (major != VERSION_MAJOR) {
            throw new CaptureFormatException(VERSION_MAJOR_OFFSET, "unsupported pcap version: got " + major + "."
                    + minor + " (expected 2.4)");
        }
        this.snapLength = i32(SNAPLEN_OFFSET, bigEndian);
        this.linkType = i32(LINKTYPE_OFFSET, bigEndian) & LINKTYPE_MASK;
        // Unsigned snaplen clamped to [DEFAULT, HARD]: 0 ("no limit", forbidden by §4 but written by some tools),
        // 65535 (old tcpdump, while GRO can hand it bigger packets) and absurd values all end up sane.
        long snap = snapLength & 0xffffffffL;
        this.maxCapturedLength = (int) Math.min(HARD_MAX_CAPTURED_LENGTH, Math.max(DEFAULT_MAX_CAPTURED_LENGTH, snap));
        this.resyncMaxCapturedLength = snap == 0 ? maxCapturedLength : (int) Math.min(snap, maxCapturedLength);
        addLinkType(linkType);
        pos = FILE_HEADER_LENGTH;
    }

    @Override
    public boolean next(RawPacket into) throws IOException {
        if (finished) {
            return false;
        }
        while (true) {
            if (limit - pos < RECORD_HEADER_LENGTH && !fill(RECORD_HEADER_LENGTH)) {
                return endOfInput();
            }
            int at = pos;
            int seconds = i32(at, bigEndian);
            int fraction = i32(at + 4, bigEndian);
            int capLen = i32(at + 8, bigEndian);
            int origLen = i32(at + 12, bigEndian);
            if (Integer.compareUnsigned(capLen, maxCapturedLength) > 0
                    || (Integer.compareUnsigned(capLen, origLen) > 0 && !followedByPlausibleHeader(capLen))) {
                if (!resynchronise()) {
                    return false;
                }
                continue;
            }
            int recordLength = RECORD_HEADER_LENGTH + capLen;
            if (limit - pos < recordLength && !fill(recordLength)) {
                return endOfInput();
            }
            at = pos;
            long secs = seconds & 0xffffffffL;
            lastSeconds = secs;
            // §5: unsigned 32-bit seconds and fraction; at most 2^32 * 10^9 + 2^32 * 10^3 < 2^63, so no overflow.
            long timestamp = secs * NANOS_PER_SECOND + (fraction & 0xffffffffL) * fractionToNanos;
            into.set(buf, at + RECORD_HEADER_LENGTH, capLen, origLen, timestamp, linkType, 0, ++frames, offsetOf(at));
            pos = at + recordLength;
            return true;
        }
    }

    /**
     * Called with {@code pos} at a damaged record header: counts it and moves {@code pos} to the next plausible
     * header. Returns false if none was found before the end of the file or the scan limit.
     */
    private boolean resynchronise() throws IOException {
        damage(offsetOf(pos));
        long scanned = 0;
        while (true) {
            pos++;
            if (++scanned > RESYNC_SCAN_LIMIT) {
                finished = true;
                pos = limit;
                return false;
            }
            if (limit - pos < RECORD_HEADER_LENGTH && !fill(RECORD_HEADER_LENGTH)) {
                finished = true;
                pos = limit;
                return false;
            }
            if (!plausible(pos, lastSeconds)) {
                continue;
            }
            int recordLength = RECORD_HEADER_LENGTH + i32(pos + 8, bigEndian);
            int needed = recordLength + RECORD_HEADER_LENGTH;
            if (limit - pos < needed && !fill(needed)) {
                if (limit - pos == recordLength) {
                    return true; // the last record of the file
                }
                continue;
            }
            if (plausible(pos + recordLength, i32(pos, bigEndian) & 0xffffffffL)) {
                return true;
            }
        }
    }

    /**
     * For a header at {@code pos} whose captured length exceeds its original length (§5 "SHOULD NOT"; tshark
     * reads such records): whether the next header is plausible, or the file ends exactly after this record.
     */
    private boolean followedByPlausibleHeader(int capLen) throws IOException {
        int recordLength = RECORD_HEADER_LENGTH + capLen;
        int needed = recordLength + RECORD_HEADER_LENGTH;
        if (limit - pos < needed && !fill(needed)) {
            return limit - pos == recordLength;
        }
        return plausible(pos + recordLength, i32(pos, bigEndian) & 0xffffffffL);
    }

    private boolean plausible(int at, long referenceSeconds) {
        long seconds = i32(at, bigEndian) & 0xffffffffL;
        long fraction = i32(at + 4, bigEndian) & 0xffffffffL;
        long capLen = i32(at + 8, bigEndian) & 0xffffffffL;
        long origLen = i32(at + 12, bigEndian) & 0xffffffffL;
        if (fraction >= fractionLimit) {
            return false;
        }
        if (referenceSeconds >= 0 && Math.abs(seconds - referenceSeconds) > RESYNC_TIME_WINDOW_SECONDS) {
            return false;
        }
        return origLen > 0 && origLen <= RESYNC_MAX_ORIGINAL_LENGTH && capLen <= origLen
                && capLen <= resyncMaxCapturedLength;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PcapReader[%s, %s-endian, snaplen %d, linktype %d]",
                nanos ? "ns" : "us", bigEndian ? "big" : "little", snapLength & 0xffffffffL, linkType);
    }
}
