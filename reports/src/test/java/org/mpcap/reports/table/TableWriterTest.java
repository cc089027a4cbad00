package org.mpcap.reports.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

class TableWriterTest {

    private static DataTable sample() {
        DataTable t = new DataTable("addr_dist", "Packets per address", List.of(
                Column.text("address", "IP address"),
                Column.integer("packets", "", "packet count"),
                Column.decimal("percent", 2, "%", "share"),
                Column.seconds("first_s", "first packet"),
                Column.bool("client", "client side")));
        t.add("10.0.1.6", 5724L, 40.664, 0.223, true);
        t.add("10.0.4.7", 14076L, 100.0, null, false);
        return t;
    }

    private static DataTable textTable(String... values) {
        DataTable t = new DataTable("notes", "Notes", List.of(Column.text("note", ""), Column.integer("n", "", "")));
        for (String v : values) t.add(v, 1L);
        return t;
    }

    @Test
    void csvHasHeaderOfNamesAndCrlfRecords() {
        assertThat(TableWriter.toString(sample(), TableFormat.CSV)).isEqualTo(
                "address,packets,percent,first_s,client\r\n"
                        + "10.0.1.6,5724,40.66,0.223000,true\r\n"
                        + "10.0.4.7,14076,100.00,,false\r\n");
    }

    @Test
    void csvQuotesCommaQuoteAndLineBreaks() {
        String csv = TableWriter.toString(textTable("a,b", "say \"hi\"", "two\nlines", "cr\rhere", "plain"),
                TableFormat.CSV);
        assertThat(csv).isEqualTo("note,n\r\n"
                + "\"a,b\",1\r\n"
                + "\"say \"\"hi\"\"\",1\r\n"
                + "\"two\nlines\",1\r\n"
                + "\"cr\rhere\",1\r\n"
                + "plain,1\r\n");
    }

    @Test
    void jsonHasTypedValuesAndNulls() {
        assertThat(TableWriter.toString(sample(), TableFormat.JSON)).isEqualTo(
                "{\"table\":\"addr_dist\",\"title\":\"Packets per address\",\"columns\":[\n"
                        + "  {\"name\":\"address\",\"type\":\"text\",\"unit\":\"\",\"description\":\"IP address\"},\n"
                        + "  {\"name\":\"packets\",\"type\":\"integer\",\"unit\":\"\",\"description\":\"packet count\"},\n"
                        + "  {\"name\":\"percent\",\"type\":\"decimal\",\"unit\":\"%\",\"description\":\"share\"},\n"
                        + "  {\"name\":\"first_s\",\"type\":\"seconds\",\"unit\":\"s\",\"description\":\"first packet\"},\n"
                        + "  {\"name\":\"client\",\"type\":\"boolean\",\"unit\":\"\",\"description\":\"client side\"}],\n"
                        + "\"rows\":[\n"
                        + "  {\"address\":\"10.0.1.6\",\"packets\":5724,\"percent\":40.66,\"first_s\":0.223000,\"client\":true},\n"
                        + "  {\"address\":\"10.0.4.7\",\"packets\":14076,\"percent\":100.00,\"first_s\":null,\"client\":false}]}\n");
    }

    @Test
    void jsonNanIsNull() {
        DataTable t = new DataTable("x", "X", List.of(Column.decimal("v", 3, "", "")));
        t.add(Double.NaN);
        assertThat(TableWriter.toString(t, TableFormat.JSON)).contains("{\"v\":null}");
    }

