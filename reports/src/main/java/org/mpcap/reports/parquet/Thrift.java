package org.mpcap.reports.parquet;

import java.nio.charset.StandardCharsets;

/**
 * The Thrift compact protocol, write side, as far as Parquet's footer and page headers need it (Apache Thrift
 * "compact protocol" spec: field header = delta nibble + type nibble, zigzag varints, list header = size nibble
 * + element type). Fields must be written in increasing id order within a struct.
 */
final class Thrift {
    // Compact-protocol type codes.
    static final int BOOL_TRUE = 1, BOOL_FALSE = 2, I32 = 5, I64 = 6, BINARY = 8, LIST = 9, STRUCT = 12;
    private static final int MAX_DEPTH = 16;

    private final Buf out;
    private final int[] lastField = new int[MAX_DEPTH];
    private int depth;

    Thrift(Buf out) { this.out = out; }

    private void field(int id, int type) {
        int delta = id - lastField[depth];
        if (delta > 0 && delta <= 15) {
            out.u8((delta << 4) | type);
        } else {
            out.u8(type);
            out.varint(zigzag(id));
        }
        lastField[depth] = id;
    }

    private static long zigzag(long v) { return (v << 1) ^ (v >> 63); }

    void i32(int id, int v) {
        field(id, I32);
        out.varint(zigzag(v));
    }

    void i64(int id, long v) {
        field(id, I64);
        out.varint(zigzag(v));
    }

    void bool(int id, boolean v) { field(id, v ? BOOL_TRUE : BOOL_FALSE); }

    void binary(int id, byte[] b) {
        field(id, BINARY);
        out.varint(b.length);
        out.bytes(b);
    }

    void string(int id, String s) { binary(id, s.getBytes(StandardCharsets.UTF_8)); }

    /** Starts a struct-valued field; close it with {@link #end()}. */
    void struct(int id) {
        field(id, STRUCT);
        push();
    }

    /** Starts a struct that is a list element (no field header); close it with {@link #end()}. */
    void element() { push(); }

    /** Ends the current struct (STOP byte). */
    void end() {
        out.u8(0);
        depth--;
    }

    /** The top-level struct's own STOP byte (a message starts at depth 0 with no header). */
    void stop() { out.u8(0); }

    private void push() {
        if (++depth >= MAX_DEPTH) throw new IllegalStateException("thrift nesting too deep");
        lastField[depth] = 0;
    }

    /** A list-valued field header; then write {@code size} elements of {@code elementType}. */
    void list(int id, int elementType, int size) {
        field(id, LIST);
        if (size < 15) {
            out.u8((size << 4) | elementType);
        } else {
            out.u8(0xF0 | elementType);
            out.varint(size);
        }
    }

    /** An i32 list element (enums are i32). */
    void i32Element(int v) { out.varint(zigzag(v)); }

    /** A binary/string list element. */
    void stringElement(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.varint(b.length);
        out.bytes(b);
    }
}
