package org.mpcap.analyzer.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mpcap.analyzer.decode.IpAddresses;

/**
 * Per-address packet distribution of one IP version, defined as Wireshark 4.0's "All Addresses" statistics tree
 * ({@code tshark -q -z ip_hosts,tree} and {@code ipv6_hosts,tree}; epan/stats_tree.c and the ip_hosts tree of
 * plugins/epan/stats_tree/pinfo_stats_tree.c):
 *
 * <ul>
 *   <li>every counted IP header adds one to the table total and one to its source and one to its destination
 *       (a packet from an address to itself adds two to that address);</li>
 *   <li><b>count</b> per address;</li>
 *   <li><b>rate</b> = count / elapsed, elapsed = time of the latest header counted − time of the earliest one,
 *       in milliseconds (one elapsed for the whole table; undefined when 0). tshark takes last − first in file
 *       order, which only differs when timestamps go backwards (there it can even be negative);</li>
 *   <li><b>percent</b> = count × 100 / table total (rows add up to 200 %);</li>
 *   <li><b>burst</b>: times are cut into buckets of {@code bucketMs} ({@code floor(now / bucket)}); the burst
 *       count of an address is the number of its packets in the buckets of the last {@code windowMs / bucketMs}
 *       buckets ending with the newest bucket seen; whenever it strictly exceeds the maximum so far it becomes
 *       the maximum and the <b>burst start</b> becomes the time of the first packet of the oldest bucket still
 *       in the window. Exactly as Wireshark: an address starts with an empty bucket number 0 whose start time
 *       is 0 (so a maximum reached within the first window starts at 0.000), packets older than the window
 *       (timestamps going backwards) are counted but ignored for the burst, and a packet that goes backwards
 *       inside the window is added to its own bucket. <b>Burst rate</b> = maximum / windowMs (packets/ms).</li>
 * </ul>
 *
 * <p>Times are relative to the capture's first record (Wireshark's {@code frame.time_relative}), converted to
 * milliseconds as Wireshark's {@code nstime_to_msec} does.
 *
 * <p>Per-packet work is allocation-free once an address is known: addresses live in a primitive open-addressing
 * table of (hi, lo) long pairs, and an address whose buckets alive are more than one has a ring of
 * {@code windowMs / bucketMs} buckets indexed by bucket number modulo the ring size (Wireshark keeps a linked list;
 * the buckets alive always span less than one window, so a ring holds them all), taken from a shared pool when it
 * first needs it. While one bucket is alive (every packet of the address in one bucket, or the earlier ones out of
 * the window) the bucket is in the address's columns: a SYN flood from a million spoofed sources costs about 90
 * bytes an address instead of a 0.5 kB ring each. Not thread-safe.
 */
final class AddressStats {
    private static final long NO_BUCKET = Long.MIN_VALUE;
    private static final int INITIAL_CAPACITY = 64;

    private final int windowMs;
    private final int bucketMs;
    private final int ring;

    // open-addressing table: slot -> address index + 1 (0 = empty)
    private int[] slots = new int[INITIAL_CAPACITY * 2];
    private int size;

    // per address (index i)
    private long[] hi = new long[INITIAL_CAPACITY];
    private long[] lo = new long[INITIAL_CAPACITY];
    private long[] count = new long[INITIAL_CAPACITY];
    private long[] head = new long[INITIAL_CAPACITY];     // oldest bucket number alive
    private long[] tail = new long[INITIAL_CAPACITY];     // newest bucket number alive
    private int[] tailSlot = new int[INITIAL_CAPACITY];    // slot of the newest bucket in the address's ring
    private long[] burstCount = new long[INITIAL_CAPACITY];
    private long[] maxBurst = new long[INITIAL_CAPACITY];
    private double[] burstTime = new double[INITIAL_CAPACITY];
    /** First slot of the address's ring in the pool, or -1: one bucket alive, number head = tail, below. */
    private int[] ringOf = new int[INITIAL_CAPACITY];
    private long[] oneCount = new long[INITIAL_CAPACITY];
    private double[] oneStart = new double[INITIAL_CAPACITY];
    // the pool of rings: per ring × ring slot
    private long[] bucketNo = new long[0];
    private long[] bucketCount = new long[0];
    private double[] bucketStart = new double[0];
    private int rings;

