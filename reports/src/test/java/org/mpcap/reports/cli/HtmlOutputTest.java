package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.reports.model.Fixtures.*;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.model.ReportModels;
import org.mpcap.reports.model.ReportOptions;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class HtmlOutputTest {
    @TempDir
    Path tmp;

    static ReportModel model() {
        String n = "run-01.pcap";
        CaptureAnalysis a = analysis("/x/" + n, 3, connections(n, connection(n, 0, "established", 5_000_000L)),
                subflows(n, subflow(n, 0, 0, "10.0.1.6", "n/a"), subflow(n, 0, 1, "10.0.2.6", "valid")),
                rtt(n), cumulative(n));
        return ReportModels.report(List.of(a), ReportOptions.DEFAULTS);
    }

    @Test
    void indexHtmlHasEverySectionAndWellFormedInlineSvgCharts() throws Exception {
        ReportModel m = model();
        ReportOutputs.write(m, tmp, EnumSet.of(OutputFormat.HTML), null, new Progress(null, false));
        String html = Files.readString(tmp.resolve("index.html"));
        for (String section : List.of("connections", "addresses", "rtt", "bytes", "transfers", "events")) {
            assertThat(html).contains("id=\"run-01-" + section + "\"");
        }
        assertThat(html).doesNotContain("href=\"http", "url(http", "<script", "<link", "src=\"", "@import");
        assertThat(html).contains("3 damaged record(s)");
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        int charts = 0;
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        while (svg.find()) {
            Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg.group())));
            assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
            charts++;
        }
        assertThat(charts).isEqualTo(m.charts().size()).isGreaterThan(3);
    }

    @Test
    void userTemplateReplacesTheBuiltInOne() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tpl"));
        Files.writeString(dir.resolve(HtmlOutput.TEMPLATE), "<p>{{title}}: {{#sections}}[{{title}}]{{/sections}}</p>");
        ReportOutputs.write(model(), tmp.resolve("out"), EnumSet.of(OutputFormat.HTML), dir,
                new Progress(null, false));
        assertThat(Files.readString(tmp.resolve("out/index.html"))).isEqualTo(
                "<p>MPTCP capture report: [run-01.pcap]</p>");
    }
}
