package org.mpcap.reports.cli;

import java.nio.file.Path;
import java.util.Map;
import org.mpcap.reports.model.ReportModel;

/** index.html from the model (wired to the HTML renderer once it is in main). */
final class HtmlOutput {
    private HtmlOutput() {}

    static void write(ReportModel model, Map<String, String> svgs, Path templateDir, Path target) {
        throw new UnsupportedOperationException("the HTML renderer is not in this build yet");
    }
}