    // indices of the two addresses found last (0 while fewer are known: checked against size)
    private int recent0, recent1;

    private long total;
    private boolean started;
    private double earliestMs;
    private double latestMs;

    /**
     * @param windowMs burst window, a positive multiple of {@code bucketMs} (Wireshark: 100)
     * @param bucketMs burst bucket (Wireshark: 5)
     */
    AddressStats(int windowMs, int bucketMs) {
        if (windowMs <= 0 || bucketMs <= 0 || windowMs % bucketMs != 0) {
            throw new IllegalArgumentException("burst window must be a positive multiple of the bucket");
        }
        this.windowMs = windowMs;
        this.bucketMs = bucketMs;
        this.ring = windowMs / bucketMs;
        grow(INITIAL_CAPACITY);
    }

    /** Wireshark's {@code nstime_to_msec}: seconds × 1000 + nanoseconds / 10⁶, both parts with the sign of t. */
    static double toMillis(long relativeNanos) {
        long secs = relativeNanos / 1_000_000_000L;
        long nsecs = relativeNanos % 1_000_000_000L;
        return (double) secs * 1000.0 + (double) nsecs / 1_000_000.0;
    }

    /** Counts one IP header from (srcHi, srcLo) to (dstHi, dstLo) seen {@code relativeNanos} into the capture. */
    void add(long relativeNanos, long srcHi, long srcLo, long dstHi, long dstLo) {
        double now = toMillis(relativeNanos);
        if (!started) {
            started = true;
            earliestMs = now;
            latestMs = now;
        } else if (now < earliestMs) {
            earliestMs = now;
        } else if (now > latestMs) {
            latestMs = now;
        }
        total++;
        long bucket = (long) Math.floor(now / bucketMs);
        tick(indexOf(srcHi, srcLo), now, bucket);
        tick(indexOf(dstHi, dstLo), now, bucket);
    }

    /** Number of IP headers counted. */
    long total() { return total; }

    /** Number of distinct addresses. */
    int addresses() { return size; }

    /**
     * Elapsed milliseconds between the earliest and the latest header counted. Divergence: tshark takes the last
     * minus the first in file order, which is negative or too short when timestamps go backwards; both agree on
     * ordered captures.
     */
    double elapsedMs() { return started ? latestMs - earliestMs : 0.0; }

    private void tick(int i, double now, long current) {
        count[i]++;
        int base = ringOf[i];
        if (base < 0) {
            if (tickOne(i, now, current)) return;
            base = promote(i);
        }
        if (current == tail[i] && bucketNo[base + tailSlot[i]] == current) {
            // the common case, another packet in the address's newest bucket: no slot arithmetic
            int s = base + tailSlot[i];
            bucketCount[s]++;
            if (bucketStart[s] > now) bucketStart[s] = now;
            if (++burstCount[i] > maxBurst[i]) {
                maxBurst[i] = burstCount[i];
                burstTime[i] = bucketStart[base + slot(head[i])];
            }
            return;
        }
        if (current > tail[i]) {
            // new bucket at the tail; first drop every bucket that leaves the window
            long oldest = current - ring; // buckets <= oldest are out
            if (head[i] <= oldest) {
                for (long b = head[i], end = Math.min(tail[i], oldest); b <= end; b++) {
                    int s = base + slot(b);
                    if (bucketNo[s] == b) {
                        burstCount[i] -= bucketCount[s];
                        bucketNo[s] = NO_BUCKET;
                    }
                }
                long newHead = current;
                for (long b = Math.max(head[i], oldest + 1); b <= tail[i]; b++) {
                    if (bucketNo[base + slot(b)] == b) { newHead = b; break; }
                }
                head[i] = newHead;
            }
            int s = base + slot(current);
            bucketNo[s] = current;
            bucketCount[s] = 1;
            bucketStart[s] = now;
            tail[i] = current;
            tailSlot[i] = s - base;
            burstCount[i]++;
        } else if (current < head[i]) {
            // older than every bucket alive: kept only if still inside the window
            if (current + ring > tail[i]) {
                int s = base + slot(current);
                bucketNo[s] = current;
                bucketCount[s] = 1;
                bucketStart[s] = now;
                head[i] = current;
                burstCount[i]++;
            }
        } else {
            int s = base + slot(current);
            if (bucketNo[s] == current) {
                bucketCount[s]++;
                if (bucketStart[s] > now) bucketStart[s] = now;
            } else {
                bucketNo[s] = current;
                bucketCount[s] = 1;
                bucketStart[s] = now;
            }
            burstCount[i]++;
        }
        if (burstCount[i] > maxBurst[i]) {
            maxBurst[i] = burstCount[i];
            burstTime[i] = bucketStart[base + slot(head[i])];
        }
    }

