package org.mpcap.reports.html;

import java.util.List;
import java.util.Objects;

/**
 * The content of one self-contained HTML page, filled by a command (e.g. {@code mpcap report}) and drawn by
 * {@link HtmlRenderer}. All text is plain text (escaped when rendered); only chart SVG is inserted raw.
 *
 * @param title    page title and heading
 * @param subtitle one line under the heading (what was analysed), or ""
 * @param facts    facts shown as a key/value list, in order (e.g. "file" → "run1.pcapng")
 * @param sections the sections, in order
 * @param warnings messages shown in a warnings box (e.g. "12 damaged records skipped"); may be empty
 */
public record HtmlPage(String title, String subtitle, List<Fact> facts, List<HtmlSection> sections,
        List<String> warnings) {

    /** One key/value line of the capture facts. */
    public record Fact(String key, String value) {
        public Fact {
            Objects.requireNonNull(key, "key");
            value = value == null ? "" : value;
        }
    }

    public HtmlPage {
        Objects.requireNonNull(title, "title");
        subtitle = subtitle == null ? "" : subtitle;
        facts = facts == null ? List.of() : List.copyOf(facts);
        sections = sections == null ? List.of() : List.copyOf(sections);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A page without subtitle. */
    public HtmlPage(String title, List<Fact> facts, List<HtmlSection> sections, List<String> warnings) {
        this(title, "", facts, sections, warnings);
    }
}