    @Test
    void jsonEscapesQuotesBackslashesAndControls() {
        assertThat(TableWriter.jsonString("a\"b\\c\nd\te\u0001f\u2028")).isEqualTo(
                "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028\"");
        assertThat(TableWriter.jsonString("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
        assertThat(TableWriter.jsonString("x\ud83d")).isEqualTo("\"x\\ud83d\"");
        assertThat(TableWriter.toString(textTable("</script>\"x"), TableFormat.JSON))
                .contains("{\"note\":\"</script>\\\"x\",\"n\":1}");
    }

    @Test
    void jsonEmptyTableHasEmptyRows() {
        assertThat(TableWriter.toString(sample().emptyCopy(), TableFormat.JSON)).endsWith("\"rows\":[]}\n");
    }

    @Test
    void markdownRightAlignsNumbersAndShowsUnits() {
        assertThat(TableWriter.toString(sample(), TableFormat.MARKDOWN)).isEqualTo(
                "| address  | packets | percent (%) | first_s  | client |\n"
                        + "| -------- | ------: | ----------: | -------: | ------ |\n"
                        + "| 10.0.1.6 |    5724 |       40.66 | 0.223000 | true   |\n"
                        + "| 10.0.4.7 |   14076 |      100.00 |          | false  |\n");
    }

    @Test
    void markdownEscapesPipesAndFlattensLines() {
        String md = TableWriter.toString(textTable("a|b", "x\ny"), TableFormat.MARKDOWN);
        assertThat(md).contains("| a\\|b |").contains("| x y  |");
    }

    @Test
    void latexUsesBooktabsAndRightAlignedNumbers() {
        assertThat(TableWriter.toString(sample(), TableFormat.LATEX)).isEqualTo(
                "\\begin{table}[htbp]\n"
                        + "  \\centering\n"
                        + "  \\caption{Packets per address}\n"
                        + "  \\label{tab:addr_dist}\n"
                        + "  \\begin{tabular}{lrrrl}\n"
                        + "    \\toprule\n"
                        + "    address & packets & percent (\\%) & first\\_s & client \\\\\n"
                        + "    \\midrule\n"
                        + "    10.0.1.6 & 5724 & 40.66 & 0.223000 & true \\\\\n"
                        + "    10.0.4.7 & 14076 & 100.00 &  & false \\\\\n"
                        + "    \\bottomrule\n"
                        + "  \\end{tabular}\n"
                        + "\\end{table}\n");
    }

    @Test
    void latexEscapesSpecialCharacters() {
        assertThat(TableWriter.latexEscape("a_b 50% R&D #1 $x {y} ~z ^w \\v"))
                .isEqualTo("a\\_b 50\\% R\\&D \\#1 \\$x \\{y\\} \\textasciitilde{}z \\textasciicircum{}w "
                        + "\\textbackslash{}v");
    }

    @Test
    void latexNegativeNumbersUseMathMinus() {
        DataTable t = new DataTable("d", "D", List.of(Column.decimal("v", 1, "", "")));
        t.add(-2.5);
        assertThat(TableWriter.toString(t, TableFormat.LATEX)).contains("    $-$2.5 \\\\\n");
    }

    @Test
    void formatParsesNamesAndExtensions() {
        assertThat(TableFormat.parse("md")).isEqualTo(TableFormat.MARKDOWN);
        assertThat(TableFormat.parse("LaTeX")).isEqualTo(TableFormat.LATEX);
        assertThat(TableFormat.CSV.fileName("subflows")).isEqualTo("subflows.csv");
    }

    @Test
    void latexEscapesNonAsciiToCommandsSoPdflatexAcceptsIt() {
        assertThat(TableWriter.latexEscape("σ (sample, n−1) ± 10 µs → café < 1e-6"))
                .isEqualTo("\\ensuremath{\\sigma} (sample, n\\ensuremath{-}1) \\ensuremath{\\pm} 10 \\ensuremath{\\mu}s "
                        + "\\ensuremath{\\rightarrow} caf{\\'{e}} \\textless{} 1e-6");
    }

    @Test
    void groupedColumnsGetAMulticolumnHeaderAsTheSeedsTables3And4() {
        DataTable t = new DataTable("runs-transfer", "Rate and time", List.of(Column.integer("run", "", ""),
                Column.decimal("default: rate", 3, "kB/s", ""), Column.decimal("default: time", 6, "s", ""),
                Column.decimal("fullmesh: rate", 3, "kB/s", ""), Column.decimal("fullmesh: time", 6, "s", "")));
        t.add(1L, 515.0, 20.3492, 153.0, 68.4308);
        String tex = TableWriter.toString(t, TableFormat.LATEX);
        assertThat(tex).contains("     & \\multicolumn{2}{c}{default} & \\multicolumn{2}{c}{fullmesh} \\\\\n"
                + "    \\cmidrule(lr){2-3}\\cmidrule(lr){4-5}\n"
                + "    run & rate (kB/s) & time (s) & rate (kB/s) & time (s) \\\\\n");
        assertThat(TableWriter.headerGroups(t.columns())).containsExactly(new TableWriter.HeaderGroup("", 0, 1),
                new TableWriter.HeaderGroup("default", 1, 2), new TableWriter.HeaderGroup("fullmesh", 3, 2));
    }

    @Test
    void latexTablesLongerThanAPageAreLongtables() {
        DataTable t = new DataTable("long", "Long", List.of(Column.integer("i", "", "")));
        for (long i = 0; i <= TableWriter.LATEX_FLOAT_ROWS; i++) t.add(i);
        String tex = TableWriter.toString(t, TableFormat.LATEX);
        assertThat(tex).contains("\\begin{longtable}").contains("\\endhead").doesNotContain("\\begin{table}");
    }

    @Test
    void headersGiveTheShortUnitOnceAndNeverRepeatTheName() {
        assertThat(TableWriter.header(Column.decimal("rate_kBps", 3, "kB/s (1 kB = 1000 B)", ""))).isEqualTo(
                "rate_kBps (kB/s)");
        assertThat(TableWriter.header(Column.integer("packets", "packets", ""))).isEqualTo("packets");
        assertThat(TableWriter.header(Column.integer("count", "packets", ""))).isEqualTo("count (packets)");
        assertThat(TableWriter.header(Column.decimal("min_ms", 3, "ms", ""))).isEqualTo("min_ms");
        assertThat(TableWriter.header(Column.decimal("rate_kBps", 1, "kB/s (1 kB = 1000 B)", "")))
                .isEqualTo("rate_kBps (kB/s)");
        assertThat(TableWriter.groupedHeader(Column.decimal("default: rate", 3, "kB/s (1 kB = 1000 B)", "")))
                .isEqualTo("rate (kB/s)");
    }

    private static DataTable perRun(int metrics) {
        List<Column> cols = new java.util.ArrayList<>(List.of(Column.text("group", ""), Column.integer("run", "", ""),
                Column.text("capture", ""), Column.integer("connection", "", "")));
        for (int i = 0; i < metrics; i++) cols.add(Column.decimal("m" + i, 3, "s", ""));
        DataTable t = new DataTable("runs", "Per-run metrics", cols);
        Object[] row = new Object[cols.size()];
        row[0] = "default";
        row[1] = 1L;
        row[2] = "default/run-01.pcap";
        row[3] = 0L;
        for (int i = 0; i < metrics; i++) row[4 + i] = (double) i;
        return t.add(row);
    }

    @Test
    void aTableNoPageHoldsIsSplitIntoPartsThatRepeatTheKeyColumns() {
        List<Column> cols = perRun(40).columns(); // 44 columns, as compare's per-run metrics
        List<int[]> parts = TableWriter.pageParts(cols);
        assertThat(parts).hasSizeGreaterThan(1);
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int[] p : parts) {
            assertThat(p.length).isLessThanOrEqualTo(TableWriter.PAGE_PART_COLUMNS);
            assertThat(p).startsWith(0, 1, 2); // group, run, capture: every row says which run it is
            for (int k = 3; k < p.length; k++) assertThat(seen.add(p[k])).isTrue();
        }
        assertThat(seen).hasSize(cols.size() - 3).first().isEqualTo(3);
        assertThat(TableWriter.pageParts(perRun(10).columns())).singleElement()
                .satisfies(p -> assertThat(p).hasSize(14)); // fits a page: one part, every column
    }

    @Test
    void markdownLinksTheCellsOfTheLinkColumnToAnchors() {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            TableWriter.markdown(perRun(1), "capture", List.of("default-run-01"), w);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(w.toString()).contains("| [default/run-01.pcap](#default-run-01) |");
    }
}
