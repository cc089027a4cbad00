package org.mpcap.reports.cli;

import java.util.Locale;

/** Minimal JSON text building for CLI documents (no dependency): strings escaped per RFC 8259 §7. */
final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    Json beginObject() { value(); sb.append('{'); needComma = false; return this; }

    Json endObject() { sb.append('}'); needComma = true; return this; }

    Json beginArray() { value(); sb.append('['); needComma = false; return this; }

    Json endArray() { sb.append(']'); needComma = true; return this; }

    Json name(String name) {
        if (needComma) sb.append(',');
        string(name);
        sb.append(':');
        needComma = false;
        return this;
    }

    Json value(String s) {
        value();
        if (s == null) sb.append("null");
        else string(s);
        needComma = true;
        return this;
    }

    Json value(long v) { value(); sb.append(v); needComma = true; return this; }

    Json value(boolean v) { value(); sb.append(v); needComma = true; return this; }

    /** Seconds with 6 decimals, or null when negative nanos say "not seen". */
    Json seconds(long nanos) {
        value();
        sb.append(nanos < 0 ? "null" : String.format(Locale.ROOT, "%.6f", nanos / 1e9));
        needComma = true;
        return this;
    }

    Json value(double v) {
        value();
        sb.append(String.format(Locale.ROOT, "%.6f", v));
        needComma = true;
        return this;
    }

    private void value() {
        if (needComma) sb.append(',');
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() { return sb.toString(); }
}
