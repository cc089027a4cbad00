package org.mpcap.reports.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The one JSON writer of mpcap (table exports, {@code summary --json}): a streaming generator onto an
 * {@link Appendable} (a {@code Writer} for big tables, a {@code StringBuilder} for small documents) that places
 * the commas itself. Strings are escaped per RFC 8259 §7: quotes, backslashes and control characters (as
 * {@code \n}, {@code \t}, ... or {@code \}{@code uXXXX}), and also U+2028/U+2029 and lone surrogates, so the text
 * is safe inside JavaScript and encodes to valid UTF-8. Numbers are written as given (the caller formats them,
 * {@link CellFormat} for table cells); non-finite doubles become {@code null}.
 *
 * <p>Not a validator: the caller pairs begin/end calls. Output problems of the {@code Appendable} surface as
 * {@link UncheckedIOException}.
 */
public final class JsonWriter {
    private final Appendable out;
    /** True when the next value at this level needs a comma before it. */
    private boolean comma;
    /** Whitespace to write after the next comma (or in its place), for one element per line. */
    private String indent;

    public JsonWriter(Appendable out) {
        this.out = out;
    }

    /** A writer into a string ({@link #toString()}), for small documents such as one line of {@code live}. */
    public JsonWriter() {
        this(new StringBuilder());
    }

    /** What was written, when writing into a {@code StringBuilder} (the no-argument constructor). */
    @Override
    public String toString() {
        return out.toString();
    }

    public JsonWriter beginObject() { return open('{'); }

    public JsonWriter endObject() { return close('}'); }

    public JsonWriter beginArray() { return open('['); }

    public JsonWriter endArray() { return close(']'); }

    /** An object member's name; the value follows. */
    public JsonWriter name(String name) {
        separate();
        raw(quote(name));
        raw(":");
        comma = false;
        return this;
    }

    /** A string value, or null. */
    public JsonWriter value(String s) { return rawValue(s == null ? "null" : quote(s)); }

    public JsonWriter value(long v) { return rawValue(Long.toString(v)); }

    public JsonWriter value(boolean v) { return rawValue(Boolean.toString(v)); }

    /** A number with {@code decimals} fixed decimals ({@link Locale#ROOT}); NaN and infinities as null. */
    public JsonWriter value(double v, int decimals) {
        return rawValue(Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "null");
    }

    /** A number with 6 decimals (NaN and infinities as null). */
    public JsonWriter value(double v) { return value(v, 6); }

    /** Seconds from nanoseconds with 6 decimals, or null when negative ("not seen"). */
    public JsonWriter seconds(long nanos) {
        return rawValue(nanos < 0 ? "null" : String.format(Locale.ROOT, "%.6f", nanos / 1e9));
    }

    /** A value already in JSON form (a number formatted by the caller, {@code null}, {@code true}). */
    public JsonWriter rawValue(String json) {
        separate();
        raw(json);
        comma = true;
        return this;
    }

    /** Whitespace written verbatim (e.g. the final line break). */
    public JsonWriter whitespace(String ws) {
        raw(ws);
        return this;
    }

    /** Whitespace placed after the comma before the next element ({@code "\n  "}: one element per line). */
    public JsonWriter indent(String ws) {
        indent = ws;
        return this;
    }

    private JsonWriter open(char c) {
        separate();
        raw(String.valueOf(c));
        comma = false;
        return this;
    }

    private JsonWriter close(char c) {
        raw(String.valueOf(c));
        comma = true;
        return this;
    }

    private void separate() {
        if (comma) raw(",");
        if (indent != null) {
            raw(indent);
            indent = null;
        }
    }

    private void raw(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON string literal for {@code s} (RFC 8259 §7), see the class comment. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    boolean lone = Character.isHighSurrogate(ch)
                            ? !(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            : Character.isLowSurrogate(ch)
                                    && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (ch < 0x20 || ch == '\u2028' || ch == '\u2029' || lone) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
