package org.mpcap.reports.parquet;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Writes a {@link DataTable} as an Apache Parquet file (format 2.x footer, data pages v1, PLAIN values,
 * RLE definition levels, GZIP pages) with typed columns: TEXT → UTF-8 string, INTEGER → INT64, DECIMAL and
 * SECONDS → DOUBLE, BOOLEAN → BOOLEAN; every column is OPTIONAL (an empty CSV cell is a null). The rows and
 * their order are those of the table, i.e. of its CSV.
 *
 * <p>Added after the table's own columns (the CSV contract stays a prefix):
 * <ul>
 *   <li>for every SECONDS column {@code NAME} (a time relative to the capture's first packet), {@code NAME_utc}:
 *       the same instant as a TIMESTAMP(MICROS, adjusted to UTC) — capture start + seconds — when the table has
 *       a {@code capture} column and {@code captures} knows that capture's first timestamp, else null;</li>
 *   <li>with {@code scenarioRun}, {@code scenario} and {@code run} (strings) from {@code captures}, unless the
 *       table already has columns of those names.</li>
 * </ul>
 *
 * <p>Written by this project rather than parquet-java: parquet-java's writer still needs Hadoop classes at run
 * time (README, "Parquet tables", has the measurement). The format is the one of the Apache Parquet
 * specification ({@code parquet.thrift}, {@code Encodings.md}); the tests read the files back with DuckDB.
 */
public final class ParquetTableWriter {
    /** Rows per row group: a few MB of uncompressed values per group for the widest tables. */
    public static final int ROW_GROUP_ROWS = 1 << 17;
    /** Deflate level of the GZIP pages: the fastest; the sample tables are still about 5× smaller than their CSV. */
    static final int GZIP_LEVEL = 1;
    static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    // parquet.thrift enums.
    private static final int TYPE_BOOLEAN = 0, TYPE_INT64 = 2, TYPE_DOUBLE = 5, TYPE_BYTE_ARRAY = 6;
    private static final int REPETITION_OPTIONAL = 1;
    private static final int CONVERTED_UTF8 = 0, CONVERTED_TIMESTAMP_MICROS = 10;
    private static final int ENCODING_PLAIN = 0, ENCODING_RLE = 3;
    private static final int CODEC_GZIP = 2;
    private static final int PAGE_DATA = 0;

    /**
     * What is known of a capture named in a table's {@code capture} column.
     *
     * @param firstTimestampNanos epoch nanoseconds of its first packet ({@link Long#MIN_VALUE}: unknown)
     * @param scenario            scenario name, or null
     * @param run                 run name within the scenario, or null
     */
    public record CaptureInfo(long firstTimestampNanos, String scenario, String run) {}

    /**
     * Value types of the Parquet columns: STRING (UTF-8 {@link String}), INT64 ({@link Long}), DOUBLE
     * ({@link Double}), BOOLEAN ({@link Boolean}), TIMESTAMP ({@link Long} microseconds since the epoch, UTC).
     */
    public enum Kind { STRING, INT64, DOUBLE, BOOLEAN, TIMESTAMP }

    /** Where a column's values come from: the table's own column, its UTC twin, or the capture's scenario/run. */
    public enum Role { VALUE, UTC, SCENARIO, RUN }

    /** One Parquet column of a table: its name, type and where its values come from. */
    public record Field(String name, Kind kind, int source, Role role) {
        /** This column's value in {@code row} of the table, given what is known of the row's capture (or null). */
        public Object value(Object[] row, CaptureInfo info) { return ParquetTableWriter.value(this, row, info); }
    }

    private ParquetTableWriter() {}

    /**
     * The Parquet columns {@link #write} produces for {@code table}, in order (the Spark job builds the same
     * columns from these).
     */
    public static List<Field> fields(DataTable table, boolean scenarioRun) { return layout(table, scenarioRun); }

    /**
     * Writes {@code table} to {@code out} (not closed).
     *
     * @param captures    what is known of each value of the {@code capture} column (may return null); null if nothing
     * @param scenarioRun add {@code scenario} and {@code run} columns
     */
    public static void write(DataTable table, Function<String, CaptureInfo> captures, boolean scenarioRun,
                             OutputStream out) throws IOException {
        List<Field> cols = layout(table, scenarioRun);
        int captureCol = table.columnIndex("capture");
        Function<String, CaptureInfo> lookup = captures == null ? c -> null : captures;
        Counting file = new Counting(out);
        file.write(MAGIC);
        List<Object[]> rows = table.rows();
        List<Buf> rowGroups = new ArrayList<>();
        Buf pageHeader = new Buf(64);
        Buf levels = new Buf(1024);
        Buf values = new Buf(1 << 16);
        Buf page = new Buf(1 << 16);
        for (int start = 0; start < rows.size(); start += ROW_GROUP_ROWS) {
            int end = Math.min(rows.size(), start + ROW_GROUP_ROWS);
            // Per-row capture facts, looked up once per row group row (not once per column).
            CaptureInfo[] info = new CaptureInfo[end - start];
            if (captureCol >= 0) {
                for (int r = start; r < end; r++) {
                    Object c = rows.get(r)[captureCol];
                    info[r - start] = c == null ? null : lookup.apply((String) c);
                }
            }
            Buf group = new Buf(256);
            Thrift g = new Thrift(group);
            g.list(1, Thrift.STRUCT, cols.size());
            long groupUncompressed = 0, groupCompressed = 0, groupOffset = -1;
            for (Field col : cols) {
                levels.reset();
                values.reset();
                ColumnStats stats = new ColumnStats();
                Rle rle = new Rle(levels);
                int bits = 0, bitCount = 0;
                for (int r = start; r < end; r++) {
                    Object v = value(col, rows.get(r), info[r - start]);
                    if (v == null) {
                        rle.add(0);
                        stats.nulls++;
                        continue;
                    }
                    rle.add(1);
                    switch (col.kind()) {
                        case STRING -> {
                            byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                            values.i32(b.length);
                            values.bytes(b);
                        }
                        case INT64, TIMESTAMP -> {
                            long x = (Long) v;
                            values.i64(x);
                            stats.add(x);
                        }
                        case DOUBLE -> {
                            double x = (Double) v;
                            values.i64(Double.doubleToLongBits(x));
                            stats.add(x);
                        }
                        case BOOLEAN -> {
                            // PLAIN booleans are bit-packed, least significant bit first.
                            if ((Boolean) v) bits |= 1 << bitCount;
                            if (++bitCount == 8) {
                                values.u8(bits);
                                bits = 0;
                                bitCount = 0;
                            }
                        }
                    }
                }
                if (bitCount > 0) values.u8(bits);
                rle.finish();
                // Data page v1 of an OPTIONAL column: [definition levels, u32 length first][values].
                page.reset();
                page.i32(levels.size());
                page.append(levels);
                page.append(values);
                byte[] compressed = gzip(page);
                pageHeader.reset();
                Thrift h = new Thrift(pageHeader);
                h.i32(1, PAGE_DATA);
                h.i32(2, page.size());
                h.i32(3, compressed.length);
                h.struct(5);
                h.i32(1, end - start);
                h.i32(2, ENCODING_PLAIN);
                h.i32(3, ENCODING_RLE);
                h.i32(4, ENCODING_RLE);
                h.end();
                h.stop();
                long offset = file.position;
                if (groupOffset < 0) groupOffset = offset;
                pageHeader.writeTo(file);
                file.write(compressed);
                long uncompressed = pageHeader.size() + page.size();
                long onDisk = pageHeader.size() + compressed.length;
                groupUncompressed += uncompressed;
                groupCompressed += onDisk;

                // ColumnChunk { 2: file_offset, 3: ColumnMetaData }
                g.element();
                g.i64(2, offset);
                g.struct(3);
                g.i32(1, physicalType(col.kind()));
                g.list(2, Thrift.I32, 2);
                g.i32Element(ENCODING_PLAIN);
                g.i32Element(ENCODING_RLE);
                g.list(3, Thrift.BINARY, 1);
                g.stringElement(col.name());
                g.i32(4, CODEC_GZIP);
                g.i64(5, end - start);
                g.i64(6, uncompressed);
                g.i64(7, onDisk);
                g.i64(9, offset);
                g.struct(12);
                stats.write(g, col.kind());
                g.end();
                g.end();
                g.end();
            }
            g.i64(2, groupUncompressed);
            g.i64(3, end - start);
            g.i64(5, groupOffset);
            g.i64(6, groupCompressed);
            g.stop();
            rowGroups.add(group);
        }
        Buf footer = new Buf(1024);
        Thrift f = new Thrift(footer);
        f.i32(1, 1);
        f.list(2, Thrift.STRUCT, cols.size() + 1);
        f.element();
        f.string(4, "schema");
        f.i32(5, cols.size());
        f.end();
        for (Field col : cols) schemaElement(f, col);
        f.i64(3, rows.size());
        f.list(4, Thrift.STRUCT, rowGroups.size());
        for (Buf rg : rowGroups) footer.append(rg);
        f.list(5, Thrift.STRUCT, 2);
        keyValue(f, "mpcap.table", table.name());
        keyValue(f, "mpcap.title", table.title());
        f.string(6, "mpcap");
        // ColumnOrder TYPE_ORDER for every column: min_value/max_value use the type's natural order.
        f.list(7, Thrift.STRUCT, cols.size());
        for (int i = 0; i < cols.size(); i++) {
            f.element();
            f.struct(1);
            f.end();
            f.end();
        }
        f.stop();
        footer.writeTo(file);
        Buf tail = new Buf(8);
        tail.i32(footer.size());
        tail.bytes(MAGIC);
        tail.writeTo(file);
        file.flush();
    }

    private static void keyValue(Thrift f, String key, String value) {
        f.element();
        f.string(1, key);
        f.string(2, value);
        f.end();
    }

    private static void schemaElement(Thrift f, Field col) {
        f.element();
        f.i32(1, physicalType(col.kind()));
        f.i32(3, REPETITION_OPTIONAL);
        f.string(4, col.name());
        switch (col.kind()) {
            case STRING -> {
                f.i32(6, CONVERTED_UTF8);
                f.struct(10);
                f.struct(1); // LogicalType.STRING
                f.end();
                f.end();
            }
            case TIMESTAMP -> {
                f.i32(6, CONVERTED_TIMESTAMP_MICROS);
                f.struct(10);
                f.struct(8); // LogicalType.TIMESTAMP
                f.bool(1, true); // isAdjustedToUTC
                f.struct(2); // unit
                f.struct(2); // MICROS
                f.end();
                f.end();
                f.end();
                f.end();
            }
            default -> { }
        }
        f.end();
    }

    private static int physicalType(Kind k) {
        return switch (k) {
            case STRING -> TYPE_BYTE_ARRAY;
            case INT64, TIMESTAMP -> TYPE_INT64;
            case DOUBLE -> TYPE_DOUBLE;
            case BOOLEAN -> TYPE_BOOLEAN;
        };
    }

    private static List<Field> layout(DataTable table, boolean scenarioRun) {
        List<Field> cols = new ArrayList<>();
        List<Column> cs = table.columns();
        for (int i = 0; i < cs.size(); i++) {
            Kind k = switch (cs.get(i).type()) {
                case TEXT -> Kind.STRING;
                case INTEGER -> Kind.INT64;
                case DECIMAL, SECONDS -> Kind.DOUBLE;
                case BOOLEAN -> Kind.BOOLEAN;
            };
            cols.add(new Field(cs.get(i).name(), k, i, Role.VALUE));
        }
        if (table.columnIndex("capture") >= 0) {
            for (int i = 0; i < cs.size(); i++) {
                String utc = cs.get(i).name() + "_utc";
                if (cs.get(i).type() == DataTable.ColumnType.SECONDS && table.columnIndex(utc) < 0) {
                    cols.add(new Field(utc, Kind.TIMESTAMP, i, Role.UTC));
                }
            }
        }
        if (scenarioRun) {
            if (table.columnIndex("scenario") < 0) cols.add(new Field("scenario", Kind.STRING, -1, Role.SCENARIO));
            if (table.columnIndex("run") < 0) cols.add(new Field("run", Kind.STRING, -1, Role.RUN));
        }
        return cols;
    }

    static Object value(Field col, Object[] row, CaptureInfo info) {
        return switch (col.role()) {
            case VALUE -> row[col.source()];
            case UTC -> {
                Object s = row[col.source()];
                if (s == null || info == null || info.firstTimestampNanos() == Long.MIN_VALUE) yield null;
                double seconds = (Double) s;
                if (!Double.isFinite(seconds)) yield null;
                yield Math.floorDiv(info.firstTimestampNanos(), 1000L) + Math.round(seconds * 1e6);
            }
            case SCENARIO -> info == null ? null : info.scenario();
            case RUN -> info == null ? null : info.run();
        };
    }

    private static byte[] gzip(Buf page) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(Math.max(64, page.size() / 3));
        try (GZIPOutputStream z = new GZIPOutputStream(bytes, 1 << 16) {
            { def.setLevel(GZIP_LEVEL); }
        }) {
            page.writeTo(z);
        }
        return bytes.toByteArray();
    }

    /** RLE/bit-packed hybrid encoding of definition levels (bit width 1), RLE runs only. */
    private static final class Rle {
        private final Buf out;
        private int value = -1;
        private int run;

        Rle(Buf out) { this.out = out; }

        void add(int level) {
            if (level == value) {
                run++;
                return;
            }
            flush();
            value = level;
            run = 1;
        }

        private void flush() {
            if (run == 0) return;
            out.varint((long) run << 1); // header: run length, low bit 0 = RLE run
            out.u8(value);               // the value in ceil(bitWidth / 8) = 1 byte
        }

        void finish() {
            flush();
            run = 0;
        }
    }

    /** null_count and min/max (PLAIN-encoded) of one column chunk. */
    private static final class ColumnStats {
        long nulls;
        long minL = Long.MAX_VALUE, maxL = Long.MIN_VALUE;
        double minD = Double.POSITIVE_INFINITY, maxD = Double.NEGATIVE_INFINITY;
        boolean any, nan;

        void add(long x) {
            any = true;
            minL = Math.min(minL, x);
            maxL = Math.max(maxL, x);
        }

        void add(double x) {
            any = true;
            if (Double.isNaN(x)) {
                nan = true;
                return;
            }
            minD = Math.min(minD, x);
            maxD = Math.max(maxD, x);
        }

        /** Statistics { 3: null_count, 5: max_value, 6: min_value }. */
        void write(Thrift t, Kind kind) {
            t.i64(3, nulls);
            if (!any) return;
            if (kind == Kind.INT64 || kind == Kind.TIMESTAMP) {
                t.binary(5, le(maxL));
                t.binary(6, le(minL));
            } else if (kind == Kind.DOUBLE && !nan && minD <= maxD) {
                // The specification's rule for signed zeros: a min of 0 is written -0.0, a max of 0 is +0.0.
                double min = minD == 0.0 ? -0.0 : minD, max = maxD == 0.0 ? 0.0 : maxD;
                t.binary(5, le(Double.doubleToLongBits(max)));
                t.binary(6, le(Double.doubleToLongBits(min)));
            }
        }

        private static byte[] le(long v) {
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (8 * i));
            return b;
        }
    }

    /** Counts bytes written, for the offsets in the footer. */
    private static final class Counting extends FilterOutputStream {
        long position;

        Counting(OutputStream out) { super(out); }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }
    }
}