    /**
     * {@link #tick} for an address with one bucket alive (number head = tail, in {@link #oneCount} and
     * {@link #oneStart}), with the same outcome as the ring's code; false if the packet makes a second bucket alive
     * (the caller then gives the address a ring).
     */
    private boolean tickOne(int i, double now, long current) {
        long b = tail[i];
        if (current == b) { // another packet in the bucket
            oneCount[i]++;
            if (oneStart[i] > now) oneStart[i] = now;
        } else if (current > b && b <= current - ring) { // the bucket leaves the window: the new one is alone
            burstCount[i] -= oneCount[i];
            head[i] = current;
            tail[i] = current;
            oneCount[i] = 1;
            oneStart[i] = now;
        } else if (current < b && current + ring <= b) { // older than the window: counted, not in the burst
            return true;
        } else {
            return false;
        }
        if (++burstCount[i] > maxBurst[i]) {
            maxBurst[i] = burstCount[i];
            burstTime[i] = oneStart[i];
        }
        return true;
    }

    /** A ring for address {@code i} from the pool, holding its one bucket; returns the ring's first slot. */
    private int promote(int i) {
        int base = rings * ring;
        if (base + ring > bucketNo.length) {
            int n = Math.max(base + ring, Math.max(4 * ring, bucketNo.length * 2));
            bucketNo = Arrays.copyOf(bucketNo, n);
            bucketCount = Arrays.copyOf(bucketCount, n);
            bucketStart = Arrays.copyOf(bucketStart, n);
        }
        rings++;
        Arrays.fill(bucketNo, base, base + ring, NO_BUCKET);
        long b = tail[i];
        int s = base + slot(b);
        bucketNo[s] = b;
        bucketCount[s] = oneCount[i];
        bucketStart[s] = oneStart[i];
        tailSlot[i] = s - base;
        ringOf[i] = base;
        return base;
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) ring);
    }

    private int indexOf(long h, long l) {
        // packets come in runs between the same two addresses: try the last two found before hashing
        int r = recent0;
        if (r < size && hi[r] == h && lo[r] == l) return r;
        r = recent1;
        if (r < size && hi[r] == h && lo[r] == l) {
            recent1 = recent0;
            recent0 = r;
            return r;
        }
        r = find(h, l);
        recent1 = recent0;
        recent0 = r;
        return r;
    }

    private int find(long h, long l) {
        int mask = slots.length - 1;
        int p = hash(h, l) & mask;
        while (true) {
            int v = slots[p];
            if (v == 0) break;
            if (hi[v - 1] == h && lo[v - 1] == l) return v - 1;
            p = (p + 1) & mask;
        }
        // new address
        if (size == hi.length) {
            grow(size * 2);
            return find(h, l);
        }
        int i = size++;
        slots[p] = i + 1;
        hi[i] = h;
        lo[i] = l;
        count[i] = 0;
        // Wireshark starts every node with one empty bucket number 0 whose start time is 0
        head[i] = 0;
        tail[i] = 0;
        tailSlot[i] = 0;
        burstCount[i] = 0;
        maxBurst[i] = 0;
        burstTime[i] = -1.0;
        ringOf[i] = -1;
        oneCount[i] = 0;
        oneStart[i] = 0.0;
        return i;
    }

    private static int hash(long h, long l) {
        long x = h * 0x9E3779B97F4A7C15L ^ l;
        x *= 0xBF58476D1CE4E5B9L;
        return (int) (x ^ (x >>> 31) ^ (x >>> 47));
    }

    private void grow(int capacity) {
        hi = Arrays.copyOf(hi, capacity);
        lo = Arrays.copyOf(lo, capacity);
        count = Arrays.copyOf(count, capacity);
        head = Arrays.copyOf(head, capacity);
        tail = Arrays.copyOf(tail, capacity);
        tailSlot = Arrays.copyOf(tailSlot, capacity);
        burstCount = Arrays.copyOf(burstCount, capacity);
        maxBurst = Arrays.copyOf(maxBurst, capacity);
        burstTime = Arrays.copyOf(burstTime, capacity);
        ringOf = Arrays.copyOf(ringOf, capacity);
        oneCount = Arrays.copyOf(oneCount, capacity);
        oneStart = Arrays.copyOf(oneStart, capacity);
        slots = new int[Integer.highestOneBit(capacity) * 4];
        int mask = slots.length - 1;
        for (int i = 0; i < size; i++) {
            int p = hash(hi[i], lo[i]) & mask;
            while (slots[p] != 0) p = (p + 1) & mask;
            slots[p] = i + 1;
        }
    }

    /** One address's figures; see the class comment for definitions. */
    record Row(long hi, long lo, String address, long count, Double rateMs, double percent, Double burstRate,
               Double burstStartSeconds) {
    }

    /**
     * The rows in Wireshark's order: count descending, ties by address text descending (ASCII case-insensitive,
     * as the stats tree's default sort). {@code rateMs} is null when the elapsed time is 0; burst values are null
     * when the address never had a packet inside a window (Wireshark prints "-").
     */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>(size);
        for (int i : order()) rows.add(row(i));
        return rows;
    }

    /** The figures of address {@code i} (an index of {@link #order()}). */
    Row row(int i) {
        double elapsed = elapsedMs();
        Double rate = elapsed != 0.0 ? count[i] / elapsed : null;
        double percent = count[i] * 100.0 / total;
        Double burstRate = maxBurst[i] > 0 ? (double) maxBurst[i] / windowMs : null;
        Double burstStart = maxBurst[i] > 0 ? burstTime[i] / 1000.0 : null;
        return new Row(hi[i], lo[i], IpAddresses.format(hi[i], lo[i]), count[i], rate, percent, burstRate,
                burstStart);
    }

    /**
     * The addresses' indices in the rows' order ({@link #rows}): an {@code int[]}, so that a table of a million
     * addresses is made on access from the columns; the address texts the ties are sorted by are made for the
     * sort only.
     */
    int[] order() {
        String[] text = new String[size];
        for (int i = 0; i < size; i++) text[i] = IpAddresses.format(hi[i], lo[i]);
        return IntOrder.sorted(size, (a, b) -> {
            int c = Long.compare(count[b], count[a]);
            return c != 0 ? c : compareIgnoreAsciiCase(text[b], text[a]);
        });
    }

    /** Rings taken from the pool (addresses that had more than one bucket alive at once), for tests. */
    int rings() { return rings; }

    private static int compareIgnoreAsciiCase(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            int x = lowerAscii(a.charAt(k)), y = lowerAscii(b.charAt(k));
            if (x != y) return x - y;
        }
        return a.length() - b.length();
    }

    private static int lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
